//! Reading JS values into the core's types, through serde-wasm-bindgen.
//!
//! serde-wasm-bindgen 0.6.5 reads a struct by looking up the fields it
//! declares, so `deny_unknown_fields` never sees an extra key (its issue 39);
//! it takes a `BigInt` for an `i64`, any iterable for a list, and, like
//! `TextEncoder`, turns a lone surrogate into U+FFFD; and a getter that
//! throws while it reads unwinds through the WebAssembly frames. `Js` is its
//! deserializer with the strictness of the wire format: a struct is read
//! from the object's own entries (so an unknown key is refused), a list must
//! be an array, strings must be well-formed, integers must be numbers, and
//! reading an object's properties catches what its getters throw. Numbers,
//! booleans and enum names are read by serde-wasm-bindgen itself, which
//! refuses `NaN`, `Infinity` and fractions where an integer belongs.

use js_sys::{Array, JsString};
use paysel_core::wire::{render, WireError};
use serde::de::value::{MapDeserializer, SeqDeserializer};
use serde::de::{self, DeserializeOwned, IntoDeserializer, Unexpected, Visitor};
use serde_wasm_bindgen::{Deserializer, Error};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// `Object.entries`, catching what a getter or a proxy throws.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = entries)]
    fn entries(value: &JsValue) -> Result<Array, JsValue>;
    /// `Array.from`, catching what a getter or a proxy throws; a hole reads
    /// as `undefined`, as `JSON.stringify` writes it as `null`.
    #[wasm_bindgen(catch, js_namespace = Array, js_name = from)]
    fn items(value: &JsValue) -> Result<Array, JsValue>;
}

/// Reads `value` as a `T`, with the JSON path of the first problem.
pub fn read<T: DeserializeOwned>(value: &JsValue) -> Result<T, WireError> {
    serde_path_to_error::deserialize(Js(value.clone())).map_err(|e| WireError {
        path: render(e.path()),
        // serde-wasm-bindgen's errors are JS Errors: their message, without
        // the "Error: " that their Display adds.
        message: JsValue::from(e.into_inner())
            .dyn_into::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_default(),
    })
}

/// One JS value, read strictly (see the module docs).
struct Js(JsValue);

impl Js {
    fn by_serde_wasm_bindgen(self) -> Deserializer {
        Deserializer::from(self.0)
    }

    fn refuse(&self, expected: &dyn de::Expected) -> Error {
        let v = &self.0;
        let unexpected = if v.is_null() || v.is_undefined() {
            Unexpected::Unit
        } else if let Some(b) = v.as_bool() {
            Unexpected::Bool(b)
        } else if let Some(n) = v.as_f64() {
            // Named as JSON would name it: 7 is an integer, not `7.0`.
            match n as i64 {
                i if i as f64 == n => Unexpected::Signed(i),
                _ => Unexpected::Float(n),
            }
        } else if Array::is_array(v) {
            Unexpected::Seq
        } else if v.is_object() {
            Unexpected::Map
        } else if v.is_string() {
            Unexpected::Other("string")
        } else if v.is_bigint() {
            Unexpected::Other("BigInt")
        } else {
            Unexpected::Other("function or symbol")
        };
        de::Error::invalid_type(unexpected, expected)
    }

    /// An object's or an array's members; a throwing getter is an error.
    fn members(&self, read: fn(&JsValue) -> Result<Array, JsValue>) -> Result<Array, Error> {
        read(&self.0).map_err(|_| de::Error::custom("reading its properties threw an exception"))
    }
}

impl<'de> IntoDeserializer<'de, Error> for Js {
    type Deserializer = Js;

    fn into_deserializer(self) -> Js {
        self
    }
}

/// Numbers, booleans, strings and null go to serde-wasm-bindgen. Anything
/// else is refused here: a `BigInt` never becomes an integer, and an error
/// message never prints an object.
macro_rules! scalars {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            let v = &self.0;
            if v.is_object() || v.is_function() || v.is_bigint() || v.is_symbol() {
                return Err(self.refuse(&visitor));
            }
            self.by_serde_wasm_bindgen().$method(visitor)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for Js {
    type Error = Error;

    scalars! {
        deserialize_any deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_i128 deserialize_u128
        deserialize_f32 deserialize_f64 deserialize_char deserialize_bytes deserialize_byte_buf
        deserialize_unit deserialize_identifier
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        // serde-wasm-bindgen's own i64 would take a BigInt; its i32 reads
        // any safe integer as an i64 (serde then checks the range) and
        // refuses every other number.
        self.deserialize_i32(visitor)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_u32(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_string(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let Some(text) = self.0.as_string() else {
            return Err(self.refuse(&visitor));
        };
        // Only a string that came out with U+FFFD can have held a lone
        // surrogate: only then are its UTF-16 code units checked.
        if text.contains('\u{FFFD}') && !self.0.unchecked_ref::<JsString>().is_valid_utf16() {
            return Err(de::Error::invalid_value(
                Unexpected::Other("string with a lone surrogate"),
                &visitor,
            ));
        }
        visitor.visit_string(text)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.0.is_null() || self.0.is_undefined() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if !Array::is_array(&self.0) {
            return Err(self.refuse(&visitor));
        }
        let items = self.members(items)?;
        visitor.visit_seq(SeqDeserializer::new(items.iter().map(Js)))
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        // serde-wasm-bindgen's `preserve` (a JS value kept as is) is a tuple
        // struct it recognises by name; paysel's types have no other.
        self.by_serde_wasm_bindgen()
            .deserialize_tuple_struct(name, len, visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if !self.0.is_object() || Array::is_array(&self.0) {
            return Err(self.refuse(&visitor));
        }
        let entries = self.members(entries)?;
        visitor.visit_map(MapDeserializer::new(entries.iter().map(|pair| {
            let pair: Array = pair.unchecked_into();
            (Js(pair.get(0)), Js(pair.get(1)))
        })))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        // Every enum of the wire format is a plain name.
        if !self.0.is_string() {
            return Err(self.refuse(&visitor));
        }
        self.by_serde_wasm_bindgen()
            .deserialize_enum(name, variants, visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}
