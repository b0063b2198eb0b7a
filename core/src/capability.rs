//! The built-in host × rail capability table: how each built-in rail launches
//! in each environment, or why it cannot.
//!
//! This table is the one place where platform knowledge lives. A policy may
//! override any cell with `capabilities`.

use crate::context::{Environment, Host, Platform, WalletApp};
use crate::wire::WireEnum;
use serde::{Deserialize, Serialize};

/// How a shown rail launches when the shopper taps it.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    strum::VariantArray,
    strum::IntoStaticStr,
)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Launch {
    /// Switch to the wallet app (native SDK or universal link).
    AppSwitch,
    /// The host app's own in-page bridge (`WeixinJSBridge`, `AlipayJSBridge`).
    InHostBridge,
    /// Redirect to the provider's mobile web cashier.
    H5Redirect,
    /// Show a QR code to scan with a phone.
    QrCode,
    /// A native payment sheet (PassKit, Google Pay API).
    NativeSheet,
    /// The browser's Payment Request sheet (Apple Pay JS, Google Pay web).
    PaymentRequest,
    /// The merchant's own card form.
    CardForm,
    /// The rail cannot work here: show a guide to reopen the page in a
    /// system browser.
    OpenInBrowser,
}

/// The rails whose behaviour is built in. Other rail ids must name one of
/// these in `behaves_like`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    strum::VariantArray,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum BuiltinRail {
    /// Alipay.
    Alipay,
    /// WeChat Pay.
    WechatPay,
    /// UnionPay.
    Unionpay,
    /// Bank cards through the merchant's form.
    Card,
    /// Apple Pay.
    ApplePay,
    /// Google Pay.
    GooglePay,
    /// PayPal.
    Paypal,
}

impl BuiltinRail {
    /// The built-in rail with this id.
    pub fn from_id(id: &str) -> Option<BuiltinRail> {
        BuiltinRail::ALL.iter().copied().find(|rail| rail.as_str() == id)
    }

    /// The wallet app an app switch to this rail needs.
    pub fn wallet(self) -> Option<WalletApp> {
        match self {
            BuiltinRail::Alipay => Some(WalletApp::Alipay),
            BuiltinRail::WechatPay => Some(WalletApp::Wechat),
            BuiltinRail::Unionpay => Some(WalletApp::Unionpay),
            BuiltinRail::Paypal => Some(WalletApp::Paypal),
            BuiltinRail::Card | BuiltinRail::ApplePay | BuiltinRail::GooglePay => None,
        }
    }
}

/// What the table says about one rail in one environment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// The rail works and launches this way.
    Works(Launch),
    /// The host blocks the rail (its links, scripts or app switch).
    Blocked,
    /// The rail does not exist on this platform.
    Unsupported,
}

/// Hosts grouped by how they treat payment rails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HostFamily {
    Browser,
    Native,
    /// WeChat, its mini-programs and WeCom: Tencent blocks Alibaba's rails.
    Tencent,
    /// Alipay itself.
    Alipay,
    /// Taobao and Tmall: Alipay's bridge, WeChat Pay by app switch since 2024.
    Taobao,
    /// DingTalk (Alibaba).
    Dingtalk,
    /// Tencent-aligned apps that route WeChat Pay by H5: QQ, JD.
    TencentAligned,
    /// Apps that block WeChat links: Weibo, Douyin.
    BlocksWechat,
    /// Other Chinese apps that let both wallets' H5 cashiers through.
    ChineseNeutral,
    /// UnionPay's own app.
    Unionpay,
    /// International in-app browsers. They inject scripts, which disables
    /// Apple Pay in WKWebView, and Android WebView has Payment Request off.
    International,
    /// Unidentified webviews: like International, but a probe may show that
    /// the host enabled Apple Pay or Payment Request.
    Webview,
}

fn family(host: Host) -> HostFamily {
    use Host::*;
    match host {
        Browser => HostFamily::Browser,
        Native => HostFamily::Native,
        Wechat | WechatMiniProgram | Wecom => HostFamily::Tencent,
        Alipay => HostFamily::Alipay,
        Taobao | Tmall => HostFamily::Taobao,
        Dingtalk => HostFamily::Dingtalk,
        Qq | Jd => HostFamily::TencentAligned,
        Weibo | Douyin => HostFamily::BlocksWechat,
        // Provisional until the capability evidence work places them.
        AlipayMiniProgram => HostFamily::Alipay,
        QqMiniProgram => HostFamily::TencentAligned,
        Kuaishou | Xiaohongshu | Meituan | DouyinMiniProgram | Baidu | Pinduoduo | Zhihu | Bilibili
        | Lark | Toutiao => HostFamily::ChineseNeutral,
        Whatsapp | Threads | Pinterest | Kakaotalk | Naver | Zalo | GoogleApp | Reddit => {
            HostFamily::International
        }
        Unionpay => HostFamily::Unionpay,
        Facebook | Instagram | Messenger | Line | Tiktok | Twitter | Linkedin | Telegram | Snapchat => {
            HostFamily::International
        }
        Webview => HostFamily::Webview,
    }
}

/// How `rail` launches in `env`, before wallet and probe checks.
pub fn builtin_cell(rail: BuiltinRail, env: &Environment) -> Cell {
    use Cell::{Blocked, Unsupported, Works};
    use HostFamily as F;
    use Launch::*;
    let fam = family(env.host);
    // A web cashier on a phone is an H5 page; on a desktop it is a QR code.
    let web_cashier = if env.desktop() { QrCode } else { H5Redirect };
    match rail {
        BuiltinRail::Card => Works(CardForm),
        BuiltinRail::WechatPay => match fam {
            // WeChat Pay docs: H5 pay ("MWEB") is for phone browsers outside
            // WeChat; Native pay (QR) is for desktop browsers.
            F::Browser | F::International | F::Webview | F::TencentAligned | F::ChineseNeutral => {
                Works(web_cashier)
            }
            F::Native if env.desktop() => Works(QrCode),
            F::Native => Works(AppSwitch),
            // JSAPI through WeixinJSBridge; desktop clients show a QR in-app.
            F::Tencent => Works(InHostBridge),
            // Taobao accepted WeChat Pay in 2024, by switching to WeChat.
            F::Taobao => Works(AppSwitch),
            F::Alipay | F::Dingtalk | F::Unionpay | F::BlocksWechat => Blocked,
        },
        BuiltinRail::Alipay => match fam {
            F::Browser | F::International | F::Webview | F::ChineseNeutral | F::BlocksWechat => {
                Works(web_cashier)
            }
            F::Dingtalk => Works(H5Redirect),
            F::Native if env.desktop() => Works(QrCode),
            F::Native => Works(AppSwitch),
            F::Alipay | F::Taobao => Works(InHostBridge),
            // WeChat intercepts Alipay links (observed since 2013, still in
            // force in 2026); QQ and JD follow Tencent.
            F::Tencent | F::TencentAligned | F::Unionpay => Blocked,
        },
        BuiltinRail::Unionpay => match fam {
            F::Native if env.desktop() => Works(H5Redirect),
            F::Native => Works(AppSwitch),
            F::Unionpay => Works(InHostBridge),
            F::Alipay | F::Taobao => Blocked,
            // The gateway page loads in most webviews; only app switches fail.
            _ => Works(H5Redirect),
        },
        BuiltinRail::Paypal => match fam {
            F::Native if !env.desktop() => Works(AppSwitch),
            F::Alipay | F::Taobao | F::Dingtalk | F::Unionpay => Blocked,
            // Popups are blocked in most webviews; a full redirect works.
            _ => Works(H5Redirect),
        },
        BuiltinRail::ApplePay => {
            if !matches!(env.platform, Platform::Ios | Platform::Macos) {
                return Unsupported;
            }
            match fam {
                F::Native => Works(NativeSheet),
                F::Browser | F::Webview => Works(PaymentRequest),
                _ => Blocked,
            }
        }
        BuiltinRail::GooglePay => match (fam, env.platform) {
            (_, Platform::Harmonyos) => Unsupported,
            (F::Native, Platform::Android) => Works(NativeSheet),
            (F::Native, _) => Unsupported,
            (F::Browser | F::Webview, _) => Works(PaymentRequest),
            _ => Blocked,
        },
    }
}
