//! Which in-app host a User-Agent names: the precedence table.

use super::tokens::Sig;
use crate::context::Host;

/// Host rules, tried top to bottom; the first match wins. Tokens match
/// case-insensitively anywhere in the first `MAX_USER_AGENT_BYTES` bytes.
/// A crawler (`bot/`, `bot;`, `bot)`, `googlebot`, `spider`, `crawler`,
/// `facebookexternalhit`, `ia_archiver`, ...) is a `browser` on platform
/// `other` before any rule is tried.
///
/// The source column names the labelled lines of `tests/ua/` that pin each
/// row: `file.jsonl` and the `source` names used there, which
/// `tests/ua/README.md` maps to public repositories and documents.
///
/// | # | host | token(s) | why this place | source |
/// |---|---|---|---|---|
/// | 1 | wecom | `wxwork` | WeCom also carries `MicroMessenger` (and `WindowsWechat` on Windows) | hosts.md; `china-hosts.jsonl`: `hutool` (iOS, Android, Windows), `hubvue-tools`, `gh-code-search` |
/// | 2 | wechat_mini_program | `miniprogram` together with `micromessenger`, or hint `wechat_mini_program` | a mini-program web-view is inside WeChat; Alipay mini-programs also say `MiniProgram`, hence the pair; `miniProgram`/`MiniProgramEnv` also mark mini-program requests on iOS, Android and Mac | WeChat developer docs (`miniProgram` UA token, `__wxjs_environment`); hosts.md; `china-hosts.jsonl`: `zax-device`, `gh-code-search` |
/// | 3 | wechat | `micromessenger`, `windowswechat`, `macwechat` | desktop clients: the platform comes from the OS token, the form factor is desktop | hosts.md; `china-hosts.jsonl`: `ua-parser-js` (WeChat, WeChat Desktop for Windows), `inapp-spy`, `hutool`, `php-browser-detection`, `lzl124631x-blog`, `gh-code-search` (Mac, HarmonyOS) |
/// | 4 | dingtalk | `dingtalk` (`AliApp(DingTalk/..)`, `com.laiwang.DingTalk`, `DingTalk(..)` on Windows) | Alibaba apps share the AliApp container: before Alipay | hosts.md; `china-hosts.jsonl`: `hutool` (iOS, Windows), `gh-code-search` (Android) |
/// | 5 | taobao | `aliapp(tb` | may carry Alipay tokens: before Alipay | hosts.md; `china-hosts.jsonl`: `hutool`, `ua-mock-enum`, `gh-code-search` |
/// | 6 | tmall | `aliapp(tm` | may carry Alipay tokens: before Alipay | hosts.md; `china-hosts.jsonl`: `ua-mock-enum`, `gh-code-search` |
/// | 7 | alipay | `alipayclient`, `aliapp(ap`, `alipaydefined` | after the other Alibaba apps; Alipay mini-programs (`MiniProgram` without `MicroMessenger`) stay here | hosts.md; `china-hosts.jsonl`: `ua-parser-js` (Alipay), `hutool`, `php-browser-detection`, `hubvue-tools`, `zax-device`, `gh-code-search` |
/// | 8 | qq | ` qq/` | `MQQBrowser/` and `QQBrowser/` are browsers and never match | hosts.md; `china-hosts.jsonl`: `ua-parser-js` (QQ on iOS/Android), `php-browser-detection`, `webtouch`, `hubvue-tools`; `browsers.jsonl` for QQ Browser |
/// | 9 | weibo | `__weibo__` | | hosts.md; `china-hosts.jsonl`: `ua-parser-js` (WeiBo), `ua-mock-enum`, `gh-code-search` |
/// | 10 | tiktok | `musical_ly`, `trill_` (with or without `BytedanceWebview`) | `BytedanceWebview` alone is any ByteDance app (Toutiao, Doubao) and names no host | hosts.md; `global-hosts.jsonl`: `ua-parser-js` and `inapp-spy` (TikTok), `gh-envjs-test` |
/// | 11 | douyin | `aweme` (also `aweme_lite`) | | hosts.md; `china-hosts.jsonl`: `hubvue-tools`, `ua-mock-enum`, `gh-code-search` |
/// | 12 | kuaishou | `kwai/`, `ksnebula` | | hosts.md; `china-hosts.jsonl`: `gh-code-search` |
/// | 13 | xiaohongshu | `xiaohongshu`, `discover/` (also `xhsdiscover/`) | | hosts.md; `china-hosts.jsonl`: `gh-code-search` |
/// | 14 | unionpay | `com.unionpay` (bundle id `com.unionpay.chsp`), ` cloudpay` (the app id in `UnionPay/1.0 CloudPay`) | not `UnionPay/` alone: banks' apps in UnionPay's payment scheme say `UnionPay/<ver> <their app id>` (`CCBLoongPay`, `BoComMDB`, `PSBC`, `JDJR`) | hosts.md (narrowed); `china-hosts.jsonl`: `gh-code-search`; bank apps in `webviews.jsonl` |
/// | 15 | meituan | `meituangroup` | | hosts.md; `china-hosts.jsonl`: `gh-code-search` |
/// | 16 | jd | `jdapp;`, `jdltapp;` (JD Lite) | | hosts.md; `china-hosts.jsonl`: `feverrun-my_scripts`, `gh-code-search` |
/// | 17 | messenger | `fban/messenger`, `fb_iab/messenger`, `orca-android` | also carries the Facebook tokens: before Facebook | hosts.md; `global-hosts.jsonl`: `inapp-spy` (Messenger), `php-browser-detection`, `gh-envjs-test` |
/// | 18 | instagram | `instagram` | may carry Facebook tokens: before Facebook | hosts.md; `global-hosts.jsonl`: `inapp-spy` and `ua-parser-js` (Instagram), `gh-envjs-test` |
/// | 19 | facebook | `fban/`, `fb_iab/`, `fbav/`, `metaiab facebook` | after the other Meta apps | hosts.md; `global-hosts.jsonl`: `inapp-spy` and `ua-parser-js` (Facebook), `gh-envjs-test` |
/// | 20 | line | ` line/` | | hosts.md; `global-hosts.jsonl`: `inapp-spy` and `ua-parser-js` (LINE), `php-browser-detection` |
/// | 21 | twitter | `twitter for iphone`, `twitterandroid` | | hosts.md; `global-hosts.jsonl`: `inapp-spy` and `ua-parser-js` (Twitter), `php-browser-detection` |
/// | 22 | linkedin | `linkedinapp`, `linkedinapp]` (for `[LinkedInApp]/9.30`'s version) | `LinkedInBot` is a crawler, not this | hosts.md; `global-hosts.jsonl`: `inapp-spy` and `ua-parser-js` (LinkedIn), `gh-envjs-test`, `gh-code-search` |
/// | 23 | telegram | `telegram-android` | iOS Telegram shows a plain Safari UA: a browser | hosts.md; DrKLO/Telegram (the `Telegram-Android/` suffix its WebView sets); `global-hosts.jsonl`: `gh-code-search` |
/// | 24 | snapchat | `snapchat` | | hosts.md; `global-hosts.jsonl`: `inapp-spy` and `ua-parser-js` (Snapchat), `php-browser-detection`, `gh-envjs-test` |
///
/// When no rule matches, the JS hints decide: `weixin_js_bridge` gives
/// `wechat`, then `alipay_js_bridge` gives `alipay`. Then a generic embedded
/// webview is `webview`: Android's `; wv)` marker, or an iOS (or iPad-as-Mac)
/// WebKit UA without `safari/` and without an iOS browser brand (`crios/`,
/// `fxios/`, `edgios/`, and the brands that also drop `Safari/`:
/// `ucbrowser/`, `quark/`, `qihoobrowser/`, `opt/` (Opera Touch),
/// `ecosia ios@`); sources: hosts.md, Chrome's WebView UA docs,
/// `webviews.jsonl` (`ua-parser-js`, `php-browser-detection`, `inapp-spy`,
/// `gh-envjs-test`) and the iOS browsers of `browsers.jsonl` (`hutool`,
/// `ua-parser-js`, `php-browser-detection`). Everything else is a `browser`.
pub(super) const HOST_RULES: &[HostRule] = &[
    rule(Host::Wecom, &[Sig::WxWork]),
    rule(Host::WechatMiniProgram, &[Sig::MiniProgram]).requiring(&[Sig::MicroMessenger]),
    rule(
        Host::Wechat,
        &[Sig::MicroMessenger, Sig::WechatWindows, Sig::WechatMac],
    ),
    rule(Host::Dingtalk, &[Sig::DingTalk]),
    rule(Host::Taobao, &[Sig::Taobao]),
    rule(Host::Tmall, &[Sig::Tmall]),
    rule(Host::Alipay, &[Sig::Alipay]),
    rule(Host::Qq, &[Sig::Qq]),
    rule(Host::Weibo, &[Sig::Weibo]),
    rule(Host::Tiktok, &[Sig::Tiktok]),
    rule(Host::Douyin, &[Sig::Douyin]),
    rule(Host::Kuaishou, &[Sig::Kuaishou]),
    rule(Host::Xiaohongshu, &[Sig::Xiaohongshu]),
    rule(Host::Unionpay, &[Sig::UnionPay]),
    rule(Host::Meituan, &[Sig::Meituan]),
    rule(Host::Jd, &[Sig::Jd]),
    rule(Host::Messenger, &[Sig::Messenger]).version_from(&[Sig::FacebookVersion]),
    rule(Host::Instagram, &[Sig::Instagram]),
    rule(Host::Facebook, &[Sig::Facebook, Sig::FacebookVersion]).version_from(&[Sig::FacebookVersion]),
    rule(Host::Line, &[Sig::Line]),
    rule(Host::Twitter, &[Sig::Twitter]),
    rule(Host::Linkedin, &[Sig::LinkedIn]),
    rule(Host::Telegram, &[Sig::Telegram]),
    rule(Host::Snapchat, &[Sig::Snapchat]),
];

/// One row of [`HOST_RULES`]: the host matches when any signal of `any` was
/// seen and every signal of `all` too.
pub(super) struct HostRule {
    pub host: Host,
    pub any: &'static [Sig],
    pub all: &'static [Sig],
    /// Signals whose token carries the host's version, first wins.
    pub version: &'static [Sig],
}

const fn rule(host: Host, any: &'static [Sig]) -> HostRule {
    HostRule {
        host,
        any,
        all: &[],
        version: any,
    }
}

impl HostRule {
    const fn requiring(self, all: &'static [Sig]) -> Self {
        HostRule { all, ..self }
    }

    const fn version_from(self, version: &'static [Sig]) -> Self {
        HostRule { version, ..self }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::super::tokens::TOKENS;
    use super::*;

    /// The doc table is the contract: every rule's host and every token of
    /// its signals must be in its row, in the same order as the code.
    #[test]
    fn doc_table_lists_every_rule_and_token() {
        let src = include_str!("rules.rs");
        let rows: Vec<&str> = src
            .lines()
            .filter(|l| l.starts_with("/// | ") && !l.contains("---"))
            .skip(1)
            .collect();
        assert_eq!(rows.len(), HOST_RULES.len(), "one doc row per rule");
        for (i, (row, rule)) in rows.iter().zip(HOST_RULES).enumerate() {
            let host = serde_json::to_string(&rule.host).unwrap();
            let host = host.trim_matches('"');
            assert!(
                row.starts_with(&format!("/// | {} | {host} |", i + 1)),
                "row {i}: {row}"
            );
            for sig in rule.any.iter().chain(rule.all) {
                for token in TOKENS.iter().filter(|t| t.sig == *sig) {
                    let spelled = format!("`{}", token.text);
                    assert!(row.contains(&spelled), "{host}: doc row lacks {spelled}");
                }
            }
        }
    }
}
