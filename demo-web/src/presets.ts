// Ready-made contexts for the cases QA checks most often. Each is a full
// wire-format context, so picking one replaces the whole editor state.

import type { WireContext } from "./state";

export interface Preset {
  id: string;
  label: string;
  context: WireContext;
}

export const PRESETS: Preset[] = [
  {
    id: "wechat",
    label: "Inside WeChat (Android, CNY)",
    context: {
      platform: "android",
      form_factor: "mobile",
      host: "wechat",
      installed_wallets: { alipay: "not_installed" },
      amount: 249900,
      currency: "CNY",
      country: "CN",
    },
  },
  {
    id: "alipay",
    label: "Inside Alipay (iPhone)",
    context: {
      platform: "ios",
      form_factor: "mobile",
      host: "alipay",
      amount: 8800,
      currency: "CNY",
      country: "CN",
    },
  },
  {
    id: "taobao",
    label: "Inside Taobao (Android)",
    context: {
      platform: "android",
      form_factor: "mobile",
      host: "taobao",
      installed_wallets: { wechat: "installed" },
      amount: 15900,
      currency: "CNY",
      country: "CN",
    },
  },
  {
    id: "phone",
    label: "Phone browser (iPhone Safari, USD)",
    context: {
      platform: "ios",
      form_factor: "mobile",
      host: "browser",
      probes: { apple_pay: "ready", payment_request: "ready" },
      amount: 4999,
      currency: "USD",
      country: "US",
    },
  },
  {
    id: "desktop",
    label: "Desktop (Windows, CNY)",
    context: {
      platform: "windows",
      form_factor: "desktop",
      host: "browser",
      amount: 129900,
      currency: "CNY",
      country: "CN",
    },
  },
  {
    id: "native",
    label: "Native app without WeChat (Android)",
    context: {
      platform: "android",
      form_factor: "mobile",
      host: "native",
      installed_wallets: {
        wechat: "not_installed",
        alipay: "installed",
        unionpay: "not_installed",
        taobao: "installed",
        paypal: "not_installed",
      },
      probes: { google_pay: "ready" },
      amount: 39900,
      currency: "CNY",
      country: "CN",
      region_tier: 3,
    },
  },
  {
    id: "facebook",
    label: "Facebook's in-app browser (iPhone, USD)",
    context: {
      platform: "ios",
      form_factor: "mobile",
      host: "facebook",
      probes: { apple_pay: "ready" },
      amount: 2500,
      currency: "USD",
      country: "US",
    },
  },
];
