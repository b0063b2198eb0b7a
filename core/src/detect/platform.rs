//! Operating system and form factor, from the scanned tokens and the hints.

use super::tokens::{Scan, Sig};
use super::Hints;
use crate::context::{FormFactor, Platform};

/// The answer, with how much the User-Agent alone can be trusted for it.
struct Guess {
    platform: Platform,
    form: FormFactor,
    /// False when the UA is vague (no OS token, or a bare `Linux` that may
    /// be Android asking for the desktop site): hints may override it.
    platform_sure: bool,
    /// False when the form factor is inferred from a missing token.
    form_sure: bool,
}

/// Platform and form factor. Crawlers stay on `other`, hints or not.
pub(super) fn resolve(scan: &Scan, hints: &Hints, bot: bool) -> (Platform, FormFactor) {
    if bot {
        let form = if scan.has(Sig::Mobile) {
            FormFactor::Mobile
        } else {
            FormFactor::Desktop
        };
        return (Platform::Other, form);
    }
    let mut guess = from_ua(scan);
    // An iPad in desktop mode claims to be a Mac; only touch gives it away.
    if guess.platform == Platform::Macos && hints.touch == Some(true) {
        guess = sure(Platform::Ios, FormFactor::Tablet);
    }
    if !guess.platform_sure {
        if let Some(platform) = hints.ua_platform.as_deref().and_then(parse_platform) {
            if platform != guess.platform {
                guess = default_for(platform, scan);
            }
        }
    }
    if !guess.form_sure {
        if let Some(mobile) = hints.ua_mobile {
            guess.form = match (mobile, guess.platform) {
                (true, _) => FormFactor::Mobile,
                (false, Platform::Android | Platform::Harmonyos | Platform::Ios) => FormFactor::Tablet,
                (false, _) => FormFactor::Desktop,
            };
        }
    }
    (guess.platform, guess.form)
}

/// The UA's own answer. Order matters: HarmonyOS NEXT may add `Android` or
/// `Windows NT` for compatibility, iOS apps add `like Mac OS X`, Android adds
/// `Linux`, and a Mac WeChat adds `WindowsWechat`.
fn from_ua(scan: &Scan) -> Guess {
    use Platform::*;
    let mobile_token = scan.has(Sig::Mobile);
    if scan.has(Sig::Harmony) {
        return match device_class(scan) {
            Some(form) => sure(Harmonyos, form),
            None => handheld(Harmonyos, mobile_token),
        };
    }
    if scan.has(Sig::WindowsPhone) {
        return sure(Other, FormFactor::Mobile);
    }
    if scan.has(Sig::Ipad) {
        return sure(Ios, FormFactor::Tablet);
    }
    if scan.has(Sig::Iphone) {
        return sure(Ios, FormFactor::Mobile);
    }
    if scan.has(Sig::Android) {
        return handheld(Android, mobile_token);
    }
    if scan.has(Sig::ChromeOs) {
        return sure(Chromeos, FormFactor::Desktop);
    }
    if scan.has(Sig::Macintosh) || scan.has(Sig::WechatMac) {
        return sure(Macos, FormFactor::Desktop);
    }
    if scan.has(Sig::Windows) {
        return sure(Windows, FormFactor::Desktop);
    }
    if scan.has(Sig::Tizen) {
        return vague(Other, mobile_token);
    }
    if scan.has(Sig::Linux) {
        return Guess {
            platform_sure: false,
            ..sure(Linux, FormFactor::Desktop)
        };
    }
    vague(Other, mobile_token)
}

/// HarmonyOS NEXT names its device class: `(Phone; OpenHarmony 5.0)`.
fn device_class(scan: &Scan) -> Option<FormFactor> {
    if scan.has(Sig::DevicePc) {
        Some(FormFactor::Desktop)
    } else if scan.has(Sig::DeviceTablet) {
        Some(FormFactor::Tablet)
    } else if scan.has(Sig::DevicePhone) {
        Some(FormFactor::Mobile)
    } else {
        None
    }
}

/// Android convention: phones say `Mobile`, tablets do not.
fn handheld(platform: Platform, mobile_token: bool) -> Guess {
    if mobile_token {
        sure(platform, FormFactor::Mobile)
    } else {
        Guess {
            form_sure: false,
            ..sure(platform, FormFactor::Tablet)
        }
    }
}

fn vague(platform: Platform, mobile_token: bool) -> Guess {
    let form = if mobile_token {
        FormFactor::Mobile
    } else {
        FormFactor::Desktop
    };
    Guess {
        platform,
        form,
        platform_sure: false,
        form_sure: false,
    }
}

fn sure(platform: Platform, form: FormFactor) -> Guess {
    Guess {
        platform,
        form,
        platform_sure: true,
        form_sure: true,
    }
}

/// The form factor a hinted platform starts from.
fn default_for(platform: Platform, scan: &Scan) -> Guess {
    use Platform::*;
    match platform {
        Android | Harmonyos => handheld(platform, scan.has(Sig::Mobile)),
        Ios => Guess {
            form_sure: false,
            ..sure(Ios, FormFactor::Mobile)
        },
        Windows | Macos | Linux | Chromeos => sure(platform, FormFactor::Desktop),
        Other => vague(Other, scan.has(Sig::Mobile)),
    }
}

/// `navigator.userAgentData.platform` values, as Chromium spells them.
fn parse_platform(name: &str) -> Option<Platform> {
    const NAMES: &[(&str, Platform)] = &[
        ("android", Platform::Android),
        ("ios", Platform::Ios),
        ("harmonyos", Platform::Harmonyos),
        ("openharmony", Platform::Harmonyos),
        ("windows", Platform::Windows),
        ("macos", Platform::Macos),
        ("chrome os", Platform::Chromeos),
        ("chromeos", Platform::Chromeos),
        ("chromium os", Platform::Chromeos),
        ("linux", Platform::Linux),
    ];
    let name = name.trim();
    NAMES
        .iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(name))
        .map(|(_, platform)| *platform)
}
