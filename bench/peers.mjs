// How the peer libraries' answers map onto paysel's host ids. A peer that
// has no name for a host cannot get it right; "browser" means the peer said
// "not an in-app browser".
import { UAParser } from 'ua-parser-js';
import InAppSpy from 'inapp-spy';

// ua-parser-js 2.x: `browser.name` of in-app browsers (its `browser.type`
// is "inapp" for them). Names not listed map to `webview` when the type is
// "inapp" or "webview", else to `browser`.
const UA_PARSER_NAMES = {
  wechat: 'wechat',
  alipay: 'alipay',
  taobao: 'taobao',
  tmall: 'tmall',
  dingtalk: 'dingtalk',
  qq: 'qq',
  weibo: 'weibo',
  douyin: 'douyin',
  kuaishou: 'kuaishou',
  xiaohongshu: 'xiaohongshu',
  meituan: 'meituan',
  jd: 'jd',
  facebook: 'facebook',
  instagram: 'instagram',
  messenger: 'messenger',
  line: 'line',
  tiktok: 'tiktok',
  twitter: 'twitter',
  x: 'twitter',
  linkedin: 'linkedin',
  telegram: 'telegram',
  snapchat: 'snapchat',
  // Names ua-parser-js gives the hosts of issue 14. Its `Baidu` also names
  // Baidu's own browsers (`bdbrowser`, `BIDUBrowser`), which are browsers:
  // mapping it to the app is the reading that favours ua-parser-js.
  baidu: 'baidu',
  gsa: 'google_app',
  kakaotalk: 'kakaotalk',
  naver: 'naver',
  zalo: 'zalo',
};

export function uaParserHost(ua) {
  const browser = new UAParser(ua).getResult().browser;
  const name = String(browser.name ?? '').toLowerCase();
  if (name in UA_PARSER_NAMES) return UA_PARSER_NAMES[name];
  if (browser.type === 'inapp' || browser.type === 'webview') return 'webview';
  return 'browser';
}

// inapp-spy 5.x: `appKey` of the detected app; `isInApp` without a known key
// is a generic webview.
const INAPP_SPY_KEYS = {
  wechat: 'wechat',
  facebook: 'facebook',
  instagram: 'instagram',
  messenger: 'messenger',
  line: 'line',
  tiktok: 'tiktok',
  twitter: 'twitter',
  linkedin: 'linkedin',
  telegram: 'telegram',
  snapchat: 'snapchat',
  threads: 'threads',
  gsa: 'google_app',
  whatsapp: 'whatsapp',
  reddit: 'reddit',
};

export function inappSpyHost(ua) {
  const r = InAppSpy({ ua });
  if (!r.isInApp) return 'browser';
  return INAPP_SPY_KEYS[r.appKey] ?? 'webview';
}

export const UAParserRaw = (ua) => new UAParser(ua).getResult();
export const InAppSpyRaw = (ua) => InAppSpy({ ua });
