//! How a native app finds out which wallet apps are installed, so that it can
//! fill [`crate::InstalledWallets`] before deciding.
//!
//! This table is the one place where the probe identifiers live; the mobile
//! bindings expose it (`walletProbes()`) so that apps never hard-code them,
//! and a test keeps the snippets in `bindings-mobile/README.md` in step with
//! it. Sources: the wallets' public SDK documentation (capability evidence
//! B19 for iOS and Android visibility, WeChat's schemes, and A12 for
//! UnionPay's).
//!
//! - iOS answers `canOpenURL` only for schemes the app lists under
//!   `LSApplicationQueriesSchemes` in its `Info.plist`.
//! - Android 11+ shows another package to `PackageManager` only when the app
//!   declares it under `<queries>` in its manifest.

use crate::context::WalletApp;
use crate::wire::WireEnum;

/// How to probe one wallet app from a native app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WalletProbe {
    /// The wallet app.
    pub app: WalletApp,
    /// iOS URL schemes, without `://`. The app is installed when
    /// `canOpenURL` answers true for any of them.
    pub ios_schemes: &'static [&'static str],
    /// The Android package id. The app is installed when `PackageManager`
    /// finds this package.
    pub android_package: &'static str,
}

/// The probe identifiers of one wallet app.
pub const fn wallet_probe(app: WalletApp) -> WalletProbe {
    let (ios_schemes, android_package): (&'static [&'static str], &'static str) = match app {
        // WeChat OpenSDK: `weixin` for the app, `weixinULAPI` for its
        // universal-link API.
        WalletApp::Wechat => (&["weixin", "weixinULAPI"], "com.tencent.mm"),
        // Alipay SDK: `alipays` for payments, `alipay` for the app.
        WalletApp::Alipay => (&["alipay", "alipays"], "com.eg.android.AlipayGphone"),
        // UnionPay control SDK: the Yunshanfu app and the bank apps it hands
        // to (the SDK's integration guide lists all five).
        WalletApp::Unionpay => (
            &["uppaysdk", "uppaywallet", "uppayx1", "uppayx2", "uppayx3"],
            "com.unionpay",
        ),
        WalletApp::Taobao => (&["taobao"], "com.taobao.taobao"),
        WalletApp::Paypal => (&["paypal"], "com.paypal.android.p2pmobile"),
    };
    WalletProbe {
        app,
        ios_schemes,
        android_package,
    }
}

/// The probe identifiers of every wallet app, in `WalletApp` order.
pub fn wallet_probes() -> Vec<WalletProbe> {
    WalletApp::ALL.iter().copied().map(wallet_probe).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probes_are_well_formed() {
        for probe in wallet_probes() {
            assert!(!probe.ios_schemes.is_empty(), "{:?}", probe.app);
            for scheme in probe.ios_schemes {
                assert!(
                    scheme.chars().all(|c| c.is_ascii_alphanumeric()),
                    "{scheme}: a URL scheme without `://`"
                );
            }
            assert!(probe.android_package.contains('.'), "{}", probe.android_package);
        }
    }
}
