// Plain-language labels for the wire codes of a decision. Every code the
// README documents has an entry; an unknown (newer) code falls back to the
// code itself, so the page never hides information.

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

const RAILS: Record<string, RailLook> = {
  alipay: { label: "Alipay", bg: "#1677ff", fg: "#ffffff", glyph: "A" },
  wechat_pay: { label: "WeChat Pay", bg: "#07c160", fg: "#ffffff", glyph: "W" },
  unionpay: { label: "UnionPay", bg: "#d7182a", fg: "#ffffff", glyph: "U" },
  card: { label: "Card", bg: "#475569", fg: "#ffffff", glyph: "" },
  apple_pay: { label: "Apple Pay", bg: "#000000", fg: "#ffffff", glyph: "Pay" },
  google_pay: { label: "Google Pay", bg: "#ffffff", fg: "#4285f4", glyph: "G", outline: true },
  paypal: { label: "PayPal", bg: "#003087", fg: "#ffffff", glyph: "P" },
};

/** Label and chip of a rail; custom rails get a neutral chip and their id in words. */
export function railLook(id: string): RailLook {
  const known = RAILS[id];
  if (known) return known;
  const label = id
    .split("_")
    .filter((w) => w.length > 0)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");
  return { label: label || id, bg: "#7c3aed", fg: "#ffffff", glyph: (label.charAt(0) || "?").toUpperCase() };
}

/** The built-in rail ids, in the order the README lists them. */
export const BUILTIN_RAILS = ["alipay", "wechat_pay", "unionpay", "card", "apple_pay", "google_pay", "paypal"];

export const PLATFORMS: Record<string, string> = {
  ios: "iOS / iPadOS",
  android: "Android",
  harmonyos: "HarmonyOS",
  windows: "Windows",
  macos: "macOS",
  linux: "Linux",
  chromeos: "ChromeOS",
  other: "Other",
};

export const FORM_FACTORS: Record<string, string> = {
  mobile: "Phone",
  tablet: "Tablet",
  desktop: "Desktop",
};

export const HOSTS: Record<string, string> = {
  browser: "System browser",
  native: "Native app screen",
  webview: "Unnamed app webview",
  wechat: "WeChat",
  wechat_mini_program: "WeChat mini-program",
  wecom: "WeCom",
  alipay: "Alipay app",
  taobao: "Taobao",
  tmall: "Tmall",
  dingtalk: "DingTalk",
  qq: "QQ",
  weibo: "Weibo",
  douyin: "Douyin",
  kuaishou: "Kuaishou",
  xiaohongshu: "Xiaohongshu (RED)",
  unionpay: "UnionPay app",
  meituan: "Meituan",
  jd: "JD.com",
  facebook: "Facebook",
  instagram: "Instagram",
  messenger: "Messenger",
  line: "LINE",
  tiktok: "TikTok",
  twitter: "Twitter / X",
  linkedin: "LinkedIn",
  telegram: "Telegram",
  snapchat: "Snapchat",
};

export const WALLET_APPS: Record<string, string> = {
  wechat: "WeChat",
  alipay: "Alipay",
  unionpay: "UnionPay",
  taobao: "Taobao",
  paypal: "PayPal",
};

export const AVAILABILITY: Record<string, string> = {
  unknown: "Unknown",
  installed: "Installed",
  not_installed: "Not installed",
};

export const PROBES: Record<string, string> = {
  apple_pay: "Apple Pay",
  google_pay: "Google Pay",
  payment_request: "Payment Request",
};

export const READINESS: Record<string, string> = {
  unknown: "Unknown",
  ready: "Ready",
  supported: "Supported (no card yet)",
  not_ready: "Not ready",
};

export function hostName(host: string): string {
  return HOSTS[host] ?? host;
}

/** What happens when the shopper taps the rail. */
export function launchWords(launch: string, host: string): string {
  switch (launch) {
    case "app_switch":
      return "Switches to the wallet app";
    case "in_host_bridge":
      return `Pays inside ${hostName(host)} through its in-app bridge`;
    case "h5_redirect":
      return "Redirects to the wallet's mobile web page";
    case "qr_code":
      return "Shows a QR code to scan with a phone";
    case "native_sheet":
      return "Opens the system payment sheet";
    case "payment_request":
      return "Opens the browser's payment sheet (Payment Request)";
    case "card_form":
      return "Card form on this page";
    case "open_in_browser":
      return "Guide: open this page in the system browser to pay";
    default:
      return `Launches with ${launch}`;
  }
}

/** Why a shown rail sits where it does. */
export function placementWords(placement: string): string {
  switch (placement) {
    case "preferred":
      return "Placed first: the shopper's explicit preference";
    case "last_used":
      return "Placed by the shopper's most recent payment";
    case "experiment_order":
      return "Pinned by an experiment variant";
    case "score":
      return "Ranked by score";
    case "guide":
      return "Guides always come last";
    default:
      return `Placement ${placement}`;
  }
}

/** A hidden rail's reason code as one plain sentence. */
export function reasonSentence(reason: string, host: string): string {
  switch (reason) {
    case "disabled_by_merchant":
      return "The merchant turned this rail off in the policy.";
    case "country_unsupported":
      return "It is not offered in the shopper's country.";
    case "currency_unsupported":
      return "It does not accept this currency.";
    case "amount_below_min":
      return "The amount is below this rail's minimum.";
    case "amount_above_max":
      return "The amount is above this rail's maximum.";
    case "rollout_excluded":
      return "This shopper is outside the rail's gradual rollout.";
    case "platform_unsupported":
      return "It does not exist on this operating system.";
    case "host_blocks_rail":
      return `${hostName(host)} blocks it: the app this page runs inside does not allow it.`;
    case "wallet_not_installed":
      return "The wallet app it needs is not installed.";
    case "wallet_not_ready":
      return "The device wallet is not set up, or nobody probed it.";
    case "over_display_limit":
      return "More rails qualified than the policy shows (max_shown).";
    default:
      return `Hidden (${reason}).`;
  }
}
