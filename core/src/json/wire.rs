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
use crate::event::EventKind;
use crate::policy::{
    AmountLimit, Boost, CapabilityOverride, Condition, Experiment, Policy, Preselect, RailPolicy, Rollout,
    Variant, VariantBoost,
};

/// Gives a unit enum its snake_case wire names: `as_str`, reading and writing.
macro_rules! wire_enum {
    ($t:ident { $($v:ident = $s:literal,)* }) => {
        impl $t {
            const NAMES: &'static [&'static str] = &[$($s),*];

            /// Every value, in declaration order.
            pub const ALL: &'static [$t] = &[$($t::$v),*];

            /// The snake_case wire name.
            pub fn as_str(self) -> &'static str {
                match self { $($t::$v => $s),* }
            }
        }
        impl FromJson for $t {
            fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
                let i = variant(value, at, $t::NAMES)?;
                // `NAMES` and `ALL` list the variants in the same order.
                $t::ALL
                    .get(i)
                    .copied()
                    .ok_or_else(|| JsonError::at(at, "unknown variant"))
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
    Unionpay = "unionpay", Meituan = "meituan", Jd = "jd", AlipayMiniProgram = "alipay_mini_program",
    DouyinMiniProgram = "douyin_mini_program", QqMiniProgram = "qq_mini_program", Baidu = "baidu",
    Pinduoduo = "pinduoduo", Zhihu = "zhihu", Bilibili = "bilibili", Lark = "lark", Toutiao = "toutiao",
    Facebook = "facebook", Instagram = "instagram",
    Messenger = "messenger", Line = "line", Tiktok = "tiktok", Twitter = "twitter", Linkedin = "linkedin",
    Telegram = "telegram", Snapchat = "snapchat", Whatsapp = "whatsapp", Threads = "threads",
    Pinterest = "pinterest", Kakaotalk = "kakaotalk", Naver = "naver", Zalo = "zalo", GoogleApp = "google_app",
    Reddit = "reddit", Webview = "webview",
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
wire_enum!(EventKind { Exposure = "exposure", Selection = "selection", Outcome = "outcome", });

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
                "checkout_id",
            ],
        )?;
        let mut c = Context::default();
        f.set("platform", &mut c.platform)?;
        f.set("form_factor", &mut c.form_factor)?;
        f.set("host", &mut c.host)?;
        f.set("user_agent", &mut c.user_agent)?;
        f.set("installed_wallets", &mut c.installed_wallets)?;
        f.set("probes", &mut c.probes)?;
        f.set("preferred_rail", &mut c.preferred_rail)?;
        f.set("last_used", &mut c.last_used)?;
        f.set("amount", &mut c.amount)?;
        f.set("currency", &mut c.currency)?;
        f.set("country", &mut c.country)?;
        f.set("region_tier", &mut c.region_tier)?;
        f.set("subject_id", &mut c.subject_id)?;
        f.set("checkout_id", &mut c.checkout_id)?;
        Ok(c)
    }
}

impl FromJson for InstalledWallets {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        let f = Fields::of(value, at, &["wechat", "alipay", "unionpay", "taobao", "paypal"])?;
        let mut w = InstalledWallets::default();
        f.set("wechat", &mut w.wechat)?;
        f.set("alipay", &mut w.alipay)?;
        f.set("unionpay", &mut w.unionpay)?;
        f.set("taobao", &mut w.taobao)?;
        f.set("paypal", &mut w.paypal)?;
        Ok(w)
    }
}

impl FromJson for Probes {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        let f = Fields::of(value, at, &["apple_pay", "google_pay", "payment_request"])?;
        let mut p = Probes::default();
        f.set("apple_pay", &mut p.apple_pay)?;
        f.set("google_pay", &mut p.google_pay)?;
        f.set("payment_request", &mut p.payment_request)?;
        Ok(p)
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
        let mut h = Hints::default();
        f.set("ua_platform", &mut h.ua_platform)?;
        f.set("ua_mobile", &mut h.ua_mobile)?;
        f.set("touch", &mut h.touch)?;
        f.set("wechat_mini_program", &mut h.wechat_mini_program)?;
        f.set("weixin_js_bridge", &mut h.weixin_js_bridge)?;
        f.set("alipay_js_bridge", &mut h.alipay_js_bridge)?;
        Ok(h)
    }
}

impl FromJson for Policy {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        let f = Fields::of(value, at, Policy::FIELDS)?;
        let mut p = Policy {
            schema: String::new(),
            version: 0,
            not_after: None,
            rails: Vec::new(),
            boosts: Vec::new(),
            experiments: Vec::new(),
            capabilities: Vec::new(),
            max_shown: None,
            preselect: Preselect::default(),
            host_native_bonus: crate::policy::default_host_native_bonus(),
        };
        f.need("schema", &mut p.schema)?;
        f.need("version", &mut p.version)?;
        f.set("not_after", &mut p.not_after)?;
        f.need("rails", &mut p.rails)?;
        f.set("boosts", &mut p.boosts)?;
        f.set("experiments", &mut p.experiments)?;
        f.set("capabilities", &mut p.capabilities)?;
        f.set("max_shown", &mut p.max_shown)?;
        f.set("preselect", &mut p.preselect)?;
        f.set("host_native_bonus", &mut p.host_native_bonus)?;
        Ok(p)
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
        let mut r = RailPolicy {
            id: String::new(),
            behaves_like: None,
            enabled: true,
            currencies: Vec::new(),
            countries: Vec::new(),
            limits: Vec::new(),
            weight: 0,
            rollout: None,
            wallet: None,
            without_wallet: None,
            open_in_browser_when_blocked: false,
        };
        f.need("id", &mut r.id)?;
        f.set("behaves_like", &mut r.behaves_like)?;
        f.set("enabled", &mut r.enabled)?;
        f.set("currencies", &mut r.currencies)?;
        f.set("countries", &mut r.countries)?;
        f.set("limits", &mut r.limits)?;
        f.set("weight", &mut r.weight)?;
        f.set("rollout", &mut r.rollout)?;
        f.set("wallet", &mut r.wallet)?;
        f.set("without_wallet", &mut r.without_wallet)?;
        f.set(
            "open_in_browser_when_blocked",
            &mut r.open_in_browser_when_blocked,
        )?;
        Ok(r)
    }
}

impl FromJson for AmountLimit {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        let f = Fields::of(value, at, &["currency", "min", "max"])?;
        let mut l = AmountLimit {
            currency: String::new(),
            min: None,
            max: None,
        };
        f.need("currency", &mut l.currency)?;
        f.set("min", &mut l.min)?;
        f.set("max", &mut l.max)?;
        Ok(l)
    }
}

impl FromJson for Rollout {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        let f = Fields::of(value, at, &["percent", "salt"])?;
        let mut r = Rollout {
            percent: 0,
            salt: String::new(),
        };
        f.need("percent", &mut r.percent)?;
        f.need("salt", &mut r.salt)?;
        Ok(r)
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
        let mut c = Condition::default();
        f.set("platform", &mut c.platform)?;
        f.set("form_factor", &mut c.form_factor)?;
        f.set("host", &mut c.host)?;
        f.set("country", &mut c.country)?;
        f.set("currency", &mut c.currency)?;
        f.set("region_tier_min", &mut c.region_tier_min)?;
        f.set("region_tier_max", &mut c.region_tier_max)?;
        f.set("amount_min", &mut c.amount_min)?;
        f.set("amount_max", &mut c.amount_max)?;
        f.set("installed", &mut c.installed)?;
        Ok(c)
    }
}

impl FromJson for Boost {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        let f = Fields::of(value, at, &["id", "rail", "when", "delta"])?;
        let mut b = Boost {
            id: String::new(),
            rail: String::new(),
            when: Condition::default(),
            delta: 0,
        };
        f.need("id", &mut b.id)?;
        f.need("rail", &mut b.rail)?;
        f.set("when", &mut b.when)?;
        f.need("delta", &mut b.delta)?;
        Ok(b)
    }
}

impl FromJson for Experiment {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        let f = Fields::of(value, at, &["id", "salt", "when", "variants"])?;
        let mut e = Experiment {
            id: String::new(),
            salt: String::new(),
            when: Condition::default(),
            variants: Vec::new(),
        };
        f.need("id", &mut e.id)?;
        f.need("salt", &mut e.salt)?;
        f.set("when", &mut e.when)?;
        f.need("variants", &mut e.variants)?;
        Ok(e)
    }
}

impl FromJson for Variant {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        let f = Fields::of(value, at, &["id", "weight", "boosts", "order"])?;
        let mut v = Variant {
            id: String::new(),
            weight: 0,
            boosts: Vec::new(),
            order: Vec::new(),
        };
        f.need("id", &mut v.id)?;
        f.need("weight", &mut v.weight)?;
        f.set("boosts", &mut v.boosts)?;
        f.set("order", &mut v.order)?;
        Ok(v)
    }
}

impl FromJson for VariantBoost {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        let f = Fields::of(value, at, &["rail", "delta"])?;
        let mut b = VariantBoost {
            rail: String::new(),
            delta: 0,
        };
        f.need("rail", &mut b.rail)?;
        f.need("delta", &mut b.delta)?;
        Ok(b)
    }
}

impl FromJson for CapabilityOverride {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        let f = Fields::of(value, at, &["host", "rail", "platform", "launch"])?;
        let mut o = CapabilityOverride {
            host: Host::Browser,
            rail: String::new(),
            platform: Vec::new(),
            launch: None,
        };
        f.need("host", &mut o.host)?;
        f.need("rail", &mut o.rail)?;
        f.set("platform", &mut o.platform)?;
        f.set("launch", &mut o.launch)?;
        Ok(o)
    }
}

impl FromJson for crate::envelope::Envelope {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        let f = Fields::of(value, at, &["policy", "key_id", "signature"])?;
        let mut e = crate::envelope::Envelope {
            policy: String::new(),
            key_id: String::new(),
            signature: String::new(),
        };
        f.need("policy", &mut e.policy)?;
        f.need("key_id", &mut e.key_id)?;
        f.need("signature", &mut e.signature)?;
        Ok(e)
    }
}

impl FromJson for crate::envelope::TrustedKey {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        let f = Fields::of(value, at, &["key_id", "public_key"])?;
        let mut k = crate::envelope::TrustedKey {
            key_id: String::new(),
            public_key: String::new(),
        };
        f.need("key_id", &mut k.key_id)?;
        f.need("public_key", &mut k.public_key)?;
        Ok(k)
    }
}

impl FromJson for crate::envelope::VerifyOptions {
    fn from_json(value: &Value, at: &Path<'_>) -> Result<Self, JsonError> {
        let f = Fields::of(value, at, &["now_unix_seconds", "min_version"])?;
        let mut o = crate::envelope::VerifyOptions::default();
        f.need("now_unix_seconds", &mut o.now_unix_seconds)?;
        f.set("min_version", &mut o.min_version)?;
        Ok(o)
    }
}
