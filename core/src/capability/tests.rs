//! The table's own rules: every answer has evidence that resolves and is no
//! stronger than its source, every source is used, every row can decide.

use super::*;
use crate::context::Host;

/// Every piece of evidence in the table, gates and escapes, with a name for
/// messages.
fn all_evidence() -> Vec<(String, CellEvidence)> {
    let mut out = Vec::new();
    for &rail in BuiltinRail::ALL {
        for (i, row) in rows(rail).all().enumerate() {
            out.push((format!("{} row {i} ({})", rail.as_str(), row.note), row.evidence));
        }
    }
    for gate in wallet_gates() {
        out.push((format!("wallet gate of {}", gate.rail.as_str()), gate.evidence));
    }
    for (i, e) in escape_rows().iter().enumerate() {
        out.push((format!("escape row {i}"), e.evidence));
    }
    out
}

#[test]
fn every_key_resolves_and_every_level_matches_its_source() {
    for (what, evidence) in all_evidence() {
        let found = source(evidence.source);
        assert!(
            found.is_some(),
            "{what}: source `{}` is not in the sources table",
            evidence.source
        );
        let Some(source) = found else { continue };
        let fits = match evidence.level {
            EvidenceLevel::Documented => {
                matches!(
                    source.strength,
                    Strength::Doc | Strength::DocQuoted | Strength::Definition
                )
            }
            EvidenceLevel::Reported => matches!(
                source.strength,
                Strength::Dev | Strength::Code | Strength::News | Strength::Inferred
            ),
            EvidenceLevel::Assumed => matches!(source.strength, Strength::Folk | Strength::Unsourced),
            EvidenceLevel::Policy => false,
        };
        assert!(
            fits,
            "{what}: a {:?} answer cannot rest on `{}`, labelled {}",
            evidence.level,
            source.key,
            source.strength.label()
        );
    }
}

#[test]
fn every_source_is_used_once_listed() {
    let used: Vec<&str> = all_evidence().iter().map(|(_, e)| e.source).collect();
    for (i, s) in sources().iter().enumerate() {
        assert!(
            used.contains(&s.key),
            "source `{}` backs no answer: remove it",
            s.key
        );
        assert!(
            sources().iter().take(i).all(|t| t.key != s.key),
            "source `{}` is listed twice",
            s.key
        );
        for text in [s.citation, s.origin, s.section] {
            assert!(!text.trim().is_empty(), "source `{}` has an empty field", s.key);
        }
    }
}

#[test]
fn every_row_decides_somewhere() {
    let listed = listing();
    for &rail in BuiltinRail::ALL {
        for (i, row) in rows(rail).all().enumerate() {
            assert!(
                listed.iter().any(|l| std::ptr::eq(l.row, row)),
                "{} row {i} ({}) never decides: earlier rows take every situation it names",
                rail.as_str(),
                row.note
            );
            assert!(!row.note.is_empty(), "{} row {i} has no note", rail.as_str());
        }
        let last = rows(rail).otherwise;
        assert_eq!((last.hosts, last.when), (Hosts::Any, When::ALWAYS));
    }
}

#[test]
fn every_host_is_in_exactly_one_group() {
    for &host in Host::ALL {
        let groups = table::GROUPS.iter().filter(|g| g.contains(&host)).count();
        assert_eq!(
            groups,
            1,
            "{} is in {groups} host groups of the table",
            host.as_str()
        );
    }
}

#[test]
fn every_gated_app_matches_its_rail() {
    // A gate guards an app switch, so its rail must switch apps somewhere.
    for gate in wallet_gates() {
        let switches = rows(gate.rail)
            .all()
            .any(|row| row.cell == Cell::Works(Launch::AppSwitch));
        assert!(
            switches,
            "{} has a wallet gate but never switches apps",
            gate.rail.as_str()
        );
        assert_ne!(gate.without_app, Some(Launch::AppSwitch));
    }
    assert!(
        wallet_gate(BuiltinRail::Paypal).is_none(),
        "PayPal's SDKs never need its app (A5)"
    );
}

#[test]
fn cells_answer_the_section_a_corrections() {
    let at = |host, platform, form_factor, browser| Situation {
        env: Environment {
            platform,
            form_factor,
            host,
            browser,
        },
        mainland_china: false,
        apple_pay_js_sdk: false,
    };
    let desktop_chrome = at(
        Host::Browser,
        Platform::Windows,
        FormFactor::Desktop,
        Some(BrowserFamily::Chromium),
    );
    // A1: no Apple Pay without Apple's SDK outside Safari; its QR handoff with it.
    assert_eq!(
        cell(BuiltinRail::ApplePay, &desktop_chrome).cell,
        Cell::Unsupported
    );
    let with_sdk = Situation {
        apple_pay_js_sdk: true,
        ..desktop_chrome
    };
    assert_eq!(
        cell(BuiltinRail::ApplePay, &with_sdk).cell,
        Cell::Works(Launch::WalletJs)
    );
    // A2: nothing on a Mac in mainland China, Safari on iOS only.
    let mac_safari = at(
        Host::Browser,
        Platform::Macos,
        FormFactor::Desktop,
        Some(BrowserFamily::Safari),
    );
    assert_eq!(
        cell(BuiltinRail::ApplePay, &mac_safari).cell,
        Cell::Works(Launch::PaymentRequest)
    );
    let in_china = |s: Situation| Situation {
        mainland_china: true,
        ..s
    };
    assert_eq!(
        cell(BuiltinRail::ApplePay, &in_china(mac_safari)).cell,
        Cell::Unsupported
    );
    assert_eq!(
        cell(BuiltinRail::ApplePay, &in_china(with_sdk)).cell,
        Cell::Unsupported
    );
    let ios = |host, browser| at(host, Platform::Ios, FormFactor::Mobile, browser);
    assert_eq!(
        cell(
            BuiltinRail::ApplePay,
            &in_china(ios(Host::Browser, Some(BrowserFamily::Safari)))
        )
        .cell,
        Cell::Works(Launch::PaymentRequest)
    );
    assert_eq!(
        cell(
            BuiltinRail::ApplePay,
            &in_china(ios(Host::Browser, Some(BrowserFamily::Chromium)))
        )
        .cell,
        Cell::Unsupported
    );
    // A3: mini-program web-views hand over to their own pages.
    for (rail, host) in [
        (BuiltinRail::WechatPay, Host::WechatMiniProgram),
        (BuiltinRail::Alipay, Host::AlipayMiniProgram),
    ] {
        assert_eq!(
            cell(rail, &ios(host, None)).cell,
            Cell::Works(Launch::MiniProgramPage)
        );
    }
    // A4: desktop WeChat pays by QR.
    let pc_wechat = at(Host::Wechat, Platform::Windows, FormFactor::Desktop, None);
    assert_eq!(
        cell(BuiltinRail::WechatPay, &pc_wechat).cell,
        Cell::Works(Launch::QrCode)
    );
    // A6: Weibo and Douyin let WeChat Pay's H5 through (assumed).
    let weibo = cell(BuiltinRail::WechatPay, &ios(Host::Weibo, None));
    assert_eq!(
        (weibo.cell, weibo.evidence.level),
        (Cell::Works(Launch::H5Redirect), EvidenceLevel::Assumed)
    );
    // A9: Google Pay outside Chromium is Google Pay JS.
    let mac_firefox = at(
        Host::Browser,
        Platform::Macos,
        FormFactor::Desktop,
        Some(BrowserFamily::Firefox),
    );
    assert_eq!(
        cell(BuiltinRail::GooglePay, &mac_firefox).cell,
        Cell::Works(Launch::WalletJs)
    );
    // A10: Android in-app browsers follow the probe, Meta's stays blocked.
    let android = |host| at(host, Platform::Android, FormFactor::Mobile, None);
    assert_eq!(
        cell(BuiltinRail::GooglePay, &android(Host::Linkedin)).cell,
        Cell::Works(Launch::PaymentRequest)
    );
    assert_eq!(
        cell(BuiltinRail::GooglePay, &android(Host::Instagram)).cell,
        Cell::Blocked
    );
}

#[test]
fn situations_cover_every_combination() {
    let browsers = BrowserFamily::ALL.len() + 1;
    let expected = Host::ALL.len() * Platform::ALL.len() * FormFactor::ALL.len() * browsers * 4;
    assert_eq!(situations().count(), expected);
}

/// WebKit deleted its rule against Apple Pay in pages with injected scripts
/// in 2022 (E1): no citation or note may still state it as today's rule.
#[test]
fn no_text_says_injected_scripts_turn_apple_pay_off() {
    // The ways the 2019 rule was worded here and in the evidence file.
    const OLD_RULE: [&str; 10] = [
        "turns apple pay off",
        "turn apple pay off",
        "turns them off",
        "disables apple pay",
        "disable apple pay",
        "apple pay is off",
        "apple pay off in",
        "apple pay will not work",
        "unless the host injects",
        "script injection is blocked",
    ];
    let mut texts: Vec<(String, &str)> = Vec::new();
    for s in sources() {
        texts.push((format!("source `{}`", s.key), s.citation));
        texts.push((format!("source `{}` origin", s.key), s.origin));
    }
    for &rail in BuiltinRail::ALL {
        for (i, row) in rows(rail).all().enumerate() {
            texts.push((format!("{} row {i}", rail.as_str()), row.note));
        }
    }
    for (what, text) in texts {
        let text = text.to_lowercase();
        for phrase in OLD_RULE {
            assert!(
                !text.contains(phrase),
                "{what} still states WebKit's deleted rule (\"{phrase}\"): {text}"
            );
        }
    }
}

#[test]
fn cells_answer_the_section_e_corrections() {
    let at = |host, platform, form_factor, mainland_china| Situation {
        env: Environment {
            platform,
            form_factor,
            host,
            browser: None,
        },
        mainland_china,
        apple_pay_js_sdk: false,
    };
    let iphone = |host| at(host, Platform::Ios, FormFactor::Mobile, false);
    let decided = |rail, s: &Situation| {
        let row = cell(rail, s);
        (row.cell, row.evidence.level, row.evidence.source)
    };
    use EvidenceLevel::{Assumed, Documented, Reported};
    let request = Cell::Works(Launch::PaymentRequest);
    // E1: the script-injecting hosts follow the page's probe, documented.
    for host in [Host::Facebook, Host::Instagram, Host::Messenger] {
        assert_eq!(
            decided(BuiltinRail::ApplePay, &iphone(host)),
            (request, Documented, "krausefx-injection")
        );
    }
    assert_eq!(
        decided(BuiltinRail::ApplePay, &iphone(Host::Telegram)),
        (request, Documented, "telegram-webview-proxy")
    );
    // E4: TikTok and the Chinese super-apps outside mainland China follow
    // the probe too, but stay assumed.
    assert_eq!(
        decided(BuiltinRail::ApplePay, &iphone(Host::Tiktok)),
        (request, Assumed, "assume-tiktok-apple-pay")
    );
    for host in [Host::Wechat, Host::Alipay, Host::Taobao] {
        assert_eq!(
            decided(BuiltinRail::ApplePay, &iphone(host)),
            (request, Assumed, "apple-pay-injected-bridges")
        );
    }
    // A2 still holds inside mainland China: Safari only.
    for host in [Host::Instagram, Host::Wechat, Host::Tiktok] {
        let in_china = at(host, Platform::Ios, FormFactor::Mobile, true);
        assert_eq!(
            decided(BuiltinRail::ApplePay, &in_china),
            (Cell::Blocked, Documented, "apple-web-cn")
        );
    }
    // E2: WeChat Pay in QQ mini-programs hands over, documented.
    assert_eq!(
        decided(BuiltinRail::WechatPay, &iphone(Host::QqMiniProgram)),
        (
            Cell::Works(Launch::MiniProgramPage),
            Documented,
            "qq-mini-program-wechat-pay"
        )
    );
    // E3: Threads on iOS is SFSafariViewController; Google Pay in iOS web
    // views is documented; Douyin's hand-over is documented on Android only.
    assert_eq!(
        decided(BuiltinRail::ApplePay, &iphone(Host::Threads)),
        (request, Reported, "threads-ios-sfsafariviewcontroller")
    );
    assert_eq!(
        decided(BuiltinRail::GooglePay, &iphone(Host::Line)),
        (Cell::Blocked, Documented, "gpay-ios-wkwebview")
    );
    let android = |host| at(host, Platform::Android, FormFactor::Mobile, false);
    for rail in [BuiltinRail::WechatPay, BuiltinRail::Alipay] {
        let handover = Cell::Works(Launch::MiniProgramPage);
        assert_eq!(
            decided(rail, &android(Host::DouyinMiniProgram)),
            (handover, Documented, "douyin-mini-program-web-view")
        );
        assert_eq!(
            decided(rail, &iphone(Host::DouyinMiniProgram)),
            (handover, Assumed, "assume-douyin-mini-program")
        );
    }
    // E4: Google Pay in Threads, WhatsApp and Telegram on Android is assumed.
    assert_eq!(
        decided(BuiltinRail::GooglePay, &android(Host::Threads)),
        (Cell::Blocked, Assumed, "assume-gpay-threads-android")
    );
    for host in [Host::Whatsapp, Host::Telegram] {
        assert_eq!(
            decided(BuiltinRail::GooglePay, &android(host)),
            (request, Assumed, "assume-gpay-android-in-app")
        );
    }
}
