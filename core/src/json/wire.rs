//! The wire names of every enum and the readers of every input type, in one
//! place. Field names and defaults mirror the serde attributes on the types.

use super::read::{variant, Fields, FromJson};
use super::write::{write_str, ToJson};
use super::{JsonError, Path, Value};
use crate::capability::Launch;
use crate::context::{
    Availability, Context, FormFactor, Host, InstalledWallets, Platform, Probes, Readiness, WalletApp,
};
use crate::decision::{HiddenReason, Placement};
use crate::detect::Hints;
use crate::policy::{
    AmountLimit, Boost, CapabilityOverride, Condition, Experiment, Policy, Preselect, RailPolicy, Rollout,
    Variant, VariantBoost,
};

/// Gives a unit enum its snake_case wire names: `as_str`, reading and writing.
macro_rules! wire_enum {
    ($t:ident { $($v:ident = $s:literal,)* }) => {
        impl $t {
            const WIRE: &'static [(&'static str, $t)] = &[$(($s, $t::$v)),*];

            /// Every value, in declaration order.
            pub const ALL: &'static [$t] = &[$($t::$v),*];

            /// The snake_case wire name.
            pub fn as_str(self) -> &'static str {
                match self { $($t::$v => $s),* }
            }
        }
        impl FromJson for $t {
            fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
                variant(value, at, $t::WIRE)
            }
        }
        impl ToJson for $t {
            fn write_json(&self, out: &mut String) {
                write_str(out, self.as_str());
            }
        }
    };
}

wire_enum!(Platform {
    Ios = "ios", Android = "android", Harmonyos = "harmonyos", Windows = "windows", Macos = "macos",
    Linux = "linux", Chromeos = "chromeos", Other = "other",
});
wire_enum!(FormFactor { Mobile = "mobile", Tablet = "tablet", Desktop = "desktop", });
wire_enum!(Host {
    Browser = "browser", Native = "native", Wechat = "wechat", WechatMiniProgram = "wechat_mini_program",
    Wecom = "wecom", Alipay = "alipay", Taobao = "taobao", Tmall = "tmall", Dingtalk = "dingtalk", Qq = "qq",
    Weibo = "weibo", Douyin = "douyin", Kuaishou = "kuaishou", Xiaohongshu = "xiaohongshu",
    Unionpay = "unionpay", Meituan = "meituan", Jd = "jd", Facebook = "facebook", Instagram = "instagram",
    Messenger = "messenger", Line = "line", Tiktok = "tiktok", Twitter = "twitter", Linkedin = "linkedin",
    Telegram = "telegram", Snapchat = "snapchat", Webview = "webview",
});
wire_enum!(Availability { Installed = "installed", NotInstalled = "not_installed", Unknown = "unknown", });
wire_enum!(Readiness { Ready = "ready", Supported = "supported", NotReady = "not_ready", Unknown = "unknown", });
wire_enum!(WalletApp { Wechat = "wechat", Alipay = "alipay", Unionpay = "unionpay", Taobao = "taobao", Paypal = "paypal", });
wire_enum!(Launch {
    AppSwitch = "app_switch", InHostBridge = "in_host_bridge", H5Redirect = "h5_redirect", QrCode = "qr_code",
    NativeSheet = "native_sheet", PaymentRequest = "payment_request", CardForm = "card_form",
    OpenInBrowser = "open_in_browser",
});
wire_enum!(Preselect { First = "first", PersonalOnly = "personal_only", None = "none", });
wire_enum!(Placement {
    Preferred = "preferred", LastUsed = "last_used", ExperimentOrder = "experiment_order", Score = "score",
    Guide = "guide",
});
wire_enum!(HiddenReason {
    DisabledByMerchant = "disabled_by_merchant", CountryUnsupported = "country_unsupported",
    CurrencyUnsupported = "currency_unsupported", AmountBelowMin = "amount_below_min",
    AmountAboveMax = "amount_above_max", RolloutExcluded = "rollout_excluded",
    PlatformUnsupported = "platform_unsupported", HostBlocksRail = "host_blocks_rail",
    WalletNotInstalled = "wallet_not_installed", WalletNotReady = "wallet_not_ready",
    OverDisplayLimit = "over_display_limit",
});

impl FromJson for Context {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        let f = Fields::of(
            value,
            at,
            &[
                "platform",
                "form_factor",
                "host",
                "user_agent",
                "installed_wallets",
                "probes",
                "preferred_rail",
                "last_used",
                "amount",
                "currency",
                "country",
                "region_tier",
                "subject_id",
            ],
        )?;
        Ok(Context {
            platform: f.optional(at, "platform")?,
            form_factor: f.optional(at, "form_factor")?,
            host: f.optional(at, "host")?,
            user_agent: f.optional(at, "user_agent")?,
            installed_wallets: f.or_default(at, "installed_wallets")?,
            probes: f.or_default(at, "probes")?,
            preferred_rail: f.optional(at, "preferred_rail")?,
            last_used: f.or_default(at, "last_used")?,
            amount: f.optional(at, "amount")?,
            currency: f.optional(at, "currency")?,
            country: f.optional(at, "country")?,
            region_tier: f.optional(at, "region_tier")?,
            subject_id: f.optional(at, "subject_id")?,
        })
    }
}

impl FromJson for InstalledWallets {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        let f = Fields::of(value, at, &["wechat", "alipay", "unionpay", "taobao", "paypal"])?;
        Ok(InstalledWallets {
            wechat: f.or_default(at, "wechat")?,
            alipay: f.or_default(at, "alipay")?,
            unionpay: f.or_default(at, "unionpay")?,
            taobao: f.or_default(at, "taobao")?,
            paypal: f.or_default(at, "paypal")?,
        })
    }
}

impl FromJson for Probes {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        let f = Fields::of(value, at, &["apple_pay", "google_pay", "payment_request"])?;
        Ok(Probes {
            apple_pay: f.or_default(at, "apple_pay")?,
            google_pay: f.or_default(at, "google_pay")?,
            payment_request: f.or_default(at, "payment_request")?,
        })
    }
}

impl FromJson for Hints {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        let f = Fields::of(
            value,
            at,
            &[
                "ua_platform",
                "ua_mobile",
                "touch",
                "wechat_mini_program",
                "weixin_js_bridge",
                "alipay_js_bridge",
            ],
        )?;
        Ok(Hints {
            ua_platform: f.optional(at, "ua_platform")?,
            ua_mobile: f.optional(at, "ua_mobile")?,
            touch: f.optional(at, "touch")?,
            wechat_mini_program: f.or_default(at, "wechat_mini_program")?,
            weixin_js_bridge: f.or_default(at, "weixin_js_bridge")?,
            alipay_js_bridge: f.or_default(at, "alipay_js_bridge")?,
        })
    }
}

impl FromJson for Policy {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        let f = Fields::of(value, at, Policy::FIELDS)?;
        Ok(Policy {
            schema: f.required(at, "schema")?,
            version: f.required(at, "version")?,
            not_after: f.optional(at, "not_after")?,
            rails: f.required(at, "rails")?,
            boosts: f.or_default(at, "boosts")?,
            experiments: f.or_default(at, "experiments")?,
            capabilities: f.or_default(at, "capabilities")?,
            max_shown: f.optional(at, "max_shown")?,
            preselect: f.or_default(at, "preselect")?,
            host_native_bonus: f.or(at, "host_native_bonus", crate::policy::default_host_native_bonus)?,
        })
    }
}

impl FromJson for RailPolicy {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        let f = Fields::of(
            value,
            at,
            &[
                "id",
                "behaves_like",
                "enabled",
                "currencies",
                "countries",
                "limits",
                "weight",
                "rollout",
                "wallet",
                "without_wallet",
                "open_in_browser_when_blocked",
            ],
        )?;
        Ok(RailPolicy {
            id: f.required(at, "id")?,
            behaves_like: f.optional(at, "behaves_like")?,
            enabled: f.or(at, "enabled", || true)?,
            currencies: f.or_default(at, "currencies")?,
            countries: f.or_default(at, "countries")?,
            limits: f.or_default(at, "limits")?,
            weight: f.or_default(at, "weight")?,
            rollout: f.optional(at, "rollout")?,
            wallet: f.optional(at, "wallet")?,
            without_wallet: f.optional(at, "without_wallet")?,
            open_in_browser_when_blocked: f.or_default(at, "open_in_browser_when_blocked")?,
        })
    }
}

impl FromJson for AmountLimit {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        let f = Fields::of(value, at, &["currency", "min", "max"])?;
        Ok(AmountLimit {
            currency: f.required(at, "currency")?,
            min: f.optional(at, "min")?,
            max: f.optional(at, "max")?,
        })
    }
}

impl FromJson for Rollout {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        let f = Fields::of(value, at, &["percent", "salt"])?;
        Ok(Rollout {
            percent: f.required(at, "percent")?,
            salt: f.required(at, "salt")?,
        })
    }
}

impl FromJson for Condition {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        let f = Fields::of(
            value,
            at,
            &[
                "platform",
                "form_factor",
                "host",
                "country",
                "currency",
                "region_tier_min",
                "region_tier_max",
                "amount_min",
                "amount_max",
                "installed",
            ],
        )?;
        Ok(Condition {
            platform: f.or_default(at, "platform")?,
            form_factor: f.or_default(at, "form_factor")?,
            host: f.or_default(at, "host")?,
            country: f.or_default(at, "country")?,
            currency: f.or_default(at, "currency")?,
            region_tier_min: f.optional(at, "region_tier_min")?,
            region_tier_max: f.optional(at, "region_tier_max")?,
            amount_min: f.optional(at, "amount_min")?,
            amount_max: f.optional(at, "amount_max")?,
            installed: f.or_default(at, "installed")?,
        })
    }
}

impl FromJson for Boost {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        let f = Fields::of(value, at, &["id", "rail", "when", "delta"])?;
        Ok(Boost {
            id: f.required(at, "id")?,
            rail: f.required(at, "rail")?,
            when: f.or_default(at, "when")?,
            delta: f.required(at, "delta")?,
        })
    }
}

impl FromJson for Experiment {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        let f = Fields::of(value, at, &["id", "salt", "when", "variants"])?;
        Ok(Experiment {
            id: f.required(at, "id")?,
            salt: f.required(at, "salt")?,
            when: f.or_default(at, "when")?,
            variants: f.required(at, "variants")?,
        })
    }
}

impl FromJson for Variant {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        let f = Fields::of(value, at, &["id", "weight", "boosts", "order"])?;
        Ok(Variant {
            id: f.required(at, "id")?,
            weight: f.required(at, "weight")?,
            boosts: f.or_default(at, "boosts")?,
            order: f.or_default(at, "order")?,
        })
    }
}

impl FromJson for VariantBoost {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        let f = Fields::of(value, at, &["rail", "delta"])?;
        Ok(VariantBoost {
            rail: f.required(at, "rail")?,
            delta: f.required(at, "delta")?,
        })
    }
}

impl FromJson for CapabilityOverride {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        let f = Fields::of(value, at, &["host", "rail", "platform", "launch"])?;
        Ok(CapabilityOverride {
            host: f.required(at, "host")?,
            rail: f.required(at, "rail")?,
            platform: f.or_default(at, "platform")?,
            launch: f.optional(at, "launch")?,
        })
    }
}

impl FromJson for crate::envelope::Envelope {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        let f = Fields::of(value, at, &["policy", "key_id", "signature"])?;
        Ok(crate::envelope::Envelope {
            policy: f.required(at, "policy")?,
            key_id: f.required(at, "key_id")?,
            signature: f.required(at, "signature")?,
        })
    }
}

impl FromJson for crate::envelope::TrustedKey {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        let f = Fields::of(value, at, &["key_id", "public_key"])?;
        Ok(crate::envelope::TrustedKey {
            key_id: f.required(at, "key_id")?,
            public_key: f.required(at, "public_key")?,
        })
    }
}

impl FromJson for crate::envelope::VerifyOptions {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        let f = Fields::of(value, at, &["now_unix_seconds", "min_version"])?;
        Ok(crate::envelope::VerifyOptions {
            now_unix_seconds: f.required(at, "now_unix_seconds")?,
            min_version: f.optional(at, "min_version")?,
        })
    }
}
