//! The one sources table: every key the evidence of a cell, gate or escape
//! names, with what the source says, where it comes from, the section of
//! the evidence file (`shared/domain/capability-evidence.md`, 2026-12) that
//! discusses it, and its strength label there.
//!
//! Entries whose strength is `folk` or `unsourced` back `assumed` answers:
//! they say what no source settles and why the answer chosen fails least
//! badly for the shopper.

/// How strong a source is, as the evidence file labels it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Strength {
    /// The platform's own documentation or source code (`[DOC]`).
    Doc,
    /// The platform's own text, quoted by a third party whose copy is the
    /// one found (`[DOC via DEV]`).
    DocQuoted,
    /// What paysel's own launch modes mean; true by definition.
    Definition,
    /// Developer-community answers, blogs and SDK READMEs (`[DEV]`).
    Dev,
    /// UA strings or behaviour seen in public repositories (`[CODE]`).
    Code,
    /// Press reports (`[NEWS]`).
    News,
    /// An inference from documented behaviour, not a vendor statement.
    Inferred,
    /// Widely repeated, no primary source found (`[FOLK]`).
    Folk,
    /// Nothing found either way.
    Unsourced,
}

impl Strength {
    /// The label as printed, e.g. `[DOC]`.
    pub fn label(self) -> &'static str {
        match self {
            Strength::Doc => "[DOC]",
            Strength::DocQuoted => "[DOC via DEV]",
            Strength::Definition => "[DEFINITION]",
            Strength::Dev => "[DEV]",
            Strength::Code => "[CODE]",
            Strength::News => "[NEWS]",
            Strength::Inferred => "[INFERENCE]",
            Strength::Folk => "[FOLK]",
            Strength::Unsourced => "[NONE FOUND]",
        }
    }
}

/// One citation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    /// The key cells name.
    pub key: &'static str,
    /// How strong it is.
    pub strength: Strength,
    /// The evidence file's section (A1, B7, D3, ...), or where it was found
    /// when the file does not have it.
    pub section: &'static str,
    /// What it says, in a sentence or two.
    pub citation: &'static str,
    /// Where it comes from.
    pub origin: &'static str,
}

/// The source with this key.
pub fn source(key: &str) -> Option<&'static Source> {
    SOURCES.iter().find(|s| s.key == key)
}

/// Every source, in the order below (by rail, then by topic).
pub fn sources() -> &'static [Source] {
    SOURCES
}

const fn s(
    key: &'static str,
    strength: Strength,
    section: &'static str,
    citation: &'static str,
    origin: &'static str,
) -> Source {
    Source {
        key,
        strength,
        section,
        citation,
        origin,
    }
}

use Strength::*;

static SOURCES: &[Source] = &[
    s(
        "card-form",
        Definition,
        "-",
        "card_form is the merchant's own card form, on its own page or screen; it needs no wallet, bridge or app switch.",
        "paysel's launch modes (Launch::CardForm)",
    ),
    // WeChat Pay
    s(
        "wxpay-h5-outside",
        Doc,
        "B1",
        "H5 pay (MWEB) is for merchant pages shown in phone browsers outside the WeChat client, and cannot be launched inside WeChat; it needs a registered domain and a Referer.",
        "pay.weixin.qq.com/wiki/doc/apiv3/open/pay/chapter2_6_0.shtml",
    ),
    s(
        "wxpay-jsapi",
        Doc,
        "B2",
        "Inside WeChat, JSAPI pay runs through WeixinJSBridge.invoke('getBrandWCPayRequest'); the bridge does not exist in other browsers.",
        "pay.weixin.qq.com JSAPI pay, chapter 7_7; pay.weixin.qq.com/wiki/doc/api/wxpay/ch/guide/MobileWeb.shtml",
    ),
    s(
        "wxpay-native-pc",
        Doc,
        "B3, A4",
        "Native pay (a QR code scanned with WeChat's own scanner) is the product for PC websites, since WeChat Pay has no PC client; album and long-press recognition do not pay, so a code is never a fallback on a phone.",
        "pay.weixin.qq.com/doc/v3/merchant/4012075105; pay.weixin.qq.com/docs/merchant/products/native-payment/introduction.html",
    ),
    s(
        "wxpay-app",
        Doc,
        "B5",
        "APP pay: the merchant app calls WeChat's SDK and jumps into WeChat to pay, so it needs WeChat installed.",
        "pay.weixin.qq.com In-AppPay chapter6_1; pay.weixin.qq.com/doc/v3/merchant/4013070158",
    ),
    s(
        "wxpay-pc-wechat",
        Dev,
        "A4, D7",
        "A community answer says the PC WeChat browser does not support JSAPI payment for now; Native (QR) pay is the way there. No WeChat Pay statement was found.",
        "developers.weixin.qq.com/community/pay/doc/00086673014f807a45315eab661000 (2024-03-10)",
    ),
    s(
        "wxpay-wecom",
        Dev,
        "A11",
        "JSAPI pay in WeCom needs WeCom's own flow: the corpid serves as appId and the userid is converted to an openid (convert_to_openid); an Official Account's JSAPI setup does not carry over.",
        "developers.weixin.qq.com community answer citing pay.weixin.qq.com JSAPI chapter 4_4; cnblogs.com/guolinjiang/p/10564813",
    ),
    s(
        "wechat-web-view",
        Doc,
        "A3, B4",
        "A mini-program web-view page may use only the listed JSSDK interfaces, and payment is not one of them; it can navigate back to the mini-program (wx.miniProgram.navigateTo), whose page pays with wx.requestPayment, using parameters made with the mini-program's appid.",
        "developers.weixin.qq.com/miniprogram/dev/component/open-ability/web-view; cloud.tencent.com/developer/article/2013643",
    ),
    s(
        "wechat-web-view-domains",
        DocQuoted,
        "not in the evidence file (docs search)",
        "A mini-program web-view opens only the mini-program's configured business domains (each proven with a file at the domain's root), redirects included, and has no payment ability of its own: another provider's cashier page cannot load there.",
        "developers.weixin.qq.com/miniprogram/dev/component/web-view, as quoted in developers.weixin.qq.com/community/develop/doc/00004e200e06e87d1dc8e416556000 and the WeChat team's web-view FAQ in the same community",
    ),
    s(
        "d3-mweb-in-apps",
        Folk,
        "D3, E4",
        "Whether H5 pay works from QQ, JD, Kuaishou, Xiaohongshu, Meituan, Bilibili, Baidu, Pinduoduo, Lark or the international in-app browsers depends on the app letting weixin:// through and keeping the Referer; no app documents it, WeChat Pay advises against H5 pay inside apps, and an Android WebView opens weixin:// only if its app handles the scheme. Assumed to work: it is the documented path outside WeChat, and a refused jump strands the shopper on WeChat's H5 page with the other rails still shown. A PSP adds that social apps may refuse to open wallet apps.",
        "evidence file D3, E4; pay.weixin.qq.com/wiki/doc/apiv3/open/pay/chapter2_6_0.shtml; cnblogs THONLY 11375726; sdk.qfapi.com WAP payment",
    ),
    s(
        "d2-wallet-rivalry",
        Folk,
        "D2",
        "That the Alipay, DingTalk and UnionPay apps refuse WeChat Pay, that Alipay and Taobao refuse UnionPay, and that Alipay, Taobao, DingTalk and UnionPay refuse PayPal has no source either way. Assumed refused: each app offers its own wallet in-app, so hiding a rival costs the shopper little, while a rival that fails costs a wasted tap; open_in_browser_when_blocked turns it into a guide.",
        "evidence file D2",
    ),
    s(
        "a6-weibo-douyin",
        Folk,
        "A6, D4",
        "No source says Weibo or Douyin blocks weixin:// or WeChat's H5 cashier; a 2021 live press test found WeChat blocking Douyin and Alipay links and Weibo blocking some Taobao, DingTalk and JD links, not the reverse. Assumed to let both wallets' H5 cashiers through until observed.",
        "Southern Metropolis Daily test of 2021-09-17, copied at m.tftnews.com/news1835770; ccschy.com (2023)",
    ),
    s(
        "a7-taobao-wechat-pay",
        Unsourced,
        "A7, D6",
        "Taobao and Tmall accept WeChat Pay since 2024-09-12, but in Taobao's own native cashier for Taobao orders; how it launches is not documented and no source says a merchant page inside Taobao may use H5 pay. Assumed to work by H5: the one signal points to Taobao no longer refusing WeChat Pay, and Alipay stays beside it.",
        "information.bz 2024-09-12; news.futunn.com; hbsnhzjj.com",
    ),
    // Alipay
    s(
        "alipay-wap",
        Doc,
        "B7",
        "Wap pay in phone browsers opens the Alipay app when it can and otherwise moves to web payment after a while; an installed app that does not open usually means the browser is not on Alipay's whitelist.",
        "docs.open.alipay.com/203/107091",
    ),
    s(
        "alipay-page-pay",
        Dev,
        "B9",
        "PC web pay (alipay.trade.page.pay) shows Alipay's cashier page with a QR code.",
        "juejin.cn 7028024829932470285",
    ),
    s(
        "alipay-app-pay",
        DocQuoted,
        "A5",
        "App pay: when the shopper has no Alipay app, the SDK opens Alipay's web cashier inside the merchant app.",
        "Alipay App-pay product text, quoted at blog.csdn.net/Hello_66/article/details/108312522",
    ),
    s(
        "alipay-in-wechat",
        Doc,
        "B6, D5",
        "Alipay's own notice on WeChat Official Accounts being unable to take Alipay, with its ap.js and pay.htm guide page to open the order in a browser; guides through 2023 still use it. Whether every flow is still blocked in 2026 is not established (D5).",
        "docs.open.alipay.com/203/105285; cnblogs creaypanda 9581519",
    ),
    s(
        "assume-wecom-like-wechat",
        Unsourced,
        "B6 (for WeChat only)",
        "No source says whether WeCom intercepts Alipay links as WeChat does. Assumed to: it is Tencent's client with WeChat's browser, and a guide to the system browser works either way.",
        "none found",
    ),
    s(
        "alipay-jsbridge",
        Doc,
        "B8",
        "Inside the Alipay app, pages pay with AlipayJSBridge.call('tradePay', {tradeNO}) or ap.tradePay({orderStr}).",
        "docs.antom.com/ac/3rdpartryqrcode/standard_4; myjsapi.alipay.com tradePay",
    ),
    s(
        "alipay-web-view",
        Doc,
        "A3, A7",
        "The Alipay mini-program web-view API list covers navigation, images, location, storage, my.postMessage and my.getEnv, not tradePay: the page hands over with my.navigateTo to the mini-program, which pays; the web-view opens only whitelisted domains.",
        "help.aliyun.com/document_detail/117862 (mPaaS copy of the web-view doc); blog.csdn.net/yxf15732625262/article/details/134572804; w3cschool copy of the Alipay web-view doc",
    ),
    s(
        "d1-qq-jd-alipay",
        Folk,
        "D1",
        "That QQ and JD block Alipay has no source; JD's own checkout has not taken Alipay since 2011, a business decision about JD's orders. Assumed blocked: their shoppers have WeChat Pay beside it, so hiding Alipay costs less than one that dead-ends.",
        "evidence file D1",
    ),
    s(
        "a7-taobao-alipay",
        Unsourced,
        "A7",
        "AlipayJSBridge tradePay is documented for the Alipay client; no public doc offers a Taobao (WindVane) payment bridge to third-party pages. Assumed: Alipay's wap pay, which falls back to its web cashier by itself.",
        "docs.antom.com/ac/3rdpartryqrcode/standard_4",
    ),
    s(
        "dingtalk-alipay",
        Dev,
        "A11",
        "DingTalk bundles the Alipay SDK behind dd.biz.alipay.pay, which needs dd.config authorisation of a DingTalk micro-app and works on Android and iOS only; wap pay is the path for other pages.",
        "blog.csdn.net/SuperIronMan/article/details/106142080; cnblogs.com/websmile/p/11711710; dingtalk-jsapi typings",
    ),
    s(
        "assume-wap-in-apps",
        Unsourced,
        "B7 (for browsers)",
        "No source tests Alipay's wap pay inside this app. Assumed to work: when an app refuses the switch to Alipay, wap pay falls back to Alipay's web cashier by itself, so the shopper can still pay.",
        "docs.open.alipay.com/203/107091",
    ),
    // UnionPay
    s(
        "unionpay-gateway",
        DocQuoted,
        "not in the evidence file (docs search)",
        "UnionPay's online gateway takes card payments on UnionPay's own pages: from a PC it is WEB gateway pay, from a phone WAP gateway pay.",
        "open.unionpay.com gateway product (apiservId=448), quoted at blog.csdn.net/ml344739968/article/details/118614646",
    ),
    s(
        "unionpay-control",
        Dev,
        "A5",
        "The Android payment control declares UPPayWapActivity, a WAP fallback, and the classic control takes card details in the SDK without the UnionPay app; the newer iOS Mini control sends the shopper to the download page instead.",
        "cnblogs.com/tangs/articles/6413670; cocoapods YHUPPayPluginSDK; ext.dcloud.net.cn plugin 8731",
    ),
    s(
        "unionpay-upsdk",
        Dev,
        "A11",
        "Inside the UnionPay (Yunshanfu) app, upsdk.pay({tn}) from upsdk.js pays, for H5 and mini-program apps registered with UnionPay only.",
        "blog.csdn.net/weixin_43743148/article/details/142791276",
    ),
    s(
        "assume-gateway-in-apps",
        Unsourced,
        "-",
        "No source tests UnionPay's gateway page inside this app. Assumed to work: it is a plain web page that needs no app switch.",
        "none found",
    ),
    // PayPal
    s(
        "paypal-webviews",
        Doc,
        "B17, E3",
        "PayPal's buttons keep working in a third-party web view (after tapping a link in a social app): where popups are refused the JS SDK falls back to a modal (Braintree's paypal-checkout; the v6 web SDK's presentation mode `auto` tries a popup, then an iframe modal) or to a full-page redirect. An integration must not force popup mode: one that did was unusable in the Facebook, Instagram and Google in-app browsers until it switched to `auto`.",
        "PayPal JS SDK browser support, Web views; braintree.github.io/braintree-web/3.76.3 paypal-checkout.isSupported; MahoCommerce/maho issue 1393 and pull request 1395 (2026-09)",
    ),
    s(
        "paypal-own-webview",
        Doc,
        "A11, B17",
        "PayPal recommends against loading the merchant's own site in a web view and calls that integration unsupported, while its buttons keep working in other apps' web views.",
        "developer.paypal.com/limited-release/regional/th/checkout/troubleshoot/support/ (Web views)",
    ),
    s(
        "paypal-native-browser-switch",
        Dev,
        "A5",
        "PayPal's native SDKs open PayPal's checkout in Chrome Custom Tabs or the browser, never in the PayPal app, because of an InfoSec requirement.",
        "braintree/braintree_android issue 611 (maintainer)",
    ),
    s(
        "assume-paypal-without-sdk",
        Unsourced,
        "C4",
        "No PayPal SDK for HarmonyOS NEXT or for desktop apps was found. Assumed: PayPal's web checkout opened in the system browser, which needs no SDK.",
        "none found",
    ),
    // Apple Pay
    s(
        "apple-passkit",
        Doc,
        "B12 (docs search)",
        "In apps, Apple Pay is the PassKit sheet (PKPaymentAuthorizationController), available on iOS, iPadOS, Mac Catalyst, macOS, visionOS and watchOS only; canMakePayments says whether the device can pay.",
        "developer.apple.com/documentation/passkit/pkpaymentauthorizationcontroller/canmakepayments()",
    ),
    s(
        "apple-pay-on-the-web",
        Doc,
        "A8 (docs search)",
        "Safari supports Apple Pay JS and the Payment Request API; in iOS, Safari and SFSafariViewController support Apple Pay; on a Mac the payment is authorised with Touch ID or a nearby iPhone or Apple Watch.",
        "developer.apple.com/documentation/applepayontheweb",
    ),
    s(
        "apple-pay-ios-third-party",
        News,
        "A8",
        "Apple Pay works in third-party iOS browsers (Chrome, Edge, Firefox on iPhone) since iOS 16.",
        "idownloadblog.com 2022-08-01; theshortcut.com",
    ),
    s(
        "webkit-apple-pay-wkwebview",
        Doc,
        "A8, E1",
        "Since iOS 13 WebKit enables Apple Pay JS and Payment Request in every WebKit client, WKWebView included (r243324, 2019). Its 2019 rule against documents into which the app had evaluated scripts was deleted in 2022 (commit aa041a623c, \"Permit simultaneous Apple Pay and script injection\", bug 236254; Safari 16), and WebKit's API tests now assert that user scripts leave Apple Pay available: a session needs only the payment permissions policy and a secure frame. So in an app's web view the page's own probe (ApplePaySession.canMakePayments()) tells whether Apple Pay works.",
        "WebKit r243324 (2019-03-21); WebKit commit aa041a623c (bugs.webkit.org 236254, 2022); Tools/TestWebKitAPI/Tests/WebKit/WKWebView/ApplePay.mm and Source/WebCore/Modules/applepay/PaymentSession.cpp on WebKit main (9c7f5889)",
    ),
    s(
        "apple-pay-js-third-party",
        Doc,
        "A1",
        "Apple Pay works in third-party browsers through the Apple Pay JS SDK (1.latest): the page imports Apple's SDK and uses its own Apple Pay button, and the shopper scans a code with an iPhone on iOS 18 or later; without the SDK there is no Apple Pay outside Safari.",
        "developer.apple.com/forums/thread/808003 and thread/765838 (Apple Frameworks Engineer); Apple Pay JS change log",
    ),
    s(
        "apple-web-cn",
        Doc,
        "A2",
        "In mainland China, Apple Pay on the web is supported in Safari on iOS only: not on macOS, and not through the third-party-browser handoff.",
        "developer.apple.com/apple-pay/planning/; developer.apple.com/documentation/applepayontheweb (availability by region); sdk.qfapi.com Apple Pay",
    ),
    s(
        "apple-pay-not-android",
        Dev,
        "A1, D13",
        "A PSP states Apple Pay is not supported on Android devices and hides its button there; the QR handoff is for third-party browsers on desktops, and a phone cannot scan its own screen. Whether the handoff works from Android phone browsers is unclear (D13).",
        "sdk.qfapi.com/docs/online-shop/integration-by-payment-type/applepay",
    ),
    s(
        "assume-apple-pay-other-phone",
        Unsourced,
        "-",
        "A phone or tablet whose platform is not known. Assumed without Apple Pay: Apple Pay needs an Apple device, or a desktop browser with Apple's SDK.",
        "none found",
    ),
    s(
        "krausefx-injection",
        Doc,
        "A10, E1",
        "Facebook, Instagram and Messenger inject scripts (pcm.js) into the pages their iOS in-app browsers open (Krause, 2022). That no longer bears on Apple Pay: WebKit commit aa041a623c (\"Permit simultaneous Apple Pay and script injection\", bug 236254, 2022) deleted the rule that withheld Apple Pay from such pages, WebKit's API tests (UserScriptAtDocumentStartDoesNotDisableApplePay and its siblings) pin that, and in 2024 a merchant reported Apple Pay working well in the Messenger, Instagram and Facebook in-app browsers. Apple Pay there is WKWebView's, and the page's own probe decides.",
        "WebKit commit aa041a623c (bugs.webkit.org 236254) and Tools/TestWebKitAPI/Tests/WebKit/WKWebView/ApplePay.mm; krausefx.com (2022-08-10); csob/platebnibrana issue 66 (2024-08-08)",
    ),
    s(
        "telegram-webview-proxy",
        Doc,
        "A10, A12, E1",
        "Telegram's iOS in-app browser injects its TelegramWebviewProxy bridge into every page. Since WebKit commit aa041a623c (bug 236254, 2022) injected scripts leave Apple Pay available, as WebKit's API tests assert, so Apple Pay there is WKWebView's and the page's own probe decides.",
        "Telegram-iOS submodules/BrowserUI/Sources/BrowserWebContent.swift; shalanah/inapp-spy src/detectionTelegram.ts; WebKit commit aa041a623c (bugs.webkit.org 236254) and its ApplePay.mm API tests",
    ),
    s(
        "apple-pay-injected-bridges",
        Unsourced,
        "B11, E1, E4",
        "WeChat, Alipay and Taobao put their bridges (WeixinJSBridge, AlipayJSBridge) into every page, which under WebKit's 2019 rule would have withheld Apple Pay (B11). WebKit deleted that rule in 2022 (aa041a623c), so the bridges no longer matter, and no test of Apple Pay inside these apps outside mainland China was found (E4). Assumed like any iOS web view: Apple Pay launches only where the page's own probe says yes, so an app that withholds it hides the button and one that allows it keeps it. In mainland China Apple Pay on the web runs in Safari only (apple-web-cn).",
        "evidence file B11, E1, E4; WebKit commit aa041a623c (bugs.webkit.org 236254)",
    ),
    s(
        "assume-tiktok-apple-pay",
        Unsourced,
        "A10, E1, E4",
        "TikTok's iOS in-app browser watches keyboard input and taps (Krause, 2022). WebKit's rule that withheld Apple Pay from pages with injected scripts is gone since 2022 (aa041a623c), but no test of Apple Pay inside TikTok was found (E4). Assumed like any iOS web view: Apple Pay launches only where the page's own probe says yes, which fails least badly whichever way TikTok behaves.",
        "krausefx.com \"Announcing InAppBrowser.com\" (2022); evidence file E4",
    ),
    s(
        "threads-ios-sfsafariviewcontroller",
        Code,
        "E3, A10",
        "Tested in October 2024, Threads (like X) on iOS opens links in SFSafariViewController, not in a web view of its own, and Apple states that \"in iOS, Safari and SFSafariViewController objects support Apple Pay\": Apple Pay runs there as in Safari, where its probe decides.",
        "shalanah/inapp-debugger README (iPhone table, 2024-10-16); developer.apple.com/documentation/applepayontheweb",
    ),
    s(
        "assume-browser-unknown",
        Unsourced,
        "A1, A9",
        "Neither the context nor the User-Agent says which browser this is. Assumed the common one (Safari on Apple devices, Chromium elsewhere), since the wallet's probe still decides whether the button shows: where the API is missing the probe reads not_ready.",
        "none found",
    ),
    s(
        "assume-mac-webview",
        Unsourced,
        "A8 (for iOS)",
        "WebKit's Apple Pay in embedded web views is documented for iOS. Assumed the same in a Mac app's web view: the probe shows whether the host allows it.",
        "none found",
    ),
    s(
        "assume-desktop-webview-apple-pay",
        Unsourced,
        "A1",
        "Apple documents its QR handoff for third-party browsers; nothing covers the web views of desktop apps on Windows, Linux or ChromeOS. Assumed unavailable.",
        "none found",
    ),
    // Google Pay
    s(
        "gpay-android-api",
        Doc,
        "B16 (docs search)",
        "In apps, Google Pay is the Google Pay API for Android (PaymentsClient.loadPaymentData) after isReadyToPay; there is no native SDK for iOS or desktops.",
        "developers.google.com/pay/api/android/reference/client",
    ),
    s(
        "gpay-web-browsers",
        Doc,
        "A9",
        "Google Pay on the web supports Chrome, Firefox, Safari, Edge, Opera and UC Browser; outside Chromium's Payment Request path (Safari, Firefox, every iOS browser) Google Pay JS opens Google's payment page.",
        "developers.google.com/pay/api/web/guides/setup",
    ),
    s(
        "gpay-payment-request-chromium",
        Dev,
        "A9",
        "The Payment Request path for Google Pay is fully supported in Chrome and only partly elsewhere, as Chrome DevRel's comparison of browsers shows.",
        "gist.github.com/agektmr/6a286fa87c7158c99b57498a4e584932",
    ),
    s(
        "gpay-android-webview",
        Doc,
        "B14, A10",
        "Payment Request is off in Android WebView unless the host app enables it (WebSettingsCompat.setPaymentRequestEnabled, Jetpack Webkit 1.14.0, WebView 136) and declares the payment intents; Google Pay inside a WebView needs WebView 137 and Play Services 25.18.30. Without the opt-in Google Pay fails in web views.",
        "developer.chrome.com/docs/android/payments-in-webviews; developers.googleblog.com 2025-05-28",
    ),
    s(
        "gpay-meta-iab",
        Dev,
        "A10, E3",
        "A merchant reported in August 2024 that in the Messenger, Instagram and Facebook in-app browsers the payment gateway's Google Pay button is shown and then loads forever, while Apple Pay works: the page's checks let the button through, so a probe alone does not keep it away. (BigCommerce checkout-sdk-js pull request 2072, cited before, is still open and handles isReadyToPay answering false.)",
        "csob/platebnibrana issue 66 (2024-08-08)",
    ),
    s(
        "gpay-ios-wkwebview",
        Doc,
        "E3",
        "Google Pay JS in an iOS WKWebView works only when the app hosting it opens popups (a WKUIDelegate that creates the popup's web view) and, for isReadyToPay, appends GOOGLE_PAY_SUPPORTED to the web view's User-Agent (Google's recipe). In-app browsers are not known to do either, so the page has to move to Safari, where Google Pay JS is supported; a merchant's own app that follows the recipe can override the cell.",
        "developers.google.com/pay/api/web/guides/recipes/using-ios-wkwebview",
    ),
    s(
        "android-tab-view-apps",
        Code,
        "E3, A10",
        "Tested in November 2024, the Google app and Snapchat on Android open links in the default browser or a Custom Tab, where Google Pay is Chrome's own. A page that still sees their User-Agent token (`GSA/`, `Snapchat/`, with `; wv)`) runs in their own Android WebView, where Payment Request is off unless the app enables it (gpay-android-webview). Either way Google Pay shows only where its probe says ready.",
        "shalanah/inapp-debugger README (Android table, 2024-11-03)",
    ),
    s(
        "assume-gpay-threads-android",
        Unsourced,
        "E4, A10",
        "Threads shares Instagram's in-app browser, where Google Pay's button is shown and then loads forever (gpay-meta-iab); nobody has tested Threads itself (E4). Assumed blocked like Instagram: a guide to the browser beats a button that loads forever.",
        "evidence file E4; csob/platebnibrana issue 66 (for Instagram)",
    ),
    s(
        "assume-gpay-android-in-app",
        Unsourced,
        "E4, A12",
        "WhatsApp's and Telegram's Android in-app browsers send no `; wv)` marker, and nobody has tested whether they are Custom Tabs or web views with Payment Request enabled (E4). Assumed like an Android WebView: Google Pay launches only where its probe says ready, so a browser that cannot pay hides the button.",
        "evidence file E4, A12",
    ),
    s(
        "assume-harmonyos-google-pay",
        Folk,
        "B15, D9",
        "HarmonyOS NEXT has no Google Play services and its browsers are not on Google's list, but no Google statement says Google Pay is unavailable there and nobody has tested it. Assumed unavailable: its shoppers are mostly in China, where Google Pay is little used.",
        "evidence file B15, D9",
    ),
    s(
        "assume-gpay-other-browser",
        Unsourced,
        "A9",
        "A browser outside Google's list. Assumed Google Pay JS works if it says so: its isReadyToPay (the probe) decides whether the button shows.",
        "none found",
    ),
    s(
        "assume-gpay-ios-in-app",
        Unsourced,
        "A9, E3",
        "Threads on iOS opens pages in SFSafariViewController, not a WKWebView, so Google's WKWebView recipe (gpay-ios-wkwebview) does not apply, and nobody has tested whether Google Pay JS's popup opens there. Assumed blocked: a guide to Safari, where Google Pay JS is documented to work, beats a button that may do nothing, and iPhone shoppers have Apple Pay.",
        "none found",
    ),
    s(
        "assume-desktop-webview-gpay",
        Unsourced,
        "B14 (for Android)",
        "Desktop apps embed Chromium or WebKit; no source covers Google Pay in them. Assumed like Android WebView: Payment Request if the host enables it, which the probe shows.",
        "none found",
    ),
    // Mini-programs of other hosts
    s(
        "qq-mini-program-wechat-pay",
        Doc,
        "E2",
        "QQ mini-programs can take WeChat Pay, built on WeChat's H5 pay: QQ's servers forward the order, and the mini-program's page calls qq.requestWxPayment. QQ opens it only to mini-programs in some categories: e-commerce platforms, education, local services, tools, travel, catering, merchants' own shops, business services, sports, cars and social red packets. A page in the mini-program's web-view hands over with qq.miniProgram.navigateTo, as in WeChat's and Alipay's mini-programs.",
        "q.qq.com/wiki/develop/miniprogram/server/virtual-payment/wx_pay.html; qq.miniProgram.navigateTo in public web-view pages",
    ),
    s(
        "assume-qq-mini-program",
        Unsourced,
        "C1, E2, E4",
        "QQ mini-programs pay with QQ Wallet and, in some categories, with WeChat Pay on phones (qq-mini-program-wechat-pay); no source shows Alipay or another provider's cashier from their web-view, nor WeChat Pay in a QQ mini-program on a desktop. Assumed blocked, like the WeChat and Alipay web-views whose restrictions are documented.",
        "wtklbm/curong (q.qq.com doc); UA_良良.js; evidence file E2, E4",
    ),
    s(
        "douyin-mini-program-web-view",
        Doc,
        "C1, E3",
        "A ByteDance (Douyin, Toutiao) mini-program's web-view opens only the mini-program's configured business domains, and its JSSDK offers only navigation (tt.miniProgram.navigateTo and the like) and postMessage; the mini-program's own page pays with tt.pay, which takes WeChat Pay's H5 (MWEB) URL and Alipay's URL. Documented for Android; on iOS an older tt.pay FAQ says Douyin did not support tt.pay, and tt.pay's page says iOS cannot pay for virtual goods.",
        "developer.open-douyin.com/docs/resource/zh-CN/mini-app/develop/component/open-capacity/web-view/; microapp.bytedance.com tt.pay reference and its FAQ",
    ),
    s(
        "assume-douyin-mini-program",
        Unsourced,
        "C1, E3",
        "Outside Android the ByteDance mini-program hand-over is unsettled: an older tt.pay FAQ says Douyin on iOS did not support tt.pay, and tt.pay's page now says iOS cannot pay for virtual goods (E3). Assumed the same hand-over as on Android: the page goes to the mini-program's own page, which knows whether it can pay, rather than to a dead end.",
        "microapp.bytedance.com tt.pay FAQ; evidence file E3",
    ),
    // Escapes
    s(
        "line-open-external",
        Dev,
        "C2, C3",
        "LINE opens a link in the system browser when its URL has the query parameter openExternalBrowser=1.",
        "gist monkianer; developers.line.biz LIFF doc on browser types",
    ),
    s(
        "kakaotalk-open-external",
        Code,
        "C2, C3",
        "KakaoTalk opens kakaotalk://web/openExternal?url=... in the system browser; not checked against Kakao's docs.",
        "npm open-external-browser; repository fixtures",
    ),
    s(
        "inapp-debugger-escapes",
        Code,
        "C3",
        "Tested Oct-Nov 2024: Android intent:// links leave most in-app browsers but fail in WeChat, are not dependable in TikTok and broke in Threads and Messenger; iOS x-safari-https:// works in TikTok, Telegram, LINE, Facebook, Instagram, Messenger and LinkedIn, not in WeChat or Snapchat.",
        "shalanah/inapp-debugger README and its issue 11",
    ),
    s(
        "assume-escape-guide",
        Unsourced,
        "C3",
        "No source tests a link escape from this host. Assumed a guide with the host's own steps: it cannot break.",
        "none found",
    ),
];
