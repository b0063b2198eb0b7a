//! The cells, rail by rail. Within a rail the first row that applies
//! decides, so specific rows come before general ones; `otherwise` answers
//! everywhere else.
//!
//! Every row names its evidence: `doc` (the platform's own documentation or
//! source), `rep` (developer reports, press tests, observed behaviour) or
//! `assumed` (no source settles it). An assumed row says in its comment why
//! its answer is the one that fails least badly for the shopper; its source
//! key explains what is unknown. Section letters (A1, B7, D3, ...) refer to
//! the evidence file behind the sources table.

use super::{BuiltinRail, Cell, CellEvidence, EvidenceLevel, Hosts, Launch, RailRows, Row, When};
use crate::context::BrowserFamily::{Chromium, Firefox, Other as OtherBrowser, Safari};
use crate::context::FormFactor::{Desktop, Mobile, Tablet};
use crate::context::Host::{self, *};
use crate::context::Platform::{self, *};
use crate::context::{BrowserFamily, FormFactor};
use Cell::{Blocked, Unsupported, Works};
use Launch::*;

// Host groups. Every host belongs to exactly one of the groups listed in
// `GROUPS` (a test checks it), so a new host cannot slip into the table's
// general rows unnoticed.
const BROWSER: &[Host] = &[Browser];
const NATIVE: &[Host] = &[Native];
const WEBVIEW: &[Host] = &[Webview];
/// WeChat's own in-app browser, phone and desktop clients.
const WECHAT: &[Host] = &[Wechat];
const WECOM: &[Host] = &[Wecom];
const WECHAT_MP: &[Host] = &[WechatMiniProgram];
const ALIPAY_APP: &[Host] = &[Alipay];
const ALIPAY_MP: &[Host] = &[AlipayMiniProgram];
const TAOBAO: &[Host] = &[Taobao, Tmall];
const DINGTALK: &[Host] = &[Dingtalk];
const QQ_JD: &[Host] = &[Qq, Jd];
const QQ_MP: &[Host] = &[QqMiniProgram];
const DOUYIN_MP: &[Host] = &[DouyinMiniProgram];
const UNIONPAY_APP: &[Host] = &[Unionpay];
/// Once modelled as blocking WeChat Pay, with no source (A6).
const WEIBO_DOUYIN: &[Host] = &[Weibo, Douyin];
/// Other Chinese apps: no source says how they treat either wallet. They
/// take each rail's general rows.
#[cfg(test)]
const CHINESE_APPS: &[Host] = &[
    Kuaishou,
    Xiaohongshu,
    Meituan,
    Baidu,
    Pinduoduo,
    Zhihu,
    Bilibili,
    Lark,
    Toutiao,
];
/// In-app browsers outside China, besides those named in rows.
#[cfg(test)]
const INTERNATIONAL: &[Host] = &[
    Facebook, Instagram, Messenger, Line, Tiktok, Twitter, Linkedin, Telegram, Snapchat, Whatsapp, Threads,
    Pinterest, Kakaotalk, Naver, Zalo, GoogleApp, Reddit,
];

/// The partition of every host that the rows below build on.
#[cfg(test)]
pub(super) const GROUPS: &[&[Host]] = &[
    BROWSER,
    NATIVE,
    WEBVIEW,
    WECHAT,
    WECOM,
    WECHAT_MP,
    ALIPAY_APP,
    ALIPAY_MP,
    TAOBAO,
    DINGTALK,
    QQ_JD,
    QQ_MP,
    DOUYIN_MP,
    UNIONPAY_APP,
    WEIBO_DOUYIN,
    CHINESE_APPS,
    INTERNATIONAL,
];

// Groups used across rails, taken from the partition above.
/// The other wallets' rivals, which a host may refuse (D2): Alipay's and
/// UnionPay's own apps and DingTalk.
const WECHAT_RIVALS: &[Host] = &[Alipay, Dingtalk, Unionpay];
/// Hosts with no source for a third-party wallet inside them (D2).
const PAYPAL_RIVALS: &[Host] = &[Alipay, Taobao, Tmall, Dingtalk, Unionpay];
/// Meta's apps, which inject scripts into every page of their in-app
/// browsers (Krause's tests, A10); since 2022 that leaves WebKit's Apple Pay
/// available (E1).
const META: &[Host] = &[Facebook, Instagram, Messenger];
const TIKTOK: &[Host] = &[Tiktok];
const TELEGRAM: &[Host] = &[Telegram];
/// Threads opens links in SFSafariViewController on iOS (E3).
const THREADS: &[Host] = &[Threads];
/// Chinese hosts whose own bridge is in the page before it loads
/// (`WeixinJSBridge`, `AlipayJSBridge`, B11); outside mainland China their
/// Apple Pay is unsettled (E4).
const BRIDGED: &[Host] = &[
    Wechat,
    Wecom,
    WechatMiniProgram,
    Alipay,
    AlipayMiniProgram,
    Taobao,
    Tmall,
];

const PHONE: &[FormFactor] = &[Mobile, Tablet];
const DESKTOP: &[FormFactor] = &[Desktop];
const APPLE: &[Platform] = &[Ios, Macos];
const IOS: &[Platform] = &[Ios];
const MAC: &[Platform] = &[Macos];
const ANDROID: &[Platform] = &[Android];
const HARMONY: &[Platform] = &[Harmonyos];
const NO_APPLE_PAY: &[Platform] = &[Android, Harmonyos];
const UNKNOWN_BROWSER: &[Option<BrowserFamily>] = &[None];
const SAFARI: &[Option<BrowserFamily>] = &[Some(Safari)];
const CHROMIUM: &[Option<BrowserFamily>] = &[Some(Chromium)];
const SAFARI_FIREFOX: &[Option<BrowserFamily>] = &[Some(Safari), Some(Firefox)];
const OTHER_BROWSER: &[Option<BrowserFamily>] = &[Some(OtherBrowser)];

const ALWAYS: When = When::ALWAYS;
const ON_DESKTOP: When = When {
    form_factors: DESKTOP,
    ..ALWAYS
};
const ON_PHONES: When = When {
    form_factors: PHONE,
    ..ALWAYS
};

const fn on(platforms: &'static [Platform]) -> When {
    When { platforms, ..ALWAYS }
}

const fn doc(source: &'static str) -> CellEvidence {
    CellEvidence {
        level: EvidenceLevel::Documented,
        source,
    }
}

const fn rep(source: &'static str) -> CellEvidence {
    CellEvidence {
        level: EvidenceLevel::Reported,
        source,
    }
}

const fn assumed(source: &'static str) -> CellEvidence {
    CellEvidence {
        level: EvidenceLevel::Assumed,
        source,
    }
}

const fn row(
    hosts: &'static [Host],
    when: When,
    cell: Cell,
    evidence: CellEvidence,
    note: &'static str,
) -> Row {
    Row {
        hosts: Hosts::Only(hosts),
        when,
        cell,
        evidence,
        note,
    }
}

/// A row for every host, under `when`.
const fn anywhere(when: When, cell: Cell, evidence: CellEvidence, note: &'static str) -> Row {
    Row {
        hosts: Hosts::Any,
        when,
        cell,
        evidence,
        note,
    }
}

const fn otherwise(cell: Cell, evidence: CellEvidence, note: &'static str) -> Row {
    Row {
        hosts: Hosts::Any,
        when: ALWAYS,
        cell,
        evidence,
        note,
    }
}

/// The rows of one rail.
pub(super) fn rows(rail: BuiltinRail) -> &'static RailRows {
    match rail {
        BuiltinRail::Card => &CARD,
        BuiltinRail::WechatPay => &WECHAT_PAY,
        BuiltinRail::Alipay => &ALIPAY,
        BuiltinRail::Unionpay => &UNIONPAY,
        BuiltinRail::Paypal => &PAYPAL,
        BuiltinRail::ApplePay => &APPLE_PAY,
        BuiltinRail::GooglePay => &GOOGLE_PAY,
    }
}

static CARD: RailRows = RailRows {
    rows: &[],
    otherwise: otherwise(
        Works(CardForm),
        doc("card-form"),
        "the merchant's own form runs wherever its page or screen runs",
    ),
};

static WECHAT_PAY: RailRows = RailRows {
    rows: &[
        row(
            NATIVE,
            ON_DESKTOP,
            Works(QrCode),
            doc("wxpay-native-pc"),
            "WeChat Pay has no desktop client: Native pay shows a code to scan with WeChat",
        ),
        row(
            NATIVE,
            ALWAYS,
            Works(AppSwitch),
            doc("wxpay-app"),
            "APP pay: the SDK switches to WeChat to pay",
        ),
        row(
            WECHAT_MP,
            ALWAYS,
            Works(MiniProgramPage),
            doc("wechat-web-view"),
            "the web-view cannot pay: hand over to the mini-program's page, which calls wx.requestPayment with a payment made for the mini-program's appid",
        ),
        row(
            QQ_MP,
            ON_PHONES,
            Works(MiniProgramPage),
            doc("qq-mini-program-wechat-pay"),
            "hand over with qq.miniProgram.navigateTo to the mini-program's page, which calls qq.requestWxPayment (WeChat's H5 pay through QQ); QQ opens it only to mini-programs in certain categories (e-commerce, education, local services, tools, travel, catering and a few more)",
        ),
        // No source covers WeChat Pay in a QQ mini-program on a desktop
        // QQ, where WeChat's H5 pay has no phone to switch to. Hidden (or a
        // guide) rather than a button that leads nowhere.
        row(
            QQ_MP,
            ALWAYS,
            Blocked,
            assumed("assume-qq-mini-program"),
            "no source shows WeChat Pay from a QQ mini-program's web-view on a desktop",
        ),
        row(
            DOUYIN_MP,
            on(ANDROID),
            Works(MiniProgramPage),
            doc("douyin-mini-program-web-view"),
            "the web-view can only navigate: hand over to the mini-program's page, which pays with tt.pay (WeChat Pay's H5 URL)",
        ),
        // Unsettled outside Android (E3); handing over to the mini-program's
        // own page, which knows whether it can pay, beats a dead end.
        row(
            DOUYIN_MP,
            ALWAYS,
            Works(MiniProgramPage),
            assumed("assume-douyin-mini-program"),
            "hand over to the mini-program's page, as on Android; whether tt.pay works here is unsettled",
        ),
        row(
            ALIPAY_MP,
            ALWAYS,
            Blocked,
            doc("alipay-web-view"),
            "an Alipay mini-program's web-view opens only whitelisted domains and pays only with Alipay",
        ),
        row(
            WECHAT,
            ON_DESKTOP,
            Works(QrCode),
            rep("wxpay-pc-wechat"),
            "the PC WeChat browser is reported not to run JSAPI pay: Native pay, scanned with the phone",
        ),
        anywhere(
            ON_DESKTOP,
            Works(QrCode),
            doc("wxpay-native-pc"),
            "Native pay: a code the shopper scans with WeChat on a phone",
        ),
        row(
            WECHAT,
            ALWAYS,
            Works(InHostBridge),
            doc("wxpay-jsapi"),
            "JSAPI pay through WeixinJSBridge",
        ),
        row(
            WECOM,
            ALWAYS,
            Works(InHostBridge),
            rep("wxpay-wecom"),
            "JSAPI pay only through the WeCom flow (the corpid as appId, the userid converted to an openid)",
        ),
        // No source says these apps refuse WeChat Pay (D2), but each has its
        // own wallet in-app: hiding a possibly dead button costs the shopper
        // little, showing one costs a failed tap.
        row(
            WECHAT_RIVALS,
            ALWAYS,
            Blocked,
            assumed("d2-wallet-rivalry"),
            "assumed refused by a rival wallet's app; no source either way",
        ),
        // Taobao opened its own checkout to WeChat Pay in 2024 (A7), the one
        // signal there is; whether a merchant page may launch H5 pay there
        // is unknown, and Alipay stays available beside it.
        row(
            TAOBAO,
            ALWAYS,
            Works(H5Redirect),
            assumed("a7-taobao-wechat-pay"),
            "H5 pay, unverified: Taobao's own WeChat Pay is its native cashier, not open to merchant pages",
        ),
        // The only source, a 2021 press test, found no block of WeChat
        // links in Weibo or Douyin (A6).
        row(
            WEIBO_DOUYIN,
            ALWAYS,
            Works(H5Redirect),
            assumed("a6-weibo-douyin"),
            "H5 pay: no source shows a block, observed behaviour needed",
        ),
        row(
            BROWSER,
            ALWAYS,
            Works(H5Redirect),
            doc("wxpay-h5-outside"),
            "H5 pay (MWEB): made for phone browsers outside WeChat",
        ),
    ],
    // H5 pay is the documented path outside WeChat; that an app lets its
    // `weixin://` jump through is what no source confirms (D3). A refused
    // jump leaves the shopper on WeChat's H5 page, with other rails shown.
    otherwise: otherwise(
        Works(H5Redirect),
        assumed("d3-mweb-in-apps"),
        "H5 pay, if the app lets weixin:// through and keeps the Referer; no app documents it",
    ),
};

static ALIPAY: RailRows = RailRows {
    rows: &[
        row(
            NATIVE,
            ON_DESKTOP,
            Works(QrCode),
            rep("alipay-page-pay"),
            "PC page pay: Alipay's cashier page shows a code",
        ),
        row(
            NATIVE,
            ALWAYS,
            Works(AppSwitch),
            doc("alipay-app-pay"),
            "App pay: the SDK switches to Alipay, or opens Alipay's web cashier without it",
        ),
        row(
            WECHAT_MP,
            ALWAYS,
            Blocked,
            doc("wechat-web-view-domains"),
            "a WeChat mini-program's web-view opens only its business domains and pays only with WeChat Pay",
        ),
        row(
            WECHAT,
            ALWAYS,
            Blocked,
            doc("alipay-in-wechat"),
            "WeChat intercepts Alipay links; Alipay's own workaround is an open-in-browser guide",
        ),
        // WeCom is Tencent's too; nothing says it lets Alipay through, and
        // a guide to the browser still works when it does not.
        row(
            WECOM,
            ALWAYS,
            Blocked,
            assumed("assume-wecom-like-wechat"),
            "assumed to intercept Alipay links like WeChat",
        ),
        row(
            QQ_MP,
            ALWAYS,
            Blocked,
            assumed("assume-qq-mini-program"),
            "no source shows Alipay from a QQ mini-program's web-view",
        ),
        row(
            DOUYIN_MP,
            on(ANDROID),
            Works(MiniProgramPage),
            doc("douyin-mini-program-web-view"),
            "the web-view can only navigate: hand over to the mini-program's page, which pays with tt.pay (Alipay's URL)",
        ),
        // Unsettled outside Android (E3), as for WeChat Pay above.
        row(
            DOUYIN_MP,
            ALWAYS,
            Works(MiniProgramPage),
            assumed("assume-douyin-mini-program"),
            "hand over to the mini-program's page, as on Android; whether tt.pay works here is unsettled",
        ),
        row(
            ALIPAY_MP,
            ALWAYS,
            Works(MiniProgramPage),
            doc("alipay-web-view"),
            "the web-view has no tradePay: my.navigateTo the mini-program's page, which calls my.tradePay",
        ),
        row(
            ALIPAY_APP,
            ALWAYS,
            Works(InHostBridge),
            doc("alipay-jsbridge"),
            "AlipayJSBridge tradePay",
        ),
        // Folklore (D1); QQ and JD users have WeChat Pay beside it, so a
        // hidden Alipay costs less than one that dead-ends.
        row(
            QQ_JD,
            ALWAYS,
            Blocked,
            assumed("d1-qq-jd-alipay"),
            "assumed refused by Tencent-aligned apps; no source either way",
        ),
        row(
            UNIONPAY_APP,
            ALWAYS,
            Blocked,
            assumed("d2-wallet-rivalry"),
            "assumed refused by a rival wallet's app; no source either way",
        ),
        anywhere(
            ON_DESKTOP,
            Works(QrCode),
            rep("alipay-page-pay"),
            "PC page pay: Alipay's cashier page shows a code",
        ),
        // No public Taobao bridge takes third-party payments (A7); Alipay's
        // wap pay falls back to its web cashier by itself.
        row(
            TAOBAO,
            ALWAYS,
            Works(H5Redirect),
            assumed("a7-taobao-alipay"),
            "wap pay, unverified: no Taobao payment bridge is documented for merchant pages",
        ),
        row(
            DINGTALK,
            ALWAYS,
            Works(H5Redirect),
            rep("dingtalk-alipay"),
            "wap pay; DingTalk's own dd.biz.alipay.pay needs a DingTalk micro-app",
        ),
        row(
            BROWSER,
            ALWAYS,
            Works(H5Redirect),
            doc("alipay-wap"),
            "wap pay: opens Alipay when installed, Alipay's web cashier otherwise",
        ),
    ],
    // No source tests wap pay inside other apps; when an app refuses the
    // switch to Alipay, wap pay falls back to the web cashier (B7), so the
    // shopper can still pay.
    otherwise: otherwise(
        Works(H5Redirect),
        assumed("assume-wap-in-apps"),
        "wap pay, untested in this app; it falls back to Alipay's web cashier when the app switch is refused",
    ),
};

/// Mini-program web-views open only the domains their mini-program lists,
/// so a rail whose pages live elsewhere (UnionPay's, PayPal's) cannot load
/// there.
const MINI_PROGRAM_DOMAINS: [Row; 4] = [
    row(
        WECHAT_MP,
        ALWAYS,
        Blocked,
        doc("wechat-web-view-domains"),
        "a WeChat mini-program's web-view opens only its business domains",
    ),
    row(
        ALIPAY_MP,
        ALWAYS,
        Blocked,
        doc("alipay-web-view"),
        "an Alipay mini-program's web-view opens only whitelisted domains",
    ),
    row(
        QQ_MP,
        ALWAYS,
        Blocked,
        assumed("assume-qq-mini-program"),
        "mini-program web-views open only their own domains (assumed like WeChat's)",
    ),
    row(
        DOUYIN_MP,
        ALWAYS,
        Blocked,
        doc("douyin-mini-program-web-view"),
        "a ByteDance mini-program's web-view opens only its configured business domains",
    ),
];

static UNIONPAY: RailRows = RailRows {
    rows: &[
        row(
            NATIVE,
            ON_DESKTOP,
            Works(H5Redirect),
            doc("unionpay-gateway"),
            "the gateway page (WEB gateway pay) in a browser window",
        ),
        row(
            NATIVE,
            ALWAYS,
            Works(AppSwitch),
            rep("unionpay-control"),
            "the payment control SDK: the UnionPay app when installed, its own card pages or WAP otherwise",
        ),
        MINI_PROGRAM_DOMAINS[0],
        MINI_PROGRAM_DOMAINS[1],
        MINI_PROGRAM_DOMAINS[2],
        MINI_PROGRAM_DOMAINS[3],
        row(
            UNIONPAY_APP,
            ALWAYS,
            Works(InHostBridge),
            rep("unionpay-upsdk"),
            "upsdk.pay, for pages registered with UnionPay as Yunshanfu H5 apps",
        ),
        // Folklore (D2), in apps that offer Alipay themselves.
        row(
            &[Alipay, Taobao, Tmall],
            ALWAYS,
            Blocked,
            assumed("d2-wallet-rivalry"),
            "assumed refused by a rival wallet's app; no source either way",
        ),
        row(
            BROWSER,
            ALWAYS,
            Works(H5Redirect),
            doc("unionpay-gateway"),
            "gateway pay: WAP on phones, WEB on desktops",
        ),
    ],
    // The gateway is a plain web page with no app switch; no source tests it
    // inside other apps.
    otherwise: otherwise(
        Works(H5Redirect),
        assumed("assume-gateway-in-apps"),
        "the gateway page, untested in this app; it needs no app switch",
    ),
};

static PAYPAL: RailRows = RailRows {
    rows: &[
        // No PayPal SDK for HarmonyOS NEXT was found (C4); PayPal's web
        // checkout in the system browser needs none.
        row(
            NATIVE,
            on(HARMONY),
            Works(BrowserSwitch),
            assumed("assume-paypal-without-sdk"),
            "no PayPal SDK for this platform was found: PayPal's web checkout in the browser",
        ),
        row(
            NATIVE,
            ON_DESKTOP,
            Works(BrowserSwitch),
            assumed("assume-paypal-without-sdk"),
            "no PayPal SDK for desktop apps: PayPal's web checkout in the browser",
        ),
        row(
            NATIVE,
            ALWAYS,
            Works(BrowserSwitch),
            rep("paypal-native-browser-switch"),
            "the native SDKs open PayPal's web checkout in a browser tab, never the PayPal app",
        ),
        MINI_PROGRAM_DOMAINS[0],
        MINI_PROGRAM_DOMAINS[1],
        MINI_PROGRAM_DOMAINS[2],
        MINI_PROGRAM_DOMAINS[3],
        // Folklore (D2), in apps with their own wallet.
        row(
            PAYPAL_RIVALS,
            ALWAYS,
            Blocked,
            assumed("d2-wallet-rivalry"),
            "assumed refused by a rival wallet's app; no source either way",
        ),
        row(
            WEBVIEW,
            ALWAYS,
            Works(H5Redirect),
            doc("paypal-own-webview"),
            "PayPal's buttons work in other apps' web views; PayPal does not support a merchant's own web view, where they may still work",
        ),
    ],
    otherwise: otherwise(
        Works(H5Redirect),
        doc("paypal-webviews"),
        "PayPal's buttons, falling back from a popup to a modal or a full page where popups are refused",
    ),
};

static APPLE_PAY: RailRows = RailRows {
    rows: &[
        row(
            NATIVE,
            on(APPLE),
            Works(NativeSheet),
            doc("apple-passkit"),
            "the PassKit sheet",
        ),
        row(
            NATIVE,
            ALWAYS,
            Unsupported,
            doc("apple-passkit"),
            "PassKit exists only on Apple platforms",
        ),
        anywhere(
            on(NO_APPLE_PAY),
            Unsupported,
            rep("apple-pay-not-android"),
            "Apple Pay is not offered on Android or HarmonyOS, and a phone cannot scan its own screen",
        ),
        // An unknown phone: Apple Pay needs an Apple device or a desktop
        // browser with Apple's SDK, and this is neither as far as is known.
        anywhere(
            When {
                platforms: &[Platform::Other],
                form_factors: PHONE,
                ..ALWAYS
            },
            Unsupported,
            assumed("assume-apple-pay-other-phone"),
            "an unknown phone or tablet: no Apple Pay as far as is known",
        ),
        anywhere(
            When {
                mainland_china: Some(true),
                form_factors: DESKTOP,
                ..ALWAYS
            },
            Unsupported,
            doc("apple-web-cn"),
            "in mainland China, Apple Pay on the web runs only in Safari on iOS, not on desktops",
        ),
        row(
            BROWSER,
            When {
                platforms: IOS,
                browsers: SAFARI,
                mainland_china: Some(true),
                ..ALWAYS
            },
            Works(PaymentRequest),
            doc("apple-web-cn"),
            "Safari (and SFSafariViewController) on iOS, the one place Apple Pay on the web runs in mainland China",
        ),
        // The browser is unknown: most iOS browsing is Safari, and the
        // Apple Pay probe still decides whether the button shows.
        row(
            BROWSER,
            When {
                platforms: IOS,
                browsers: UNKNOWN_BROWSER,
                mainland_china: Some(true),
                ..ALWAYS
            },
            Works(PaymentRequest),
            assumed("assume-browser-unknown"),
            "the browser is unknown: Safari's Apple Pay sheet if it is Safari; the probe decides",
        ),
        row(
            BROWSER,
            When {
                platforms: IOS,
                mainland_china: Some(true),
                ..ALWAYS
            },
            Unsupported,
            doc("apple-web-cn"),
            "in mainland China, Apple Pay on the web runs only in Safari on iOS",
        ),
        anywhere(
            When {
                platforms: IOS,
                mainland_china: Some(true),
                ..ALWAYS
            },
            Blocked,
            doc("apple-web-cn"),
            "in mainland China, Apple Pay on the web runs only in Safari on iOS: open the page in Safari",
        ),
        row(
            BROWSER,
            When {
                platforms: APPLE,
                browsers: SAFARI,
                ..ALWAYS
            },
            Works(PaymentRequest),
            doc("apple-pay-on-the-web"),
            "Safari's Apple Pay sheet",
        ),
        row(
            BROWSER,
            on(IOS),
            Works(PaymentRequest),
            rep("apple-pay-ios-third-party"),
            "other iOS browsers have WebKit's Apple Pay sheet since iOS 16",
        ),
        // Outside mainland China (the rows above take it), the hosts that
        // inject scripts or bridges into every page: since 2022 WebKit keeps
        // Apple Pay available there (E1), and the page's own probe answers.
        row(
            META,
            on(IOS),
            Works(PaymentRequest),
            doc("krausefx-injection"),
            "the host's injected scripts leave WebKit's Apple Pay available since 2022: the page's probe decides",
        ),
        row(
            TELEGRAM,
            on(IOS),
            Works(PaymentRequest),
            doc("telegram-webview-proxy"),
            "the host's injected TelegramWebviewProxy leaves WebKit's Apple Pay available since 2022: the page's probe decides",
        ),
        row(
            THREADS,
            on(IOS),
            Works(PaymentRequest),
            rep("threads-ios-sfsafariviewcontroller"),
            "Threads opens pages in SFSafariViewController, which has Safari's Apple Pay: the probe decides",
        ),
        // E4: the basis of the old block is gone and nobody has tested these
        // hosts. The page's own probe is the ground truth on every iOS
        // version, so following it fails least badly: a host that withholds
        // Apple Pay hides the button, one that allows it keeps the shopper's
        // best rail.
        row(
            TIKTOK,
            on(IOS),
            Works(PaymentRequest),
            assumed("assume-tiktok-apple-pay"),
            "untested in TikTok since WebKit stopped withholding Apple Pay from pages with injected scripts: the page's probe decides",
        ),
        row(
            BRIDGED,
            on(IOS),
            Works(PaymentRequest),
            assumed("apple-pay-injected-bridges"),
            "untested in this app outside mainland China; its injected bridge no longer matters to WebKit: the page's probe decides",
        ),
        anywhere(
            on(IOS),
            Works(PaymentRequest),
            doc("webkit-apple-pay-wkwebview"),
            "an app's web view has WebKit's Apple Pay since iOS 13: the page's probe tells whether the host allows it",
        ),
        row(
            BROWSER,
            When {
                form_factors: DESKTOP,
                apple_pay_js_sdk: Some(true),
                ..ALWAYS
            },
            Works(WalletJs),
            doc("apple-pay-js-third-party"),
            "the Apple Pay JS SDK's button: a code scanned with an iPhone (iOS 18 or later) outside Safari",
        ),
        // The browser is unknown: Safari's sheet if it is Safari; elsewhere
        // `ApplePaySession` is missing, so the probe hides the button.
        row(
            BROWSER,
            When {
                platforms: MAC,
                browsers: UNKNOWN_BROWSER,
                ..ALWAYS
            },
            Works(PaymentRequest),
            assumed("assume-browser-unknown"),
            "the browser is unknown: Safari's Apple Pay sheet if it is Safari; the probe decides",
        ),
        row(
            BROWSER,
            ON_DESKTOP,
            Unsupported,
            doc("apple-pay-js-third-party"),
            "outside Safari, Apple Pay needs Apple's Apple Pay JS SDK and its button: set the policy's apple_pay_js_sdk once the page loads them",
        ),
        // WebKit's Apple Pay in embedded views is documented for iOS; on a
        // Mac the probe still shows whether the host allows it.
        anywhere(
            on(MAC),
            Works(PaymentRequest),
            assumed("assume-mac-webview"),
            "a Mac app's web view: WebKit's Apple Pay if the host allows it; the probe decides",
        ),
    ],
    // Apple's handoff is documented for third-party browsers; nothing covers
    // the web views of desktop apps on Windows, Linux or ChromeOS.
    otherwise: otherwise(
        Unsupported,
        assumed("assume-desktop-webview-apple-pay"),
        "a desktop app's web view outside macOS: Apple documents its handoff for browsers only",
    ),
};

static GOOGLE_PAY: RailRows = RailRows {
    rows: &[
        // No Google Play services on HarmonyOS NEXT and no HarmonyOS browser
        // on Google's list, but no Google statement (B15, D9). Its shoppers
        // are mostly in China, where Google Pay is little used.
        anywhere(
            on(HARMONY),
            Unsupported,
            assumed("assume-harmonyos-google-pay"),
            "HarmonyOS NEXT has no Google Play services and no browser on Google's list",
        ),
        row(
            NATIVE,
            on(ANDROID),
            Works(NativeSheet),
            doc("gpay-android-api"),
            "the Google Pay API sheet",
        ),
        row(
            NATIVE,
            ALWAYS,
            Unsupported,
            doc("gpay-android-api"),
            "the Google Pay API for apps exists only on Android",
        ),
        row(
            META,
            ALWAYS,
            Blocked,
            rep("gpay-meta-iab"),
            "in Meta's in-app browsers Google Pay's button is shown and then loads forever",
        ),
        // E4: Threads shares Instagram's in-app browser, untested itself; a
        // guide beats a button that loads forever.
        row(
            THREADS,
            on(ANDROID),
            Blocked,
            assumed("assume-gpay-threads-android"),
            "Threads shares Instagram's in-app browser, where Google Pay's button loads forever: open the page in the browser",
        ),
        // Threads opens SFSafariViewController on iOS, where Google's
        // WKWebView recipe does not apply and nobody has tested the popup.
        row(
            THREADS,
            on(IOS),
            Blocked,
            assumed("assume-gpay-ios-in-app"),
            "Google Pay JS needs a popup that Threads' SFSafariViewController was never tested with: open the page in Safari",
        ),
        row(
            BROWSER,
            on(IOS),
            Works(WalletJs),
            doc("gpay-web-browsers"),
            "every iOS browser is WebKit: Google Pay JS opens Google's payment page",
        ),
        row(
            BROWSER,
            When {
                browsers: CHROMIUM,
                ..ALWAYS
            },
            Works(PaymentRequest),
            rep("gpay-payment-request-chromium"),
            "Chromium's Payment Request sheet",
        ),
        row(
            BROWSER,
            When {
                browsers: SAFARI_FIREFOX,
                ..ALWAYS
            },
            Works(WalletJs),
            doc("gpay-web-browsers"),
            "Google Pay JS opens Google's payment page",
        ),
        // Google names its browsers; Google Pay JS still reports whether it
        // can run (the probe), so the button shows only where it can.
        row(
            BROWSER,
            When {
                browsers: OTHER_BROWSER,
                ..ALWAYS
            },
            Works(WalletJs),
            assumed("assume-gpay-other-browser"),
            "a browser not on Google's list: Google Pay JS, if its isReadyToPay says so",
        ),
        // Most Android and desktop browsing is Chromium, and the probe still
        // decides whether the button shows.
        row(
            BROWSER,
            When {
                browsers: UNKNOWN_BROWSER,
                ..ALWAYS
            },
            Works(PaymentRequest),
            assumed("assume-browser-unknown"),
            "the browser is unknown: Chromium's sheet if it is Chromium; the probe decides",
        ),
        row(
            &[GoogleApp, Snapchat],
            on(ANDROID),
            Works(PaymentRequest),
            rep("android-tab-view-apps"),
            "the app opens links in the browser or a Custom Tab, where Google Pay is Chrome's; the probe decides",
        ),
        // E4: whether these are Custom Tabs or web views that enable Payment
        // Request is untested; the probe hides a Google Pay that cannot run.
        row(
            &[Whatsapp, Telegram],
            on(ANDROID),
            Works(PaymentRequest),
            assumed("assume-gpay-android-in-app"),
            "untested in this app: Payment Request if its browser offers it; the probe decides",
        ),
        anywhere(
            on(ANDROID),
            Works(PaymentRequest),
            doc("gpay-android-webview"),
            "off in Android WebView unless the host enables Payment Request (WebView 136, Google Pay 137); the probe tells",
        ),
        anywhere(
            on(IOS),
            Blocked,
            doc("gpay-ios-wkwebview"),
            "Google Pay JS in an iOS web view needs the app to open popups and add GOOGLE_PAY_SUPPORTED to its User-Agent, which in-app browsers do not: open the page in Safari",
        ),
    ],
    // Desktop apps embed Chromium or WebKit; no source covers them, and the
    // probe still decides.
    otherwise: otherwise(
        Works(PaymentRequest),
        assumed("assume-desktop-webview-gpay"),
        "a desktop app's web view: Payment Request if the host enables it; the probe decides",
    ),
};
