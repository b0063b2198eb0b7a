//! The device context: everything paysel knows about the shopper's checkout
//! environment when it decides.
//!
//! Wire names are snake_case and frozen by the conformance vectors in
//! `tests/vectors/`. Every field is optional on the wire: a web checkout
//! usually knows only its User-Agent, a native checkout knows much more.

use serde::{Deserialize, Serialize};

/// The operating system the checkout runs on.
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
pub enum Platform {
    /// iPhone and iPad (iPadOS included).
    Ios,
    /// Android phones and tablets.
    Android,
    /// HarmonyOS NEXT devices (Huawei), which no longer report Android.
    Harmonyos,
    /// Windows desktops and laptops.
    Windows,
    /// macOS desktops and laptops.
    Macos,
    /// Linux desktops.
    Linux,
    /// ChromeOS laptops.
    Chromeos,
    /// Anything else, including bots and unknown devices.
    Other,
}

/// The physical class of the device.
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
pub enum FormFactor {
    /// A phone.
    Mobile,
    /// A tablet such as an iPad or an Android tablet.
    Tablet,
    /// A desktop or laptop computer.
    Desktop,
}

/// The environment the checkout page or screen runs inside.
///
/// `browser` is a system browser, `native` is a native app screen, `webview`
/// is an embedded webview of an app paysel cannot name, and every other value
/// is a named in-app host.
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
    strum::EnumMessage,
)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Host {
    /// A system browser (Safari, Chrome, Edge, Firefox, Samsung Internet, ...).
    Browser,
    /// A native app screen (not a webview).
    Native,
    /// WeChat's in-app browser (phone and desktop clients).
    Wechat,
    /// A WeChat mini-program webview (`web-view` component).
    WechatMiniProgram,
    /// WeCom (WeChat Work), Tencent's enterprise messenger.
    Wecom,
    /// The Alipay app, including its mini-program webview.
    Alipay,
    /// The Taobao app.
    Taobao,
    /// The Tmall app.
    Tmall,
    /// DingTalk, Alibaba's enterprise messenger.
    Dingtalk,
    /// The QQ messenger app (not QQ Browser, which is a plain browser).
    Qq,
    /// Sina Weibo.
    Weibo,
    /// Douyin, ByteDance's Chinese short-video app.
    Douyin,
    /// Kuaishou and Kuaishou Nebula.
    Kuaishou,
    /// Xiaohongshu (RED).
    Xiaohongshu,
    /// UnionPay's Yunshanfu app.
    Unionpay,
    /// Meituan.
    Meituan,
    /// JD.com.
    Jd,
    /// An Alipay mini-program `web-view` (an H5 page inside a mini-program in
    /// the Alipay app).
    AlipayMiniProgram,
    /// A ByteDance mini-program `web-view` (Douyin or Toutiao mini-programs,
    /// `ToutiaoMicroApp`).
    DouyinMiniProgram,
    /// A QQ mini-program `web-view`.
    QqMiniProgram,
    /// The Baidu app, including its smart programs.
    Baidu,
    /// Pinduoduo.
    Pinduoduo,
    /// Zhihu.
    Zhihu,
    /// Bilibili.
    Bilibili,
    /// Lark and Feishu, ByteDance's enterprise messenger.
    Lark,
    /// Toutiao, ByteDance's news app.
    Toutiao,
    /// Facebook's in-app browser.
    Facebook,
    /// Instagram's in-app browser.
    Instagram,
    /// Messenger's in-app browser.
    Messenger,
    /// LINE's in-app browser.
    Line,
    /// TikTok's in-app browser.
    Tiktok,
    /// Twitter / X in-app browser.
    Twitter,
    /// LinkedIn's in-app browser.
    Linkedin,
    /// Telegram's in-app browser.
    Telegram,
    /// Snapchat's in-app browser.
    Snapchat,
    /// WhatsApp's in-app browser.
    Whatsapp,
    /// Threads' in-app browser.
    Threads,
    /// Pinterest's in-app browser.
    Pinterest,
    /// KakaoTalk's in-app browser.
    Kakaotalk,
    /// The Naver app's in-app browser.
    Naver,
    /// Zalo's in-app browser.
    Zalo,
    /// The Google app's in-app browser (GSA).
    GoogleApp,
    /// Reddit's in-app browser.
    Reddit,
    /// An embedded webview whose host app paysel cannot name.
    Webview,
}

/// The brand family of the system browser the checkout page runs in. On iOS
/// and iPadOS every browser runs on Apple's WebKit; the family still names
/// the brand, which is what Apple's and Google's rules for Apple Pay and
/// Google Pay on the web look at. The capability table reads it only when
/// the host is `browser`.
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
pub enum BrowserFamily {
    /// Apple's Safari, including SFSafariViewController (the in-app Safari
    /// sheet) and web apps saved to the home screen.
    Safari,
    /// Chrome and the browsers built on Chromium: Edge, Opera, Samsung
    /// Internet, Brave, Vivaldi and others; on iOS, Chrome and Edge.
    Chromium,
    /// Mozilla Firefox, on iOS too.
    Firefox,
    /// Any other browser.
    Other,
}

/// Whether a wallet app is installed, as far as the caller knows.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    strum::VariantArray,
    strum::IntoStaticStr,
)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Availability {
    /// The app probed it and the wallet app is installed.
    Installed,
    /// The app probed it and the wallet app is absent.
    NotInstalled,
    /// Nobody probed (the usual answer on the web).
    #[default]
    Unknown,
}

/// Readiness of a device payment capability such as Apple Pay.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    strum::VariantArray,
    strum::IntoStaticStr,
)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Readiness {
    /// Usable now, with a card or handler enrolled.
    Ready,
    /// The device supports it but nothing is enrolled yet. Apple asks
    /// merchants to show Apple Pay in this state too (the sheet offers setup).
    Supported,
    /// The probe said no.
    NotReady,
    /// Nobody probed.
    #[default]
    Unknown,
}

/// The wallet apps whose presence changes how a rail launches.
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
pub enum WalletApp {
    /// WeChat (`com.tencent.mm`, `weixin://`).
    Wechat,
    /// Alipay (`com.eg.android.AlipayGphone`, `alipay://`).
    Alipay,
    /// UnionPay Yunshanfu (`com.unionpay`, `uppaywallet://`).
    Unionpay,
    /// Taobao (`com.taobao.taobao`, `taobao://`).
    Taobao,
    /// PayPal (`com.paypal.android.p2pmobile`, `paypal://`).
    Paypal,
}

/// Which wallet apps the caller found installed. Unset means unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields, default)]
pub struct InstalledWallets {
    /// WeChat.
    pub wechat: Availability,
    /// Alipay.
    pub alipay: Availability,
    /// UnionPay Yunshanfu.
    pub unionpay: Availability,
    /// Taobao.
    pub taobao: Availability,
    /// PayPal.
    pub paypal: Availability,
}

impl InstalledWallets {
    /// The availability of one wallet app.
    pub fn get(&self, app: WalletApp) -> Availability {
        match app {
            WalletApp::Wechat => self.wechat,
            WalletApp::Alipay => self.alipay,
            WalletApp::Unionpay => self.unionpay,
            WalletApp::Taobao => self.taobao,
            WalletApp::Paypal => self.paypal,
        }
    }
}

/// Results of device capability probes run by the app or page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields, default)]
pub struct Probes {
    /// `PKPaymentAuthorizationController.canMakePayments` (native) or
    /// `ApplePaySession.canMakePayments()` (web).
    pub apple_pay: Readiness,
    /// Google Pay `isReadyToPay`.
    pub google_pay: Readiness,
    /// W3C Payment Request availability (`canMakePayment`).
    pub payment_request: Readiness,
}

/// Everything known about one checkout, as sent by the app or page.
///
/// When `host`, `platform`, `form_factor` or `browser` is absent and
/// `user_agent` is present, they are detected from the User-Agent. Without
/// either, paysel assumes a system browser on an unknown platform. (Named so
/// that it does not clash with Android's `android.content.Context`.)
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields, default)]
pub struct CheckoutContext {
    /// Operating system.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub platform: Option<Platform>,
    /// Phone, tablet or desktop.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub form_factor: Option<FormFactor>,
    /// The in-app environment: a system browser, a native screen, or a named
    /// in-app host.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub host: Option<Host>,
    /// The system browser's brand family, when the host is `browser`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub browser: Option<BrowserFamily>,
    /// The raw User-Agent, used only to fill `platform`, `form_factor`,
    /// `host` and `browser` when they are absent. Never copied into any
    /// output.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub user_agent: Option<String>,
    /// Wallet apps probed by a native app.
    pub installed_wallets: InstalledWallets,
    /// Device capability probes.
    pub probes: Probes,
    /// The rail the shopper explicitly chose as their preference.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub preferred_rail: Option<String>,
    /// Rails the shopper used before, most recent first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub last_used: Vec<String>,
    /// Amount to pay, in minor units of `currency` (fen, cents), from 0 to
    /// 10^15.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub amount: Option<i64>,
    /// ISO 4217 code, three upper-case letters.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub currency: Option<String>,
    /// ISO 3166-1 alpha-2 code of the shopper's country, two upper-case letters.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub country: Option<String>,
    /// City tier, 1 for the largest cities up to 5 for rural areas.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub region_tier: Option<i32>,
    /// A stable opaque id used only for rollout and experiment bucketing.
    /// Never copied into any output.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub subject_id: Option<String>,
    /// An opaque id of this checkout, at most 64 bytes, echoed in the
    /// `exposure`, `selection` and `outcome` events so that they can be
    /// joined. Never used for bucketing.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub checkout_id: Option<String>,
}

/// The environment a decision is made for: the context's platform, form
/// factor, host and browser family after filling gaps from the User-Agent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Environment {
    /// Operating system.
    pub platform: Platform,
    /// Phone, tablet or desktop.
    pub form_factor: FormFactor,
    /// In-app host.
    pub host: Host,
    /// The system browser's brand family, when known; absent when the
    /// context does not say and the User-Agent does not tell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub browser: Option<BrowserFamily>,
}

impl Environment {
    /// Whether the checkout runs on a desktop or laptop.
    pub fn desktop(&self) -> bool {
        self.form_factor == FormFactor::Desktop
    }
}
