//! JS value -> JSON text for the core's JSON entry points.
//!
//! This reads a value the way `JSON.stringify` does (own enumerable keys in
//! order, `toJSON`, `undefined` and functions left out of objects and `null`
//! in arrays), with one difference: what `JSON.stringify` would silently
//! change or fail on without saying where is refused with the JSON path of
//! the value, written the way the core writes paths (`rails[2].id`):
//! `NaN` and `±Infinity` (which `JSON.stringify` turns into `null`, so
//! `amount: NaN` would read as "no amount"), `BigInt`, cycles, throwing
//! getters, and nesting deeper than any paysel input.

use crate::get;
use wasm_bindgen::{JsCast, JsValue};

/// Deeper than any valid input, and than serde_json's own limit (128), so
/// that the core reports real depth errors; shallow enough for the stack.
const MAX_DEPTH: usize = 256;

/// Where and why a value cannot become JSON.
pub(crate) struct Refused {
    /// JSON path of the value.
    pub path: String,
    /// What is wrong with it.
    pub message: String,
}

/// The JSON text of `value`.
pub(crate) fn to_json(value: &JsValue) -> Result<String, Refused> {
    // Fast path: the engine's own `JSON.stringify`. It is exact unless it
    // threw (cycle, BigInt, throwing getter) or wrote a `null` that may stand
    // for NaN or Infinity; those rare inputs take the careful walk below,
    // which says where the problem is.
    if let Some(text) = js_sys::JSON::stringify(value).ok().and_then(|s| s.as_string()) {
        // A byte scan: `str::contains` would link the substring searcher and
        // its panic messages, several kilobytes of the package.
        if !text.as_bytes().windows(4).any(|w| w == b"null") {
            return Ok(text);
        }
    }
    let mut writer = Writer {
        out: String::new(),
        path: String::new(),
        ancestors: Vec::new(),
    };
    let value = writer.to_json_value(value, &JsValue::from_str(""))?;
    if !writer.write(&value)? {
        return Err(writer.refuse(format!(
            "expected an object or JSON text, got {}",
            value.js_typeof().as_string().unwrap_or_default()
        )));
    }
    Ok(writer.out)
}

struct Writer {
    out: String,
    path: String,
    ancestors: Vec<JsValue>,
}

impl Writer {
    fn refuse(&self, message: String) -> Refused {
        Refused {
            path: self.path.clone(),
            message,
        }
    }

    /// `value.toJSON(key)` when the value has one (a `Date`, say).
    fn to_json_value(&self, value: &JsValue, key: &JsValue) -> Result<JsValue, Refused> {
        let to_json = get(value, "toJSON");
        match to_json.dyn_ref::<js_sys::Function>() {
            Some(f) => f
                .call1(value, key)
                .map_err(|_| self.refuse("toJSON() threw".to_owned())),
            None => Ok(value.clone()),
        }
    }

    /// Writes `value`; false when JSON has no place for it (`undefined`, a
    /// function, a symbol), which the caller leaves out or writes as `null`.
    fn write(&mut self, value: &JsValue) -> Result<bool, Refused> {
        if value.is_undefined() || value.is_function() || value.is_symbol() {
            return Ok(false);
        }
        if value.is_null() {
            self.out.push_str("null");
        } else if let Some(b) = value.as_bool() {
            self.out.push_str(if b { "true" } else { "false" });
        } else if let Some(n) = value.as_f64() {
            if !n.is_finite() {
                return Err(self.refuse(not_finite(n)));
            }
            self.literal(value)?;
        } else if value.is_string() {
            self.literal(value)?;
        } else if value.is_bigint() {
            return Err(self.refuse("a BigInt cannot be read; pass a number".to_owned()));
        } else {
            if self.ancestors.iter().any(|a| a == value) {
                return Err(self.refuse("cyclic reference: this object contains itself".to_owned()));
            }
            if self.ancestors.len() >= MAX_DEPTH {
                return Err(self.refuse(format!("nested deeper than {MAX_DEPTH} levels")));
            }
            self.ancestors.push(value.clone());
            if js_sys::Array::is_array(value) {
                self.array(value.unchecked_ref())?;
            } else {
                self.object(value)?;
            }
            self.ancestors.pop();
        }
        Ok(true)
    }

    /// A string or finite number, exactly as `JSON.stringify` writes it.
    fn literal(&mut self, value: &JsValue) -> Result<(), Refused> {
        let text = js_sys::JSON::stringify(value)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| self.refuse("cannot be written as JSON".to_owned()))?;
        self.out.push_str(&text);
        Ok(())
    }

    fn array(&mut self, array: &js_sys::Array) -> Result<(), Refused> {
        self.out.push('[');
        for i in 0..array.length() {
            if i > 0 {
                self.out.push(',');
            }
            let at = self.path.len();
            self.path.push_str(&format!("[{i}]"));
            let item = self.to_json_value(&array.get(i), &JsValue::from_str(&i.to_string()))?;
            if !self.write(&item)? {
                self.out.push_str("null");
            }
            self.path.truncate(at);
        }
        self.out.push(']');
        Ok(())
    }

    fn object(&mut self, object: &JsValue) -> Result<(), Refused> {
        self.out.push('{');
        let mut first = true;
        for key in js_sys::Object::keys(object.unchecked_ref::<js_sys::Object>()).iter() {
            let name = key.as_string().unwrap_or_default();
            let at = self.path.len();
            if at > 0 {
                self.path.push('.');
            }
            self.path.push_str(&name);
            let item = js_sys::Reflect::get(object, &key)
                .map_err(|_| self.refuse("reading this property threw".to_owned()))?;
            let item = self.to_json_value(&item, &key)?;
            let mark = self.out.len();
            if !first {
                self.out.push(',');
            }
            self.literal(&key)?;
            self.out.push(':');
            if self.write(&item)? {
                first = false;
            } else {
                // JSON.stringify leaves such members out.
                self.out.truncate(mark);
            }
            self.path.truncate(at);
        }
        self.out.push('}');
        Ok(())
    }
}

/// Says which non-finite number was found, without Rust's float formatting
/// (which would add kilobytes to the package for this one message).
fn not_finite(n: f64) -> String {
    let which = if n.is_nan() {
        "NaN"
    } else if n > 0.0 {
        "Infinity"
    } else {
        "-Infinity"
    };
    format!("{which} is not a finite number")
}
