//! What the table's answers still depend on: the wallet app an app switch
//! needs (and what happens without it), and how a shopper leaves a host for
//! the system browser when a rail only works there.

use super::{BrowserEscape, BuiltinRail, CellEvidence, EvidenceLevel, Hosts, Launch};
use crate::context::Host::{self, *};
use crate::context::{Platform, WalletApp};

/// The wallet app an app switch to a built-in rail needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WalletGate {
    /// The rail.
    pub rail: BuiltinRail,
    /// The app its SDK switches to.
    pub app: WalletApp,
    /// How the rail launches when the app is probed absent, if its SDK
    /// falls back by itself; `None` hides the rail (`wallet_not_installed`)
    /// unless the policy's `without_wallet` says otherwise.
    pub without_app: Option<Launch>,
    /// The evidence for `without_app`.
    pub evidence: CellEvidence,
    /// The same in a few words, for people.
    pub note: &'static str,
}

/// The escape one host supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EscapeRow {
    /// The hosts.
    pub hosts: Hosts,
    /// The platforms; empty means every platform.
    pub platforms: &'static [Platform],
    /// The method.
    pub escape: BrowserEscape,
    /// The evidence for it.
    pub evidence: CellEvidence,
}

const fn documented(source: &'static str) -> CellEvidence {
    CellEvidence {
        level: EvidenceLevel::Documented,
        source,
    }
}

const fn reported(source: &'static str) -> CellEvidence {
    CellEvidence {
        level: EvidenceLevel::Reported,
        source,
    }
}

/// Every wallet gate. PayPal has none: its SDKs switch to a browser tab,
/// never to the PayPal app (A5).
pub fn wallet_gates() -> &'static [WalletGate] {
    &GATES
}

static GATES: [WalletGate; 3] = [
    WalletGate {
        rail: BuiltinRail::WechatPay,
        app: WalletApp::Wechat,
        without_app: None,
        evidence: documented("wxpay-app"),
        note: "APP pay jumps into WeChat: without it there is no WeChat Pay",
    },
    WalletGate {
        rail: BuiltinRail::Alipay,
        app: WalletApp::Alipay,
        without_app: Some(Launch::H5Redirect),
        evidence: documented("alipay-app-pay"),
        note: "without the Alipay app, the SDK opens Alipay's web cashier",
    },
    WalletGate {
        rail: BuiltinRail::Unionpay,
        app: WalletApp::Unionpay,
        without_app: Some(Launch::H5Redirect),
        evidence: reported("unionpay-control"),
        note: "without the UnionPay app, the control takes the card in its own pages or WAP",
    },
];

/// Every escape row, in the order they are tried; the last applies
/// everywhere.
pub fn escape_rows() -> &'static [EscapeRow] {
    &ESCAPES
}

/// The first escape row for `host` on `platform`.
pub(super) fn escape(host: Host, platform: Platform) -> &'static EscapeRow {
    ESCAPES
        .iter()
        .find(|e| e.hosts.contain(host) && (e.platforms.is_empty() || e.platforms.contains(&platform)))
        .unwrap_or(&ANYWHERE_ELSE)
}

const PHONES: &[Platform] = &[Platform::Ios, Platform::Android];
const IOS: &[Platform] = &[Platform::Ios];
const ANDROID: &[Platform] = &[Platform::Android];

/// No source tests a link escape in the other hosts: a guide cannot break.
const ANYWHERE_ELSE: EscapeRow = EscapeRow {
    hosts: Hosts::Any,
    platforms: &[],
    escape: BrowserEscape::Guide,
    evidence: CellEvidence {
        level: EvidenceLevel::Assumed,
        source: "assume-escape-guide",
    },
};

static ESCAPES: [EscapeRow; 8] = [
    EscapeRow {
        hosts: Hosts::Only(&[Line]),
        platforms: PHONES,
        escape: BrowserEscape::LineExternalBrowser,
        evidence: reported("line-open-external"),
    },
    EscapeRow {
        hosts: Hosts::Only(&[Kakaotalk]),
        platforms: PHONES,
        escape: BrowserEscape::KakaotalkExternal,
        evidence: reported("kakaotalk-open-external"),
    },
    // intent: fails in WeChat and x-safari-https: does not open from it.
    EscapeRow {
        hosts: Hosts::Only(&[Wechat, Wecom, WechatMiniProgram]),
        platforms: &[],
        escape: BrowserEscape::Guide,
        evidence: reported("inapp-debugger-escapes"),
    },
    EscapeRow {
        hosts: Hosts::Only(&[Snapchat]),
        platforms: IOS,
        escape: BrowserEscape::Guide,
        evidence: reported("inapp-debugger-escapes"),
    },
    EscapeRow {
        hosts: Hosts::Only(&[Facebook, Instagram, Messenger, Tiktok, Telegram, Linkedin]),
        platforms: IOS,
        escape: BrowserEscape::IosXSafari,
        evidence: reported("inapp-debugger-escapes"),
    },
    // intent: is not dependable in TikTok and broke in Threads and
    // Messenger.
    EscapeRow {
        hosts: Hosts::Only(&[Tiktok, Threads, Messenger]),
        platforms: ANDROID,
        escape: BrowserEscape::Guide,
        evidence: reported("inapp-debugger-escapes"),
    },
    EscapeRow {
        hosts: Hosts::Only(&[Facebook, Instagram, Telegram, Linkedin, Snapchat, Twitter]),
        platforms: ANDROID,
        escape: BrowserEscape::AndroidIntent,
        evidence: reported("inapp-debugger-escapes"),
    },
    ANYWHERE_ELSE,
];
