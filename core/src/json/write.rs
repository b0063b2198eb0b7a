//! Writing the output types as compact JSON, in the field order of their
//! serde derives, straight into a `String`.

use crate::decision::{Assignment, Decision, Environment, HiddenRail, ScoreBreakdown, ScoreTerm, ShownRail};
use crate::detect::Detection;
use crate::event::{ExposedHidden, ExposedRail, Exposure};
use std::fmt::Write;

/// An output type that writes itself as JSON.
pub(crate) trait ToJson {
    /// Appends the JSON of `self` to `out`.
    fn write_json(&self, out: &mut String);

    /// The JSON of `self` as a new string.
    fn to_json(&self) -> String {
        let mut out = String::with_capacity(2048);
        self.write_json(&mut out);
        out
    }
}

/// Writes a JSON string literal, escaped as serde_json does. Runs of bytes
/// that need no escape are copied whole: this is the hot loop of a decision.
pub(crate) fn write_str(out: &mut String, s: &str) {
    out.push('"');
    if !s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        out.push_str(s);
        out.push('"');
        return;
    }
    let mut plain = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        // Every byte matched above is ASCII, so these are char boundaries.
        out.push_str(s.get(plain..i).unwrap_or_default());
        if escape.is_empty() {
            let _ = write!(out, "\\u{b:04x}");
        } else {
            out.push_str(escape);
        }
        plain = i + 1;
    }
    out.push_str(s.get(plain..).unwrap_or_default());
    out.push('"');
}

impl ToJson for String {
    fn write_json(&self, out: &mut String) {
        write_str(out, self);
    }
}

impl ToJson for bool {
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl ToJson for i64 {
    fn write_json(&self, out: &mut String) {
        if *self < 0 {
            out.push('-');
        }
        write_digits(out, self.unsigned_abs());
    }
}

impl ToJson for u64 {
    fn write_json(&self, out: &mut String) {
        write_digits(out, *self);
    }
}

/// Decimal digits without the formatting machinery (a hot path in WASM).
fn write_digits(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        if let Some(d) = digits.get_mut(i) {
            // n % 10 < 10, so the cast cannot truncate.
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(digits.get(i..).unwrap_or_default()).unwrap_or("0"));
}

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, out: &mut String) {
        match self {
            Some(v) => v.write_json(out),
            None => out.push_str("null"),
        }
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            item.write_json(out);
        }
        out.push(']');
    }
}

/// Writes an object member by member.
struct Obj<'o> {
    out: &'o mut String,
    first: bool,
}

impl<'o> Obj<'o> {
    fn new(out: &'o mut String) -> Obj<'o> {
        out.push('{');
        Obj { out, first: true }
    }

    fn field(mut self, key: &str, value: &impl ToJson) -> Obj<'o> {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        // Keys are the wire names of this file: plain ASCII, never escaped.
        self.out.push('"');
        self.out.push_str(key);
        self.out.push_str("\":");
        value.write_json(self.out);
        self
    }

    fn end(self) {
        self.out.push('}');
    }
}

impl ToJson for Decision {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("shown", &self.shown)
            .field("preselected", &self.preselected)
            .field("hidden", &self.hidden)
            .field("policy_version", &self.policy_version)
            .field("environment", &self.environment)
            .field("experiments", &self.experiments)
            .field("exposure", &self.exposure)
            .end();
    }
}

impl ToJson for ShownRail {
    fn write_json(&self, out: &mut String) {
        let obj = Obj::new(out)
            .field("rail", &self.rail)
            .field("launch", &self.launch)
            .field("placement", &self.placement);
        match &self.score {
            Some(score) => obj.field("score", score).end(),
            None => obj.end(),
        }
    }
}

impl ToJson for ScoreBreakdown {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("base", &self.base)
            .field("host_native", &self.host_native)
            .field("boosts", &self.boosts)
            .field("experiments", &self.experiments)
            .field("total", &self.total)
            .end();
    }
}

impl ToJson for ScoreTerm {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("source", &self.source)
            .field("delta", &self.delta)
            .end();
    }
}

impl ToJson for HiddenRail {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("rail", &self.rail)
            .field("reason", &self.reason)
            .field("detail", &self.detail)
            .end();
    }
}

impl ToJson for Environment {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("platform", &self.platform)
            .field("form_factor", &self.form_factor)
            .field("host", &self.host)
            .end();
    }
}

impl ToJson for Assignment {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("experiment", &self.experiment)
            .field("variant", &self.variant)
            .end();
    }
}

impl ToJson for Exposure {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("type", &self.kind)
            .field("checkout_id", &self.checkout_id)
            .field("policy_version", &self.policy_version)
            .field("environment", &self.environment)
            .field("experiments", &self.experiments)
            .field("shown", &self.shown)
            .field("preselected", &self.preselected)
            .field("hidden", &self.hidden)
            .end();
    }
}

impl ToJson for ExposedRail {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("rail", &self.rail)
            .field("launch", &self.launch)
            .end();
    }
}

impl ToJson for ExposedHidden {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("rail", &self.rail)
            .field("reason", &self.reason)
            .end();
    }
}

impl ToJson for Detection {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("platform", &self.platform)
            .field("form_factor", &self.form_factor)
            .field("host", &self.host)
            .field("host_version", &self.host_version)
            .field("webview", &self.webview)
            .end();
    }
}

impl ToJson for crate::context::Context {
    fn write_json(&self, out: &mut String) {
        // Absent options and an empty history are left out, as serde does.
        let mut obj = Obj::new(out);
        macro_rules! some {
            ($($key:ident),*) => {$(
                if let Some(v) = &self.$key {
                    obj = obj.field(stringify!($key), v);
                }
            )*};
        }
        some!(platform, form_factor, host, user_agent);
        obj = obj
            .field("installed_wallets", &self.installed_wallets)
            .field("probes", &self.probes);
        some!(preferred_rail);
        if !self.last_used.is_empty() {
            obj = obj.field("last_used", &self.last_used);
        }
        some!(amount, currency, country);
        if let Some(tier) = self.region_tier {
            obj = obj.field("region_tier", &u64::from(tier));
        }
        some!(subject_id);
        obj.end();
    }
}

impl ToJson for crate::context::InstalledWallets {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("wechat", &self.wechat)
            .field("alipay", &self.alipay)
            .field("unionpay", &self.unionpay)
            .field("taobao", &self.taobao)
            .field("paypal", &self.paypal)
            .end();
    }
}

impl ToJson for crate::context::Probes {
    fn write_json(&self, out: &mut String) {
        Obj::new(out)
            .field("apple_pay", &self.apple_pay)
            .field("google_pay", &self.google_pay)
            .field("payment_request", &self.payment_request)
            .end();
    }
}

#[cfg(test)]
mod tests {
    use super::ToJson;

    #[test]
    fn integers_match_display() {
        for n in [0i64, 7, -7, 10, -10, 1_234_567, i64::MAX, i64::MIN] {
            assert_eq!(n.to_json(), n.to_string());
        }
        for n in [0u64, 9, 10, 99, 100, u64::MAX] {
            assert_eq!(n.to_json(), n.to_string());
        }
    }
}
