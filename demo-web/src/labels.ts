// Plain-language labels for the wire codes of a decision.
//
// Every map is typed `Record<Enum, ...>` over an enum of the npm package's
// generated declarations (or, for the built-in rails, which the package does
// not declare, over the type build.mjs generates from `paysel capabilities
// --json`). A value the core adds is then missing here and `tsc` fails the
// page build, so no menu or label can fall behind the core. The menus are
// built from these maps' keys. At run time a code the page was not built
// with (a link from a newer build) falls back to the code itself.

import type {
  Availability,
  BrowserFamily,
  EvidenceLevel,
  FormFactor,
  HiddenReason,
  Host,
  Launch,
  Placement,
  Platform,
  Probes,
  Readiness,
  WalletApp,
} from "paysel";
import type { BuiltinRail } from "./generated/core";

/** How one rail looks in the checkout: label, chip colours and glyph. */
export interface RailLook {
  label: string;
  /** Chip background. */
  bg: string;
  /** Glyph colour on the chip. */
  fg: string;
  /** One or two characters drawn on the chip (Latin only: no font needed). */
  glyph: string;
  /** Adds a thin outline to light chips. */
  outline?: boolean;
}

export const RAILS: Record<BuiltinRail, RailLook> = {
  alipay: { label: "Alipay", bg: "#1677ff", fg: "#ffffff", glyph: "A" },
  wechat_pay: { label: "WeChat Pay", bg: "#07c160", fg: "#ffffff", glyph: "W" },
  unionpay: { label: "UnionPay", bg: "#d7182a", fg: "#ffffff", glyph: "U" },
  card: { label: "Card", bg: "#475569", fg: "#ffffff", glyph: "" },
  apple_pay: { label: "Apple Pay", bg: "#000000", fg: "#ffffff", glyph: "Pay" },
  google_pay: { label: "Google Pay", bg: "#ffffff", fg: "#4285f4", glyph: "G", outline: true },
  paypal: { label: "PayPal", bg: "#003087", fg: "#ffffff", glyph: "P" },
};

/** The label of a wire code in one of the maps, or the code itself when the map lacks it. */
export function label<K extends string>(map: Record<K, string>, code: string): string {
  return (map as Record<string, string | undefined>)[code] ?? code;
}

/** Label and chip of a rail; custom rails get a neutral chip and their id in words. */
export function railLook(id: string): RailLook {
  const known = (RAILS as Record<string, RailLook | undefined>)[id];
  if (known) return known;
  const words = id
    .split("_")
    .filter((w) => w.length > 0)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");
  return { label: words || id, bg: "#7c3aed", fg: "#ffffff", glyph: (words.charAt(0) || "?").toUpperCase() };
}

export const PLATFORMS: Record<Platform, string> = {
  ios: "iOS / iPadOS",
  android: "Android",
  harmonyos: "HarmonyOS",
  windows: "Windows",
  macos: "macOS",
  linux: "Linux",
  chromeos: "ChromeOS",
  other: "Other",
};

export const FORM_FACTORS: Record<FormFactor, string> = {
  mobile: "Phone",
  tablet: "Tablet",
  desktop: "Desktop",
};

export const BROWSERS: Record<BrowserFamily, string> = {
  safari: "Safari",
  chromium: "Chromium-based",
  firefox: "Firefox",
  other: "Other browser",
};

export const HOSTS: Record<Host, string> = {
  browser: "System browser",
  native: "Native app screen",
  webview: "Unnamed app webview",
  wechat: "WeChat",
  wechat_mini_program: "WeChat mini-program",
  wecom: "WeCom",
  alipay: "Alipay app",
  alipay_mini_program: "Alipay mini-program",
  taobao: "Taobao",
  tmall: "Tmall",
  dingtalk: "DingTalk",
  qq: "QQ",
  qq_mini_program: "QQ mini-program",
  weibo: "Weibo",
  douyin: "Douyin",
  douyin_mini_program: "Douyin mini-program",
  kuaishou: "Kuaishou",
  xiaohongshu: "Xiaohongshu (RED)",
  unionpay: "UnionPay app",
  meituan: "Meituan",
  jd: "JD.com",
  baidu: "Baidu",
  pinduoduo: "Pinduoduo",
  zhihu: "Zhihu",
  bilibili: "Bilibili",
  lark: "Lark / Feishu",
  toutiao: "Toutiao",
  facebook: "Facebook",
  instagram: "Instagram",
  messenger: "Messenger",
  threads: "Threads",
  whatsapp: "WhatsApp",
  line: "LINE",
  kakaotalk: "KakaoTalk",
  naver: "Naver",
  zalo: "Zalo",
  tiktok: "TikTok",
  twitter: "Twitter / X",
  linkedin: "LinkedIn",
  telegram: "Telegram",
  snapchat: "Snapchat",
  pinterest: "Pinterest",
  reddit: "Reddit",
  google_app: "Google app",
};

export const WALLET_APPS: Record<WalletApp, string> = {
  wechat: "WeChat",
  alipay: "Alipay",
  unionpay: "UnionPay",
  taobao: "Taobao",
  paypal: "PayPal",
};

export const AVAILABILITY: Record<Availability, string> = {
  unknown: "Unknown",
  installed: "Installed",
  not_installed: "Not installed",
};

export const PROBES: Record<keyof Probes, string> = {
  apple_pay: "Apple Pay",
  google_pay: "Google Pay",
  payment_request: "Payment Request",
};

export const READINESS: Record<Readiness, string> = {
  unknown: "Unknown",
  ready: "Ready",
  supported: "Supported (no card yet)",
  not_ready: "Not ready",
};

export function hostName(host: string): string {
  return label(HOSTS, host);
}

/** What happens when the shopper taps the rail, given the host it runs in. */
const LAUNCH_WORDS: Record<Launch, (host: string) => string> = {
  app_switch: () => "Switches to the wallet app",
  browser_switch: () => "Opens the provider's checkout in a secure browser tab, then returns",
  in_host_bridge: (host) => `Pays inside ${hostName(host)} through its in-app bridge`,
  mini_program_page: (host) => `Hands over to a payment page of the ${hostName(host)}`,
  h5_redirect: () => "Redirects to the wallet's mobile web page",
  qr_code: () => "Shows a QR code to scan with a phone",
  native_sheet: () => "Opens the system payment sheet",
  payment_request: () => "Opens the browser's payment sheet (Payment Request)",
  wallet_js: () => "Runs the wallet's own JavaScript checkout (a popup or a code to scan)",
  card_form: () => "Card form on this page",
  open_in_browser: () => "Guide: open this page in the system browser to pay",
};

/** The same launches in a word or two, for the matrix. */
export const LAUNCH_SHORT: Record<Launch, string> = {
  app_switch: "App switch",
  browser_switch: "Browser tab",
  in_host_bridge: "In-app bridge",
  mini_program_page: "Mini-program page",
  h5_redirect: "Mobile web",
  qr_code: "QR code",
  native_sheet: "Native sheet",
  payment_request: "Payment Request",
  wallet_js: "Wallet JS",
  card_form: "Card form",
  open_in_browser: "Open in browser",
};

export function launchWords(launch: string, host: string): string {
  const words = (LAUNCH_WORDS as Record<string, ((host: string) => string) | undefined>)[launch];
  return words ? words(host) : `Launches with ${launch}`;
}

/** Why a shown rail sits where it does. */
export const PLACEMENTS: Record<Placement, string> = {
  preferred: "Placed first: the shopper's explicit preference",
  last_used: "Placed by the shopper's most recent payment",
  experiment_order: "Pinned by an experiment variant",
  score: "Ranked by score",
  secondary: "Offered, but never first or preselected (the device wallet has no card yet)",
  guide: "Guides always come last",
};

export function placementWords(placement: string): string {
  return label(PLACEMENTS, placement);
}

/**
 * A hidden rail's reason code as one plain sentence. The sentences state
 * what the engine decided, not that it is a platform fact: the evidence
 * badge beside them says what the decision rests on.
 */
const REASON_SENTENCES: Record<HiddenReason, (host: string) => string> = {
  disabled_by_merchant: () => "The merchant turned this rail off in the policy.",
  country_unsupported: () => "It is not offered in the shopper's country.",
  currency_unsupported: () => "It does not accept this currency.",
  amount_below_min: () => "The amount is below this rail's minimum.",
  amount_above_max: () => "The amount is above this rail's maximum.",
  rollout_excluded: () => "This shopper is outside the rail's gradual rollout.",
  policy_capability: (host) => `Your policy's capabilities block it inside ${hostName(host)}: the merchant's override, not a platform fact.`,
  platform_unsupported: () => "Treated as not available on this operating system.",
  host_blocks_rail: (host) => `Treated as blocked inside ${hostName(host)}, the app this page runs in.`,
  wallet_not_installed: () => "The wallet app it needs is not installed.",
  wallet_not_ready: () => "The device wallet is not set up, or nobody probed it.",
  over_display_limit: () => "More rails qualified than the policy shows (max_shown).",
};

/** The same reasons in a word or two, for the matrix. */
export const REASON_SHORT: Record<HiddenReason, string> = {
  disabled_by_merchant: "Turned off",
  country_unsupported: "Not in country",
  currency_unsupported: "Not in currency",
  amount_below_min: "Below minimum",
  amount_above_max: "Above maximum",
  rollout_excluded: "Out of rollout",
  policy_capability: "Blocked by your policy",
  platform_unsupported: "Unsupported",
  host_blocks_rail: "Blocked",
  wallet_not_installed: "No wallet app",
  wallet_not_ready: "Wallet not ready",
  over_display_limit: "Over the limit",
};

export function reasonSentence(reason: string, host: string): string {
  const sentence = (REASON_SENTENCES as Record<string, ((host: string) => string) | undefined>)[reason];
  return sentence ? sentence(host) : `Hidden (${reason}).`;
}

/** An evidence level as a badge, and what it means. */
export interface LevelLook {
  /** The badge text. */
  badge: string;
  /** What the level means, in a sentence. */
  meaning: string;
}

export const LEVELS: Record<EvidenceLevel, LevelLook> = {
  documented: { badge: "Documented", meaning: "The platform's own documentation or source code says so." },
  reported: { badge: "Reported", meaning: "Developer reports, press tests or observed behaviour say so." },
  assumed: {
    badge: "Assumed",
    meaning: "No source settles it: a conservative default until a device test or field data decides.",
  },
  policy: { badge: "Your policy", meaning: "Your policy decided this, not a platform fact." },
};

export function levelLook(level: string): LevelLook {
  return (LEVELS as Record<string, LevelLook | undefined>)[level] ?? { badge: level, meaning: `Evidence level ${level}.` };
}
