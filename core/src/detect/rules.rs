//! Which in-app host a User-Agent names: the precedence table.

use super::tokens::{set_of, Sig, Sigs};
use crate::context::Host;

/// Host rules, tried top to bottom; the first match wins. Tokens match
/// case-insensitively anywhere in the first `MAX_USER_AGENT_BYTES` bytes.
/// A crawler (`bot/`, `bot;`, `bot)`, `googlebot`, `spider`, `crawler`,
/// `facebookexternalhit`, `ia_archiver`, ...) is a `browser` on platform
/// `other` before any rule is tried.
///
/// The source column names the facts behind each row and the labelled lines
/// that pin it. `evidence X` is a section of the capability evidence file
/// (`shared/domain/capability-evidence.md`: B18 lists the confirmed tokens,
/// C1 and C2 the added hosts, A3 and A12 the corrections). `file.jsonl`
/// names a file of `tests/ua/` and the `source` names used there, which
/// `tests/ua/README.md` maps to public repositories and documents.
///
/// | # | host | token(s) | why this place | source |
/// |---|---|---|---|---|
/// | 1 | wecom | `wxwork` | WeCom also carries `MicroMessenger` (and `WindowsWechat` on Windows) | evidence B18 (check WeCom before WeChat); `china-hosts.jsonl`: `hutool` (iOS, Android, Windows), `hubvue-tools`, `gh-code-search` |
/// | 2 | wechat_mini_program | `miniprogram` together with `micromessenger`, or hint `wechat_mini_program` | a mini-program web-view is inside WeChat; Alipay and QQ mini-programs also say `miniProgram`, hence the pair; `miniProgram`/`MiniProgramEnv` mark mini-program requests on iOS, Android and Mac | evidence A3 (WeChat's web-view doc: `miniProgram` in the UA since WeChat 7.0.0, `__wxjs_environment`); `china-hosts.jsonl`: `zax-device`, `gh-code-search` |
/// | 3 | wechat | `micromessenger`, `windowswechat`, `macwechat` | desktop clients: the platform comes from the OS token, the form factor is desktop; iPad and HarmonyOS editions send the same token | evidence B18; `china-hosts.jsonl`: `ua-parser-js` (WeChat, WeChat Desktop for Windows), `inapp-spy` (iPhone, iPad, Android), `hutool`, `php-browser-detection`, `lzl124631x-blog`, `gh-code-search` (Mac, HarmonyOS) |
/// | 4 | dingtalk | `dingtalk` (`AliApp(DingTalk/..)`, `com.laiwang.DingTalk`, `DingTalk(..)` on Windows) | Alibaba apps share the AliApp container: before Alipay | evidence B18; `china-hosts.jsonl`: `hutool` (iOS, Windows), `gh-code-search` (Android) |
/// | 5 | taobao | `aliapp(tb` (Taobao and Taobao Lite), `aliapp(lt` (Taote, Taobao's discount edition) | may carry Alipay tokens: before Alipay | evidence B18 (Taobao Lite sends `AliApp(TB/`, Taote `AliApp(LT/`); `china-hosts.jsonl`: `hutool`, `ua-mock-enum`, `gh-code-search`; Taote only as a published fragment (`UA_良良.js`, see `core/tests/ua_corpus.rs`) |
/// | 6 | tmall | `aliapp(tm` | may carry Alipay tokens: before Alipay | evidence B18; `china-hosts.jsonl`: `ua-mock-enum`, `gh-code-search` |
/// | 7 | alipay_mini_program | `alipayclient`, `aliapp(ap` or `alipaydefined`, together with `miniprogram` | the Alipay app with `MiniProgram` and without `MicroMessenger` (WeChat's pair wins above); before Alipay | evidence A3 and C1 (Alipay web-view doc, wtklbm/curong); `mini-programs.jsonl`: `gh-code-search` |
/// | 8 | alipay | `alipayclient`, `aliapp(ap`, `alipaydefined` | after the other Alibaba apps and the mini-program web-view | evidence B18; `china-hosts.jsonl`: `ua-parser-js` (Alipay), `hutool`, `php-browser-detection`, `hubvue-tools`, `zax-device`, `gh-code-search` |
/// | 9 | qq_mini_program | ` qq/` together with `miniprogram`, or hint `qq_mini_program` | QQ's mini-program web-view appends `QQ/<ver> <QUA> miniProgram miniprogramhtmlwebview` (decompiled QQ client code); the page flag `__qqjs_environment` is `miniprogram` there; before QQ | evidence C1 (`QQ/8.x miniProgram`, `__qqjs_environment`); `mini-programs.jsonl`: `gh-code-search` (QQ's mini-program developer tool; no device capture is public) |
/// | 10 | qq | ` qq/` | `MQQBrowser/` and `QQBrowser/` are browsers and never match; iOS QQ's `MiniAppEnable` is the plain app | evidence B18; `china-hosts.jsonl`: `ua-parser-js` (QQ on iOS/Android), `php-browser-detection`, `webtouch`, `hubvue-tools`; `browsers.jsonl` for QQ Browser |
/// | 11 | weibo | `__weibo__`, `weibointlios` (Weibo International on iOS, `WeiboIntliOS_<build>`), `weiboliteios` (Weibo Lite on iOS) | Weibo Lite on Android keeps `__weibo__` and adds `WeiboLite/`; the iOS International and Lite editions drop `__weibo__` for their own word | evidence B18; issue 20 item 8 (ua-parser's uap-core `regexes.yaml` names `WeiboliteiOS` and `WeiboIntliOS`); `china-hosts.jsonl`: `ua-parser-js` (WeiBo), `ua-mock-enum`, `gh-code-search` (incl. Weibo International on iOS); Weibo Lite on iOS only as a published token (`core/tests/ua_corpus.rs`) |
/// | 12 | lark | ` lark/`, `larklocale/` | Lark and Feishu (`ChannelName/Feishu`) are one app; its gadgets say `miniprogram/`, so after the mini-program pairs above; before the other ByteDance apps | evidence C1; `china-apps.jsonl`: `gh-code-search` (Android, iOS, Mac, Windows), `feishu-open-docs` |
/// | 13 | douyin_mini_program | `toutiaomicroapp` | the ByteDance mini-program container runs inside Douyin (`Aweme/`) and Toutiao (`NewsArticle/`): before both | evidence C1 (wtklbm/curong, developer.open-douyin.com web-view doc); `mini-programs.jsonl`: `gh-code-search` |
/// | 14 | tiktok | `musical_ly`, `trill_` (with or without `BytedanceWebview`) | `BytedanceWebview` alone is any ByteDance app (Toutiao, Doubao) and names no host | evidence B18 and A12; `global-hosts.jsonl`: `ua-parser-js` and `inapp-spy` (TikTok), `gh-envjs-test` |
/// | 15 | douyin | `aweme` (`aweme_<n>`, `Aweme/`, `App/aweme`, `AppName/aweme`, `aweme_lite`), `douyin_lite` (Douyin Lite, `douyin_lite_<n>` without `aweme`) | | evidence A12 (capitalised `Aweme/`, `App/aweme`, `AppName/aweme`; Douyin Lite's `douyin_lite_`); `china-hosts.jsonl`: `hubvue-tools`, `ua-mock-enum`, `gh-code-search`; Douyin Lite only as a published fragment (`UA_良良.js`, see `core/tests/ua_corpus.rs`) |
/// | 16 | toutiao | `newsarticle/` | Toutiao and Toutiao Lite (`NewsLite`) send `NewsArticle/` and ByteDance's shared `BytedanceWebview` | evidence A12 and C1; `china-apps.jsonl`: `gh-code-search` |
/// | 17 | kuaishou | `kwai/`, `ksnebula` (Kuaishou Nebula) | | evidence B18; `china-hosts.jsonl`: `gh-code-search` |
/// | 18 | xiaohongshu | `xiaohongshu`, `xhsdiscover` | `xhsdiscover` is Xiaohongshu's own word | evidence A12 (prefer `xhsdiscover` to the generic `discover/`); `china-hosts.jsonl`: `gh-code-search` (`XiaoHongShu`) |
/// | 19 | xiaohongshu | `discover/` together with `device/(` | `discover/` is a common word: it names Xiaohongshu only next to the `Device/(maker;model)` field Xiaohongshu writes (iOS webview, iOS and Android app clients) | evidence A12; `china-hosts.jsonl`: `gh-code-search` |
/// | 20 | unionpay | `com.unionpay` (bundle id `com.unionpay.chsp`), ` cloudpay` (the app id in `UnionPay/1.0 CloudPay`) | not `UnionPay/` alone: banks' apps in UnionPay's payment scheme say `UnionPay/<ver> <their app id>` (`CCBLoongPay`, `BoComMDB`, `PSBC`, `JDJR`) | evidence D11 (the `com.unionpay.*` tokens have no primary source; kept narrow); `china-hosts.jsonl`: `gh-code-search`; bank apps in `webviews.jsonl` |
/// | 21 | meituan | `meituangroup` | | evidence B18; `china-hosts.jsonl`: `gh-code-search` |
/// | 22 | jd | `jdapp;`, `jdltapp;` (JD Lite) | | evidence B18; `china-hosts.jsonl`: `feverrun-my_scripts`, `gh-code-search` |
/// | 23 | pinduoduo | `phh_android_version` | Android only: no public iOS sample names Pinduoduo | evidence C1; `china-apps.jsonl`: `gh-code-search` |
/// | 24 | baidu | `baiduboxapp` (also `lite`/`info baiduboxapp`, `swan-baiduboxapp` smart programs), `bdapp/` (Baidu's other editions: `tomas` lite, `baiduboxsenior`) | `baidubrowser`, `bdbrowser` and `BIDUBrowser` are Baidu's browsers and never match | evidence C1; `china-apps.jsonl`: `gh-code-search`, `baidu-swan-docs`, `baidu-ua-test`, `ua-parser-js`, `php-browser-detection` |
/// | 25 | zhihu | `zhihuhybrid`, `com.zhihu.android`, `osee2unifiedrelease` (iOS) | the version follows `futureve` or `osee2unifiedreleaseversion` | evidence C1; `china-apps.jsonl`: `gh-code-search` |
/// | 26 | bilibili | `biliapp/`, `bilidroid/` | | evidence C1; `china-apps.jsonl`: `gh-code-search` |
/// | 27 | messenger | `fban/messenger`, `fb_iab/messenger`, `orca-android` | also carries the Facebook tokens: before Facebook. Current Android Messenger sends Facebook's own `[FB_IAB/FB4A;..]`: no UA token tells it from Facebook, so those builds read as `facebook` | evidence A12; `global-hosts.jsonl`: `inapp-spy` (Messenger), `php-browser-detection`, `gh-envjs-test` |
/// | 28 | threads | `barcelona` | Threads is built on Instagram's code: before Instagram | evidence C2 (inapp-spy `regexAppName.ts`); `global-apps.jsonl`: `inapp-spy`, `gh-envjs-test`, `gh-code-search` |
/// | 29 | instagram | `instagram` | may carry Facebook tokens: before Facebook | evidence B18; `global-hosts.jsonl`: `inapp-spy` and `ua-parser-js` (Instagram), `gh-envjs-test` |
/// | 30 | facebook | `fban/`, `fb_iab/`, `fbav/`, `metaiab facebook` | after the other Meta apps; Facebook Lite (`FBAN/EMA`) included | evidence A12 (2025 iOS `MetaIAB Facebook`); `global-hosts.jsonl`: `inapp-spy` and `ua-parser-js` (Facebook), `gh-envjs-test` |
/// | 31 | whatsapp | `[waios/`, `[wa4a/` | WhatsApp's 2025 in-app browser: iOS looks like Safari and Android has no `; wv)`, so only these tokens tell | evidence C2 (inapp-spy `.changeset/add-whatsapp-detection.md`); `global-apps.jsonl`: `inapp-spy`, `gh-code-search` |
/// | 32 | line | ` line/` | | evidence B18; `global-hosts.jsonl`: `inapp-spy` and `ua-parser-js` (LINE), `php-browser-detection` |
/// | 33 | twitter | `twitter for iphone`, `twitter for ipad` (the iPad app before 5.0; later iPad builds say `Twitter for iPhone`), `twitterandroid` | old builds only: X now opens SFSafariViewController and Custom Tabs, which are browsers | evidence A12; issue 20 item 8; `global-hosts.jsonl`: `inapp-spy` and `ua-parser-js` (Twitter), `php-browser-detection`, `jetpack-device-detection` (Twitter for iPad) |
/// | 34 | linkedin | `linkedinapp`, `linkedinapp]` (for `[LinkedInApp]/9.30`'s version) | `LinkedInBot` is a crawler, not this | evidence B18; `global-hosts.jsonl`: `inapp-spy` and `ua-parser-js` (LinkedIn), `gh-envjs-test`, `gh-code-search` |
/// | 35 | telegram | `telegram-android`, or hint `telegram_webview` | the `Telegram-Android/` suffix is Telegram's Mini App webview; the link in-app browser sends a plain Chrome (Android) or Safari (iOS) UA, told only by the page globals `TelegramWebview`, `TelegramWebviewProxy`, `TelegramWebviewProxyProto` | evidence A12 (DrKLO/Telegram WebView code; inapp-spy `src/detectionTelegram.ts`); `global-hosts.jsonl`: `gh-code-search`; `global-apps.jsonl`: `inapp-spy` (with the hint) |
/// | 36 | snapchat | `snapchat` | | evidence B18; `global-hosts.jsonl`: `inapp-spy` and `ua-parser-js` (Snapchat), `php-browser-detection`, `gh-envjs-test` |
/// | 37 | pinterest | `[pinterest/` | | evidence C2; `global-apps.jsonl`: `php-browser-detection`, `gh-envjs-test` |
/// | 38 | kakaotalk | `kakaotalk` | `KAKAOSTORY` is another Kakao app and stays a webview | evidence C2; `global-apps.jsonl`: `ua-parser-js`, `php-browser-detection`, `gh-code-search` |
/// | 39 | naver | `naver(inapp` | Naver's Whale browser (`Whale/` alone) is a browser | evidence C2; `global-apps.jsonl`: `ua-parser-js`, `gh-code-search` |
/// | 40 | zalo | `zalo/`, `zalo android`, `zalo ios`, `zalotheme/` | Zalo's Android webview has no `; wv)` | evidence C2; `global-apps.jsonl`: `ua-parser-js`, `gh-code-search` |
/// | 41 | google_app | `gsa/` | the Google app's in-app browser keeps `Safari/` on iOS | evidence C2; `global-apps.jsonl`: `inapp-spy`, `ua-parser-js`, `gh-envjs-test`, `gh-code-search` |
/// | 42 | reddit | `reddit/version` | Android only: Reddit's iOS app opens SFSafariViewController, a browser | evidence C2; `global-apps.jsonl`: `inapp-spy`, `gh-code-search` |
///
/// When no rule matches, the JS hints decide: `weixin_js_bridge` gives
/// `wechat`, then `alipay_js_bridge` gives `alipay`. Then a generic embedded
/// webview is `webview`: Android's `; wv)` marker, or an iOS (or iPad-as-Mac)
/// WebKit UA without `safari/` and without an iOS browser brand (`crios/`,
/// `fxios/`, `edgios/`, and the brands that also drop `Safari/`:
/// `ucbrowser/`, `quark/`, `qihoobrowser/`, `opt/` (Opera Touch),
/// `ecosia ios@`); sources: evidence A12 (the heuristic weakens as apps add
/// `Safari/`), Chrome's WebView UA docs, `webviews.jsonl` (`ua-parser-js`,
/// `php-browser-detection`, `inapp-spy`, `gh-envjs-test`) and the iOS
/// browsers of `browsers.jsonl` (`hutool`, `ua-parser-js`,
/// `php-browser-detection`). Everything else is a `browser`.
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
    rule(Host::AlipayMiniProgram, &[Sig::Alipay]).requiring(&[Sig::MiniProgram]),
    rule(Host::Alipay, &[Sig::Alipay]),
    rule(Host::QqMiniProgram, &[Sig::Qq]).requiring(&[Sig::MiniProgram]),
    rule(Host::Qq, &[Sig::Qq]),
    rule(Host::Weibo, &[Sig::Weibo]),
    rule(Host::Lark, &[Sig::Lark]),
    rule(Host::DouyinMiniProgram, &[Sig::ToutiaoMicroApp]),
    rule(Host::Tiktok, &[Sig::Tiktok]),
    rule(Host::Douyin, &[Sig::Douyin]),
    rule(Host::Toutiao, &[Sig::Toutiao]),
    rule(Host::Kuaishou, &[Sig::Kuaishou]),
    rule(Host::Xiaohongshu, &[Sig::Xiaohongshu]),
    rule(Host::Xiaohongshu, &[Sig::Discover]).requiring(&[Sig::DeviceParen]),
    rule(Host::Unionpay, &[Sig::UnionPay]),
    rule(Host::Meituan, &[Sig::Meituan]),
    rule(Host::Jd, &[Sig::Jd]),
    rule(Host::Pinduoduo, &[Sig::Pinduoduo]),
    rule(Host::Baidu, &[Sig::Baidu]),
    rule(Host::Zhihu, &[Sig::Zhihu]).version_from(&[Sig::ZhihuVersion]),
    rule(Host::Bilibili, &[Sig::Bilibili]),
    rule(Host::Messenger, &[Sig::Messenger]).version_from(&[Sig::FacebookVersion]),
    rule(Host::Threads, &[Sig::Threads]),
    rule(Host::Instagram, &[Sig::Instagram]),
    rule(Host::Facebook, &[Sig::Facebook, Sig::FacebookVersion]).version_from(&[Sig::FacebookVersion]),
    rule(Host::Whatsapp, &[Sig::WhatsApp]),
    rule(Host::Line, &[Sig::Line]),
    rule(Host::Twitter, &[Sig::Twitter]),
    rule(Host::Linkedin, &[Sig::LinkedIn]),
    rule(Host::Telegram, &[Sig::Telegram]),
    rule(Host::Snapchat, &[Sig::Snapchat]),
    rule(Host::Pinterest, &[Sig::Pinterest]),
    rule(Host::Kakaotalk, &[Sig::KakaoTalk]),
    rule(Host::Naver, &[Sig::Naver]),
    rule(Host::Zalo, &[Sig::Zalo]),
    rule(Host::GoogleApp, &[Sig::GoogleApp]),
    rule(Host::Reddit, &[Sig::Reddit]),
];

/// Every signal that can start a host rule: a User-Agent with none of them
/// (most browsers) skips the table in one test.
pub(super) const HOST_SIGS: Sigs = any_of_rules(HOST_RULES);

/// One row of [`HOST_RULES`]: the host matches when any signal of `any` was
/// seen and every signal of `all` too.
pub(super) struct HostRule {
    pub host: Host,
    // The signal lists themselves are read only by the tests that hold the
    // doc table to the code; matching uses the bitsets below.
    #[cfg_attr(not(test), allow(dead_code))]
    pub any: &'static [Sig],
    #[cfg_attr(not(test), allow(dead_code))]
    pub all: &'static [Sig],
    /// `any` and `all` as bitsets, built at compile time.
    pub any_set: Sigs,
    pub all_set: Sigs,
    /// Signals whose token carries the host's version, first wins.
    pub version: &'static [Sig],
}

const fn rule(host: Host, any: &'static [Sig]) -> HostRule {
    HostRule {
        host,
        any,
        all: &[],
        any_set: set_of(any),
        all_set: 0,
        version: any,
    }
}

impl HostRule {
    const fn requiring(self, all: &'static [Sig]) -> Self {
        HostRule {
            all,
            all_set: set_of(all),
            ..self
        }
    }

    const fn version_from(self, version: &'static [Sig]) -> Self {
        HostRule { version, ..self }
    }
}

const fn any_of_rules(rules: &[HostRule]) -> Sigs {
    let mut set = 0;
    let mut i = 0;
    while i < rules.len() {
        // `i < rules.len()` is checked just above.
        #[allow(clippy::indexing_slicing)]
        let any = rules[i].any_set;
        set |= any;
        i += 1;
    }
    set
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::super::tokens::{bit, TOKENS};
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

    /// The compile-time bitsets say what the slices say.
    #[test]
    fn rule_sets_match_their_signals() {
        for rule in HOST_RULES {
            let any = rule.any.iter().fold(0, |set, &sig| set | bit(sig));
            let all = rule.all.iter().fold(0, |set, &sig| set | bit(sig));
            assert_eq!((rule.any_set, rule.all_set), (any, all), "{:?}", rule.host);
            assert_eq!(HOST_SIGS & any, any, "{:?}", rule.host);
        }
    }
}
