//! Which in-app host a User-Agent names: the precedence table.

use super::tokens::Sig;
use crate::context::Host;

/// Host rules, tried top to bottom; the first match wins. Tokens match
/// case-insensitively anywhere in the first `MAX_USER_AGENT_BYTES` bytes.
/// A crawler (`bot/`, `bot;`, `bot)`, `googlebot`, `spider`, `crawler`,
/// `facebookexternalhit`, ...) is a `browser` on platform `other` before
/// any rule is tried.
///
/// | # | host | token(s) | why this place | source |
/// |---|---|---|---|---|
/// | 1 | wecom | `wxwork` | WeCom also carries `MicroMessenger` | hosts.md; Tencent WeCom UA samples in public repos (corpus `inapp_china.jsonl`) |
/// | 2 | wechat_mini_program | `miniprogram` together with `micromessenger`, or hint `wechat_mini_program` | a mini-program web-view is inside WeChat; Alipay mini-programs also say `MiniProgram`, hence the pair | WeChat developer docs (`miniProgram` UA token, `__wxjs_environment`); hosts.md |
/// | 3 | wechat | `micromessenger`, `windowswechat`, `macwechat` | desktop clients: the platform comes from the OS token, the form factor is desktop | hosts.md; ua-parser-js tests (WeChat, WeChat Desktop for Windows) |
/// | 4 | dingtalk | `dingtalk` (`AliApp(DingTalk/..)`, `com.laiwang.DingTalk`) | Alibaba apps share the AliApp container: before Alipay | hosts.md; DingTalk UA samples in public repos |
/// | 5 | taobao | `aliapp(tb` | may carry Alipay tokens: before Alipay | hosts.md; public Taobao UA samples |
/// | 6 | tmall | `aliapp(tm` | may carry Alipay tokens: before Alipay | hosts.md; public Tmall UA samples |
/// | 7 | alipay | `alipayclient`, `aliapp(ap`, `alipaydefined` | after the other Alibaba apps | hosts.md; ua-parser-js tests (Alipay) |
/// | 8 | qq | ` qq/` | `MQQBrowser/` and `QQBrowser/` are browsers and never match | hosts.md; ua-parser-js tests (QQ on iOS/Android) |
/// | 9 | weibo | `__weibo__` | | hosts.md; ua-parser-js tests (WeiBo) |
/// | 10 | tiktok | `musical_ly`, `trill_` (with or without `BytedanceWebview`) | `BytedanceWebview` alone is any ByteDance app (Toutiao, Doubao) and names no host | hosts.md; ua-parser-js and inapp-spy tests (TikTok) |
/// | 11 | douyin | `aweme` (also `aweme_lite`) | | hosts.md; public Douyin UA samples |
/// | 12 | kuaishou | `kwai/`, `ksnebula` | | hosts.md; public Kuaishou UA samples |
/// | 13 | xiaohongshu | `xiaohongshu`, `discover/` (also `xhsdiscover/`) | | hosts.md; public Xiaohongshu UA samples |
/// | 14 | unionpay | `com.unionpay`, `unionpay/` | | hosts.md; public Yunshanfu UA samples |
/// | 15 | meituan | `meituangroup` | | hosts.md; public Meituan UA samples |
/// | 16 | jd | `jdapp;`, `jdltapp;` (JD Lite) | | hosts.md; public JD UA samples |
/// | 17 | messenger | `fban/messenger`, `fb_iab/messenger`, `orca-android` | also carries the Facebook tokens: before Facebook | hosts.md; inapp-spy tests (Messenger) |
/// | 18 | instagram | `instagram` | may carry Facebook tokens: before Facebook | hosts.md; inapp-spy and ua-parser-js tests (Instagram) |
/// | 19 | facebook | `fban/`, `fb_iab/`, `fbav/`, `metaiab facebook` | after the other Meta apps | hosts.md; inapp-spy and ua-parser-js tests (Facebook) |
/// | 20 | line | ` line/` | | hosts.md; inapp-spy and ua-parser-js tests (LINE) |
/// | 21 | twitter | `twitter for iphone`, `twitterandroid` | | hosts.md; inapp-spy and ua-parser-js tests (Twitter) |
/// | 22 | linkedin | `linkedinapp`, `linkedinapp]` (for `[LinkedInApp]/9.30`'s version) | `LinkedInBot` is a crawler, not this | hosts.md; inapp-spy and ua-parser-js tests (LinkedIn) |
/// | 23 | telegram | `telegram-android` | iOS Telegram shows a plain Safari UA: a browser | hosts.md; inapp-spy tests (Telegram) |
/// | 24 | snapchat | `snapchat` | | hosts.md; inapp-spy and ua-parser-js tests (Snapchat) |
///
/// When no rule matches, the JS hints decide: `weixin_js_bridge` gives
/// `wechat`, then `alipay_js_bridge` gives `alipay`. Then a generic embedded
/// webview is `webview`: Android's `; wv)` marker, or an iOS (or iPad-as-Mac)
/// WebKit UA without `safari/` and without an iOS browser brand (`crios/`,
/// `fxios/`, `edgios/`); sources: hosts.md, Chrome's WebView UA docs,
/// inapp-spy tests. Everything else is a `browser`.
pub(super) const HOST_RULES: &[HostRule] = &[
    rule(Host::Wecom, &[Sig::WxWork]),
    rule(Host::WechatMiniProgram, &[Sig::MiniProgram]).requiring(&[Sig::MicroMessenger]),
    rule(Host::Wechat, &[Sig::MicroMessenger, Sig::WechatWindows, Sig::WechatMac]),
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
        let rows: Vec<&str> = src.lines().filter(|l| l.starts_with("/// | ") && !l.contains("---")).skip(1).collect();
        assert_eq!(rows.len(), HOST_RULES.len(), "one doc row per rule");
        for (i, (row, rule)) in rows.iter().zip(HOST_RULES).enumerate() {
            let host = serde_json::to_string(&rule.host).unwrap();
            let host = host.trim_matches('"');
            assert!(row.starts_with(&format!("/// | {} | {host} |", i + 1)), "row {i}: {row}");
            for sig in rule.any.iter().chain(rule.all) {
                for token in TOKENS.iter().filter(|t| t.sig == *sig) {
                    let spelled = format!("`{}", token.text);
                    assert!(row.contains(&spelled), "{host}: doc row lacks {spelled}");
                }
            }
        }
    }
}
