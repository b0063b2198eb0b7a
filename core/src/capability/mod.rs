//! The built-in host × rail capability table: how each built-in rail
//! launches in each situation, or why it cannot, and the evidence for every
//! answer.
//!
//! This module is the one place where platform knowledge lives:
//! - `table`: the cells, rail by rail. A cell is a row of conditions (hosts,
//!   platforms, form factors, browser family, mainland China, the policy's
//!   `apple_pay_js_sdk`) with its answer and its evidence; the first row
//!   that matches decides.
//! - `gates`: which wallet apps an app switch needs and what happens without
//!   them, and which escape to the system browser each host supports.
//! - `sources`: every citation the evidence points to, by key.
//! - `listing`: the table as data (`table_view`), for `paysel capabilities`,
//!   the generated docs, the QA page and `paysel analyze`.
//!
//! A policy may override any cell with `capabilities`. Tests in this module
//! fail when a cell lacks evidence, a key does not resolve, a source is
//! unused, a row can never decide, or a level claims more than its source.

mod gates;
mod listing;
mod sources;
mod table;
#[cfg(test)]
mod tests;

use crate::context::{BrowserFamily, Environment, FormFactor, Host, Platform};
use crate::wire::WireEnum;
use serde::{Deserialize, Serialize};

pub use gates::{escape_rows, wallet_gates, EscapeRow, WalletGate};
pub use listing::{answer_name, deciding_rows, table_view, CellView, SourceView, TableView};
pub use sources::{source, sources, Source, Strength};

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
    strum::EnumMessage,
)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Launch {
    /// Switch to the wallet app through its native SDK or universal link.
    AppSwitch,
    /// The provider's native SDK opens the provider's web checkout in a
    /// secure browser tab (Chrome Custom Tabs, ASWebAuthenticationSession)
    /// and returns to the app. No wallet app is needed: this is how the
    /// PayPal SDKs work.
    BrowserSwitch,
    /// The host app's own in-page bridge (`WeixinJSBridge` in WeChat,
    /// `AlipayJSBridge` in Alipay).
    InHostBridge,
    /// The page runs in a mini-program's web-view, which cannot pay in-page:
    /// it hands over to a native page of the same mini-program (WeChat's
    /// `wx.miniProgram.navigateTo`, Alipay's `my.navigateTo`), and that page
    /// pays with the mini-program's own payment API (`wx.requestPayment`,
    /// `my.tradePay`). The payment must be created for the mini-program's
    /// own app id, not the web page's.
    MiniProgramPage,
    /// Redirect to the provider's mobile web cashier.
    H5Redirect,
    /// Show a QR code to scan with a phone.
    QrCode,
    /// A native payment sheet (PassKit, the Google Pay API for Android).
    NativeSheet,
    /// The browser's own Payment Request sheet: Apple Pay in Safari, Google
    /// Pay in Chromium browsers and in Android webviews that enable it.
    PaymentRequest,
    /// The wallet's own JavaScript library runs the payment outside any
    /// browser sheet. Google Pay JS in Safari, Firefox and every iOS browser
    /// opens Google's own payment page in a popup. The Apple Pay JS SDK in a
    /// browser other than Safari shows, on its own Apple Pay button, a code
    /// that the shopper scans with an iPhone (iOS 18 or later), where the
    /// payment completes; the page must load Apple's SDK and use its button
    /// (the policy's `apple_pay_js_sdk`).
    WalletJs,
    /// The merchant's own card form.
    CardForm,
    /// The rail cannot work here but works in a system browser: show a way
    /// to reopen the page there (the shown rail's `escape` says which).
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
}

/// How strong the evidence behind an answer is.
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
pub enum EvidenceLevel {
    /// The platform's own documentation or source code says so.
    Documented,
    /// Developer reports, press tests or observed behaviour say so.
    Reported,
    /// No source settles it: a conservative default, chosen to fail least
    /// badly for the shopper, until a device test or field data decides.
    Assumed,
    /// The policy decided it (a `capabilities` override, or a rail's own
    /// `wallet` or `without_wallet`), not the built-in table.
    Policy,
}

/// The evidence behind one answer: how strong, and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// How strong it is.
    pub level: EvidenceLevel,
    /// For the built-in table, a key of its sources table (`paysel
    /// capabilities` prints each with its citation), e.g. `wxpay-jsapi`. For
    /// `policy`, the JSON path of the policy value that decided, e.g.
    /// `capabilities[2]`.
    pub source: String,
}

/// The evidence of a built-in answer, as stored in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellEvidence {
    /// How strong it is; never `policy`.
    pub level: EvidenceLevel,
    /// A key of the sources table.
    pub source: &'static str,
}

impl CellEvidence {
    /// The evidence as it appears in a decision.
    pub fn to_evidence(self) -> Evidence {
        Evidence {
            level: self.level,
            source: self.source.to_owned(),
        }
    }
}

/// How a shopper leaves an in-app browser for the system browser. The app
/// turns the method into a link to the current page; policies carry no
/// URLs.
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
pub enum BrowserEscape {
    /// LINE: add the query parameter `openExternalBrowser=1` to the page's
    /// URL; LINE opens such links in the system browser.
    LineExternalBrowser,
    /// KakaoTalk: the link `kakaotalk://web/openExternal?url=` followed by
    /// the percent-encoded page URL.
    KakaotalkExternal,
    /// Android: the link `intent://` followed by the page's host and path and
    /// `#Intent;scheme=https;end`, which Android hands to the default
    /// browser.
    AndroidIntent,
    /// iOS: the page's URL with `https://` replaced by `x-safari-https://`,
    /// which opens it in Safari.
    IosXSafari,
    /// No link is known to work: show the host's own steps instead (in
    /// WeChat, the ··· menu, then "Open in Browser").
    Guide,
}

/// What the table says about one rail in one situation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// The rail works and launches this way.
    Works(Launch),
    /// The host blocks the rail (its links, scripts or app switch), but it
    /// works in a system browser.
    Blocked,
    /// The rail cannot work in this situation at all.
    Unsupported,
}

/// Which hosts a row applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hosts {
    /// Every host.
    Any,
    /// Only these.
    Only(&'static [Host]),
}

impl Hosts {
    fn contain(self, host: Host) -> bool {
        match self {
            Hosts::Any => true,
            Hosts::Only(hosts) => hosts.contains(&host),
        }
    }
}

/// The conditions of a row besides its hosts. An empty list or `None`
/// holds always.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    /// Platforms.
    pub platforms: &'static [Platform],
    /// Form factors.
    pub form_factors: &'static [FormFactor],
    /// Browser families; `None` in the list stands for "not known".
    pub browsers: &'static [Option<BrowserFamily>],
    /// Whether the context's country is mainland China (`CN`).
    pub mainland_china: Option<bool>,
    /// Whether the policy says the page loads Apple's Apple Pay JS SDK and
    /// uses its button (`apple_pay_js_sdk`).
    pub apple_pay_js_sdk: Option<bool>,
}

impl When {
    /// Holds always.
    pub const ALWAYS: When = When {
        platforms: &[],
        form_factors: &[],
        browsers: &[],
        mainland_china: None,
        apple_pay_js_sdk: None,
    };

    fn holds(&self, s: &Situation) -> bool {
        fn any<T: PartialEq>(list: &[T], value: &T) -> bool {
            list.is_empty() || list.contains(value)
        }
        any(self.platforms, &s.env.platform)
            && any(self.form_factors, &s.env.form_factor)
            && any(self.browsers, &s.env.browser)
            && self.mainland_china.is_none_or(|c| c == s.mainland_china)
            && self.apple_pay_js_sdk.is_none_or(|c| c == s.apple_pay_js_sdk)
    }
}

/// One row of the table: where it applies, its answer, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// The hosts it applies to.
    pub hosts: Hosts,
    /// Its other conditions.
    pub when: When,
    /// The answer.
    pub cell: Cell,
    /// The evidence for the answer.
    pub evidence: CellEvidence,
    /// The answer in a few words, for people: what the launch involves, or
    /// why the rail cannot work here.
    pub note: &'static str,
}

impl Row {
    fn applies(&self, s: &Situation) -> bool {
        self.hosts.contain(s.env.host) && self.when.holds(s)
    }
}

/// Everything a cell can depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Situation {
    /// Platform, form factor, host and browser family.
    pub env: Environment,
    /// Whether the context's country is `CN`.
    pub mainland_china: bool,
    /// The policy's `apple_pay_js_sdk`.
    pub apple_pay_js_sdk: bool,
}

/// The country code whose cells differ (Apple Pay on the web in mainland
/// China).
pub const MAINLAND_CHINA: &str = "CN";

/// The rows of one rail, in the order they are tried, and the row that
/// answers when none of them applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RailRows {
    /// The rows with conditions.
    pub rows: &'static [Row],
    /// The answer everywhere else; its conditions are never read.
    pub otherwise: Row,
}

impl RailRows {
    /// Every row, `otherwise` last.
    pub fn all(&'static self) -> impl Iterator<Item = &'static Row> {
        self.rows.iter().chain(std::iter::once(&self.otherwise))
    }

    /// The row that decides in situation `s`.
    fn decide(&'static self, s: &Situation) -> &'static Row {
        self.rows
            .iter()
            .find(|row| row.applies(s))
            .unwrap_or(&self.otherwise)
    }
}

/// The rows of one rail.
pub fn rows(rail: BuiltinRail) -> &'static RailRows {
    table::rows(rail)
}

/// The row that decides `rail` in situation `s`: the first that applies, or
/// the rail's `otherwise`, so every answer comes with evidence.
pub fn cell(rail: BuiltinRail, s: &Situation) -> &'static Row {
    rows(rail).decide(s)
}

/// The wallet app an app switch to `rail` needs, and what happens without
/// it, if the table says.
pub fn wallet_gate(rail: BuiltinRail) -> Option<&'static WalletGate> {
    wallet_gates().iter().find(|g| g.rail == rail)
}

/// The escape to the system browser that `host` supports on `platform`,
/// with its evidence.
pub fn escape(host: Host, platform: Platform) -> &'static EscapeRow {
    gates::escape(host, platform)
}

/// One row of the table as `paysel capabilities` lists it: the row, and the
/// hosts for which it decides at least one situation (rows earlier in the
/// list can take a host's every situation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// The rail.
    pub rail: BuiltinRail,
    /// The row.
    pub row: &'static Row,
    /// Hosts where the row decides, in `Host` order.
    pub hosts: Vec<Host>,
}

/// Every row of every rail, in table order, with the hosts it decides for.
/// Rows that decide nowhere are left out (a test keeps there being none).
pub fn listing() -> Vec<Listed> {
    let mut out = Vec::new();
    for &rail in BuiltinRail::ALL {
        let table = rows(rail);
        let rows: Vec<&'static Row> = table.all().collect();
        let mut hosts: Vec<Vec<Host>> = vec![Vec::new(); rows.len()];
        for s in situations() {
            let decided = table.decide(&s);
            let at = rows.iter().position(|row| std::ptr::eq(*row, decided));
            if let Some(list) = at.and_then(|i| hosts.get_mut(i)) {
                if !list.contains(&s.env.host) {
                    list.push(s.env.host);
                }
            }
        }
        for (row, mut hosts) in rows.into_iter().zip(hosts) {
            if !hosts.is_empty() {
                hosts.sort();
                out.push(Listed { rail, row, hosts });
            }
        }
    }
    out
}

/// Every situation a cell can tell apart: each host, platform, form factor,
/// browser family (and unknown), in and out of mainland China, with and
/// without `apple_pay_js_sdk`.
pub(crate) fn situations() -> impl Iterator<Item = Situation> {
    let browsers = std::iter::once(None).chain(BrowserFamily::ALL.iter().copied().map(Some));
    let flags = [false, true];
    Host::ALL.iter().flat_map(move |&host| {
        let browsers = browsers.clone();
        Platform::ALL.iter().flat_map(move |&platform| {
            let browsers = browsers.clone();
            FormFactor::ALL.iter().flat_map(move |&form_factor| {
                browsers.clone().flat_map(move |browser| {
                    flags.into_iter().flat_map(move |mainland_china| {
                        flags.into_iter().map(move |apple_pay_js_sdk| Situation {
                            env: Environment {
                                platform,
                                form_factor,
                                host,
                                browser,
                            },
                            mainland_china,
                            apple_pay_js_sdk,
                        })
                    })
                })
            })
        })
    })
}

/// Whether `rail`'s cells differ between mainland China and elsewhere, so
/// that tools sweeping contexts know to try `CN`.
pub fn distinguishes_mainland_china(rail: BuiltinRail) -> bool {
    rows(rail)
        .rows
        .iter()
        .any(|row| row.when.mainland_china.is_some())
}
