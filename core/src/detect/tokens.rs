//! The token table and the one-pass, case-insensitive scanner.
//!
//! The scanner walks the User-Agent once. At each byte it looks up the
//! tokens that start with that byte and the next (an index built at compile
//! time), and records every [`Sig`] whose token matches in a bitset. Resolution
//! (which host, which platform) happens afterwards, on the bitset only.

/// One thing a User-Agent token says. Several tokens may raise the same
/// signal: Alipay, for one, has three.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub(super) enum Sig {
    // In-app hosts; their precedence lives in `rules.rs`.
    WxWork,
    MiniProgram,
    MicroMessenger,
    WechatWindows,
    WechatMac,
    DingTalk,
    Taobao,
    Tmall,
    Alipay,
    Qq,
    Weibo,
    Lark,
    ToutiaoMicroApp,
    Douyin,
    Tiktok,
    Toutiao,
    Kuaishou,
    Xiaohongshu,
    /// `discover/`: Xiaohongshu's app name, but a common word on its own.
    Discover,
    /// `Device/(`: the device field Xiaohongshu writes next to `discover/`.
    DeviceParen,
    UnionPay,
    Meituan,
    Jd,
    Pinduoduo,
    Baidu,
    Zhihu,
    /// Where Zhihu writes its version (`Futureve/`, `osee2unifiedReleaseVersion/`).
    ZhihuVersion,
    Bilibili,
    Messenger,
    Threads,
    Instagram,
    Facebook,
    FacebookVersion,
    WhatsApp,
    Line,
    Twitter,
    LinkedIn,
    Telegram,
    Snapchat,
    Pinterest,
    KakaoTalk,
    Naver,
    Zalo,
    GoogleApp,
    Reddit,
    // What kind of client this is.
    Bot,
    AndroidWebview,
    Safari,
    AppleWebKit,
    IosBrowser,
    // Operating system and device class.
    Harmony,
    WindowsPhone,
    Ipad,
    Iphone,
    Android,
    ChromeOs,
    Macintosh,
    Windows,
    Tizen,
    Linux,
    Mobile,
    DevicePhone,
    DeviceTablet,
    DevicePc,
}

/// Number of signals; the bitset and the version table are this wide.
const SIG_COUNT: usize = Sig::DevicePc as usize + 1;
const _: () = assert!(SIG_COUNT <= 128, "the signal bitset is a u128");

/// A set of signals, one bit each. A u128 is two machine words on 64-bit
/// targets and in WASM: testing and setting a bit stays a couple of
/// instructions, as it was with a u64.
pub(super) type Sigs = u128;

/// A lower-case token and the signal it raises. `version` marks tokens that
/// are followed by the host's version (`MicroMessenger/8.0.44`).
pub(super) struct Token {
    pub text: &'static str,
    pub sig: Sig,
    pub version: bool,
}

const fn t(text: &'static str, sig: Sig) -> Token {
    Token {
        text,
        sig,
        version: false,
    }
}

const fn v(text: &'static str, sig: Sig) -> Token {
    Token {
        text,
        sig,
        version: true,
    }
}

/// Every token paysel looks for, lower case. Host tokens and their sources
/// are documented in `rules.rs`; the rest are the common OS and device
/// tokens of public UA corpora (ua-parser-js, inapp-spy). A token needs a
/// separator only where a bare word would match elsewhere: ` qq/` (not
/// `MQQBrowser/`), ` line/`, ` lark/` (not `SkyLark/`-style names), `; cros `
/// (not `Microsoft`), `bot/` (not the `CUBOT` phone brand), ` cloudpay` (the
/// UnionPay app's id after `UnionPay/1.0`; the bare `UnionPay/` is sent by
/// many banks' apps too), and the bracketed `[wa4a/`, `[waios/` and
/// `[pinterest/` that WhatsApp and Pinterest append. `discover/` is a common
/// word: it names Xiaohongshu only next to `device/(` (see `rules.rs`).
/// The labelled corpus in `tests/ua/` pins every token to real strings.
pub(super) const TOKENS: &[Token] = &[
    v("wxwork", Sig::WxWork),
    t("miniprogram", Sig::MiniProgram),
    v("micromessenger", Sig::MicroMessenger),
    t("windowswechat", Sig::WechatWindows),
    t("macwechat", Sig::WechatMac),
    v("dingtalk", Sig::DingTalk),
    v("aliapp(tb", Sig::Taobao),
    v("aliapp(lt", Sig::Taobao),
    v("aliapp(tm", Sig::Tmall),
    v("alipayclient", Sig::Alipay),
    v("aliapp(ap", Sig::Alipay),
    t("alipaydefined", Sig::Alipay),
    v(" qq/", Sig::Qq),
    v("__weibo__", Sig::Weibo),
    v("weibointlios", Sig::Weibo),
    t("weiboliteios", Sig::Weibo),
    v(" lark/", Sig::Lark),
    t("larklocale/", Sig::Lark),
    v("toutiaomicroapp", Sig::ToutiaoMicroApp),
    v("aweme", Sig::Douyin),
    v("douyin_lite", Sig::Douyin),
    v("musical_ly", Sig::Tiktok),
    v("trill_", Sig::Tiktok),
    v("newsarticle/", Sig::Toutiao),
    v("kwai/", Sig::Kuaishou),
    v("ksnebula", Sig::Kuaishou),
    v("xiaohongshu", Sig::Xiaohongshu),
    v("xhsdiscover", Sig::Xiaohongshu),
    v("discover/", Sig::Discover),
    t("device/(", Sig::DeviceParen),
    t("com.unionpay", Sig::UnionPay),
    t(" cloudpay", Sig::UnionPay),
    v("meituangroup", Sig::Meituan),
    t("jdapp;", Sig::Jd),
    t("jdltapp;", Sig::Jd),
    v("phh_android_version", Sig::Pinduoduo),
    v("baiduboxapp", Sig::Baidu),
    t("bdapp/", Sig::Baidu),
    t("zhihuhybrid", Sig::Zhihu),
    t("com.zhihu.android", Sig::Zhihu),
    t("osee2unifiedrelease", Sig::Zhihu),
    v("futureve", Sig::ZhihuVersion),
    v("osee2unifiedreleaseversion", Sig::ZhihuVersion),
    v("biliapp/", Sig::Bilibili),
    v("bilidroid/", Sig::Bilibili),
    t("fban/messenger", Sig::Messenger),
    t("fb_iab/messenger", Sig::Messenger),
    t("orca-android", Sig::Messenger),
    v("barcelona", Sig::Threads),
    v("instagram", Sig::Instagram),
    t("fban/", Sig::Facebook),
    t("fb_iab/", Sig::Facebook),
    t("metaiab facebook", Sig::Facebook),
    v("fbav/", Sig::FacebookVersion),
    v("[waios/", Sig::WhatsApp),
    v("[wa4a/", Sig::WhatsApp),
    v(" line/", Sig::Line),
    v("twitter for iphone", Sig::Twitter),
    t("twitter for ipad", Sig::Twitter),
    t("twitterandroid", Sig::Twitter),
    v("linkedinapp", Sig::LinkedIn),
    v("linkedinapp]", Sig::LinkedIn),
    v("telegram-android", Sig::Telegram),
    v("snapchat", Sig::Snapchat),
    t("[pinterest/", Sig::Pinterest),
    v("kakaotalk", Sig::KakaoTalk),
    t("naver(inapp", Sig::Naver),
    v("zalo/", Sig::Zalo),
    v("zalo android", Sig::Zalo),
    v("zalo ios", Sig::Zalo),
    t("zalotheme/", Sig::Zalo),
    v("gsa/", Sig::GoogleApp),
    v("reddit/version", Sig::Reddit),
    t("bot/", Sig::Bot),
    t("bot;", Sig::Bot),
    t("bot)", Sig::Bot),
    t("googlebot", Sig::Bot),
    t("bingbot", Sig::Bot),
    t("adsbot", Sig::Bot),
    t("spider", Sig::Bot),
    t("crawler", Sig::Bot),
    t("slurp", Sig::Bot),
    t("facebookexternalhit", Sig::Bot),
    t("facebookcatalog", Sig::Bot),
    t("mediapartners-google", Sig::Bot),
    t("google-inspectiontool", Sig::Bot),
    t("googleother", Sig::Bot),
    t("ia_archiver", Sig::Bot),
    t("; wv)", Sig::AndroidWebview),
    t("safari/", Sig::Safari),
    t("applewebkit", Sig::AppleWebKit),
    t("crios/", Sig::IosBrowser),
    t("fxios/", Sig::IosBrowser),
    t("edgios/", Sig::IosBrowser),
    t("ucbrowser/", Sig::IosBrowser),
    t("quark/", Sig::IosBrowser),
    t("qihoobrowser/", Sig::IosBrowser),
    t("opt/", Sig::IosBrowser),
    t("ecosia ios@", Sig::IosBrowser),
    t("harmonyos", Sig::Harmony),
    t("openharmony", Sig::Harmony),
    t("windows phone", Sig::WindowsPhone),
    t("ipad", Sig::Ipad),
    t("iphone", Sig::Iphone),
    t("ipod", Sig::Iphone),
    t("android", Sig::Android),
    t("; cros ", Sig::ChromeOs),
    t("chromium os", Sig::ChromeOs),
    t("macintosh", Sig::Macintosh),
    t("windows", Sig::Windows),
    t("tizen", Sig::Tizen),
    t("linux", Sig::Linux),
    t("mobile", Sig::Mobile),
    t("(phone;", Sig::DevicePhone),
    t("(tablet;", Sig::DeviceTablet),
    t("(pc;", Sig::DevicePc),
];

/// Longest version string kept, in bytes.
const MAX_VERSION_BYTES: usize = 32;

/// What one pass over a User-Agent found.
pub(super) struct Scan {
    seen: Sigs,
    /// Per signal, where the first version that follows one of its tokens
    /// starts; 0 when none did (a version never starts at byte 0).
    version_at: [u16; SIG_COUNT],
}

impl Scan {
    /// Whether any token of `sig` was seen.
    pub fn has(&self, sig: Sig) -> bool {
        self.seen & bit(sig) != 0
    }

    /// Whether any signal of `set` was seen.
    pub fn has_any(&self, set: Sigs) -> bool {
        self.seen & set != 0
    }

    /// Whether every signal of `set` was seen.
    pub fn has_all(&self, set: Sigs) -> bool {
        self.seen & set == set
    }

    /// Raises `sig` as if a token had been seen (used for JS-side hints).
    pub fn raise(&mut self, sig: Sig) {
        self.seen |= bit(sig);
    }

    /// The version that followed a token of `sig`, e.g. `8.0.44.2502`.
    pub fn version(&self, ua: &[u8], sig: Sig) -> Option<String> {
        let start = usize::from(*self.version_at.get(sig as usize)?);
        if start == 0 {
            return None;
        }
        let rest = ua.get(start..)?;
        let len = rest
            .iter()
            .take(MAX_VERSION_BYTES)
            .take_while(|b| b.is_ascii_digit() || **b == b'.')
            .count();
        let text = rest.get(..len)?;
        // Only ASCII digits and dots get here, so this never fails.
        std::str::from_utf8(text)
            .ok()
            .map(|s| s.trim_end_matches('.').to_owned())
    }
}

/// The one-bit set of `sig`.
pub(super) const fn bit(sig: Sig) -> Sigs {
    1 << (sig as u32)
}

/// The set of all signals in `sigs` (evaluated at compile time for the rules).
pub(super) const fn set_of(sigs: &[Sig]) -> Sigs {
    let mut set = 0;
    let mut i = 0;
    while i < sigs.len() {
        // `i < sigs.len()` is checked just above.
        #[allow(clippy::indexing_slicing)]
        let sig = sigs[i];
        set |= bit(sig);
        i += 1;
    }
    set
}

/// Tokens grouped by their first byte, each group sorted by second byte.
/// The ids of the tokens starting with byte `b` are
/// `order[start[b]..start[b + 1]]`, and `second[k]` is the second byte of
/// token `order[k]`, kept beside the ids so that finding a position's
/// candidates reads one small array. `pairs` has one bit per (first,
/// second) byte pair that starts a token: most positions of a UA are ruled
/// out by that one lookup.
struct Index {
    pairs: [u64; 1024],
    start: [u8; 257],
    order: [u8; TOKENS.len()],
    second: [u8; TOKENS.len()],
}

static INDEX: Index = build_index();

/// ASCII lower case by table: one load per byte in the scan loop.
// Evaluated at compile time; `b < 256` bounds the index.
#[allow(clippy::indexing_slicing)]
static LOWER: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).to_ascii_lowercase();
        b += 1;
    }
    table
};

fn lower(b: u8) -> u8 {
    // A u8 always indexes a 256-entry table.
    LOWER.get(usize::from(b)).copied().unwrap_or(b)
}

/// The pair key of a token's (or a UA position's) first two bytes.
const fn pair_key(first: u8, second: u8) -> usize {
    (first as usize) << 8 | second as usize
}

// Evaluated at compile time only: an out-of-bounds index or an empty token
// is a build error here, never a runtime panic.
#[allow(clippy::indexing_slicing)]
const fn build_index() -> Index {
    assert!(TOKENS.len() < 256, "token ids are u8");
    let mut pairs = [0u64; 1024];
    let mut start = [0u8; 257];
    let mut i = 0;
    while i < TOKENS.len() {
        let text = TOKENS[i].text.as_bytes();
        assert!(text.len() >= 2, "tokens are at least two bytes");
        let mut k = 0;
        while k < text.len() {
            assert!(!text[k].is_ascii_uppercase(), "tokens are lower case");
            k += 1;
        }
        let key = pair_key(text[0], text[1]);
        pairs[key / 64] |= 1 << (key % 64);
        start[text[0] as usize + 1] += 1;
        i += 1;
    }
    let mut b = 1;
    while b < 257 {
        start[b] += start[b - 1];
        b += 1;
    }
    // Ids by first byte, in table order, then each group sorted by second
    // byte (insertion sort: the groups are a handful of tokens).
    let mut order = [0u8; TOKENS.len()];
    let mut next = start;
    let mut i = 0;
    while i < TOKENS.len() {
        let first = TOKENS[i].text.as_bytes()[0] as usize;
        order[next[first] as usize] = i as u8;
        next[first] += 1;
        i += 1;
    }
    let mut k = 1;
    while k < TOKENS.len() {
        let mut j = k;
        while j > 0 && same_group_and_after(order[j - 1], order[j]) {
            let swap = order[j - 1];
            order[j - 1] = order[j];
            order[j] = swap;
            j -= 1;
        }
        k += 1;
    }
    let mut second = [0u8; TOKENS.len()];
    let mut k = 0;
    while k < TOKENS.len() {
        second[k] = TOKENS[order[k] as usize].text.as_bytes()[1];
        k += 1;
    }
    Index {
        pairs,
        start,
        order,
        second,
    }
}

/// Whether tokens `a` and `b` share a first byte and `a`'s second byte
/// sorts after `b`'s (compile time only).
#[allow(clippy::indexing_slicing)]
const fn same_group_and_after(a: u8, b: u8) -> bool {
    let (a, b) = (
        TOKENS[a as usize].text.as_bytes(),
        TOKENS[b as usize].text.as_bytes(),
    );
    a[0] == b[0] && a[1] > b[1]
}

/// Scans `ua` once. The caller has already cut it to the scan limit.
pub(super) fn scan(ua: &[u8]) -> Scan {
    let mut found = Scan {
        seen: 0,
        version_at: [0; SIG_COUNT],
    };
    let mut bytes = ua.iter().copied().map(lower);
    let Some(mut first) = bytes.next() else {
        return found;
    };
    for (at, second) in bytes.enumerate() {
        let pair = (first, second);
        first = second;
        let key = pair_key(pair.0, pair.1);
        if INDEX
            .pairs
            .get(key / 64)
            .is_none_or(|bits| bits & (1 << (key % 64)) == 0)
        {
            continue;
        }
        let (Some(&lo), Some(&hi)) = (
            INDEX.start.get(usize::from(pair.0)),
            INDEX.start.get(usize::from(pair.0) + 1),
        ) else {
            continue;
        };
        for k in usize::from(lo)..usize::from(hi) {
            let (Some(&id), Some(&token_second)) = (INDEX.order.get(k), INDEX.second.get(k)) else {
                break;
            };
            if token_second < pair.1 {
                continue;
            }
            if token_second > pair.1 {
                break;
            }
            let Some(token) = TOKENS.get(usize::from(id)) else {
                continue;
            };
            let text = token.text.as_bytes();
            let end = at + text.len();
            // The first two bytes matched already; the tokens are lower case.
            let (Some(rest), Some(want)) = (ua.get(at + 2..end), text.get(2..)) else {
                continue;
            };
            if !rest.iter().zip(want).all(|(&b, &t)| lower(b) == t) {
                continue;
            }
            found.seen |= bit(token.sig);
            if token.version {
                record_version(&mut found, ua, token.sig, end);
            }
        }
    }
    found
}

/// Remembers where the version after a token starts, allowing one `/`, `_`
/// or space between them; keeps the first one only.
fn record_version(found: &mut Scan, ua: &[u8], sig: Sig, after: usize) {
    let Some(slot) = found.version_at.get_mut(sig as usize) else {
        return;
    };
    if *slot != 0 {
        return;
    }
    let skip = usize::from(matches!(ua.get(after), Some(b'/' | b'_' | b' ')));
    let start = after + skip;
    if ua.get(start).is_some_and(u8::is_ascii_digit) {
        // The scan limit keeps every position far below u16::MAX.
        *slot = u16::try_from(start).unwrap_or(0);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn every_token_is_lower_case_and_indexed_once() {
        let mut counted = vec![0; TOKENS.len()];
        for &id in INDEX.order.iter() {
            counted[usize::from(id)] += 1;
        }
        assert!(counted.iter().all(|&c| c == 1));
        for token in TOKENS {
            assert_eq!(token.text, token.text.to_ascii_lowercase());
        }
    }

    /// Each first byte's group holds its tokens, sorted by second byte,
    /// with the second bytes beside them.
    #[test]
    fn groups_are_sorted_by_second_byte() {
        for first in 0..=255u8 {
            let group = usize::from(INDEX.start[usize::from(first)])
                ..usize::from(INDEX.start[usize::from(first) + 1]);
            let ids = &INDEX.order[group.clone()];
            assert_eq!(
                ids.len(),
                TOKENS.iter().filter(|t| t.text.as_bytes()[0] == first).count()
            );
            for (k, &id) in group.zip(ids) {
                let text = TOKENS[usize::from(id)].text.as_bytes();
                assert_eq!((text[0], text[1]), (first, INDEX.second[k]));
            }
            assert!(ids.windows(2).all(|w| {
                TOKENS[usize::from(w[0])].text.as_bytes()[1] <= TOKENS[usize::from(w[1])].text.as_bytes()[1]
            }));
        }
    }

    #[test]
    fn finds_tokens_in_any_case_with_their_version() {
        let ua = b"Mozilla/5.0 MICROMESSENGER/8.0.44.2502(0x28002C51) Instagram 10.21.0 (x)";
        let s = scan(ua);
        assert!(s.has(Sig::MicroMessenger) && s.has(Sig::Instagram));
        assert_eq!(s.version(ua, Sig::MicroMessenger).unwrap(), "8.0.44.2502");
        assert_eq!(s.version(ua, Sig::Instagram).unwrap(), "10.21.0");
        assert!(!s.has(Sig::Qq));
    }
}
