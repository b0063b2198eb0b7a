//! Prints the embedded default policy as Rust data: what `cargo xtask bake`
//! writes to `core/src/default_policy.rs`, so that no engine parses the
//! default policy at start-up. The core test
//! `baked_default_policy_matches_the_json` keeps the two in step.
//!
//! It walks the parsed policy with its own serde `Serialize` impls, so the
//! field names come from the types themselves: a struct becomes its
//! constructor, a skipped field its `Default`, a unit variant its
//! `Enum::Variant` path (wire names are the snake_case of the Rust names).
//! No crate does this with serde's renames and skips (uneval prints wire
//! names and drops skipped fields), and this is build tooling, not shipped.

use serde::ser::{self, Serialize};
use std::fmt::Write;

fn main() -> std::process::ExitCode {
    let policy = match paysel_core::parse_policy(paysel_core::DEFAULT_POLICY_JSON) {
        Ok(policy) => policy,
        Err(e) => {
            eprintln!("default_policy.json: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let mut code = Rust(String::new());
    if let Err(e) = policy.serialize(&mut code) {
        eprintln!("bake: {e}");
        return std::process::ExitCode::FAILURE;
    }
    // Only the enums this policy names, so that no import is unused.
    let words: std::collections::BTreeSet<&str> = code
        .0
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .filter_map(|word| word.split("::").next())
        .collect();
    let imports: String = ENUMS
        .iter()
        .filter(|(_, name)| words.contains(name))
        .map(|(module, name)| format!("use crate::{module}::{name};\n"))
        .collect();
    println!(
        "//! The embedded default policy as Rust data, generated from\n\
         //! `default_policy.json` by `cargo xtask bake`: do not edit by hand.\n\
         //! The test `baked_default_policy_matches_the_json` keeps the two in step.\n\
         \n\
         {imports}\
         use crate::policy::*;\n\
         \n\
         /// The default policy, built without parsing.\n\
         pub(crate) fn policy() -> Policy {{\n{}\n}}",
        code.0
    );
    std::process::ExitCode::SUCCESS
}

/// The enums outside `crate::policy` that a policy can hold, by module.
const ENUMS: [(&str, &str); 5] = [
    ("capability", "Launch"),
    ("context", "FormFactor"),
    ("context", "Host"),
    ("context", "Platform"),
    ("context", "WalletApp"),
];

/// Rust source text, written by serializing a value into it.
struct Rust(String);

#[derive(Debug)]
struct Unsupported(String);

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the default policy holds {}, which bake cannot write", self.0)
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Unsupported(msg.to_string())
    }
}

fn unsupported<T>(what: &str) -> Result<T, Unsupported> {
    Err(Unsupported(what.to_owned()))
}

/// `wechat_pay` -> `WechatPay`.
fn camel(snake: &str) -> String {
    snake
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

impl Rust {
    fn push(&mut self, text: &str) -> Result<(), Unsupported> {
        self.0.push_str(text);
        Ok(())
    }

    fn literal(&mut self, value: impl std::fmt::Display) -> Result<(), Unsupported> {
        write!(self.0, "{value}").map_err(|e| Unsupported(e.to_string()))
    }
}

impl ser::Serializer for &mut Rust {
    type Ok = ();
    type Error = Unsupported;
    type SerializeSeq = Self;
    type SerializeTuple = ser::Impossible<(), Unsupported>;
    type SerializeTupleStruct = ser::Impossible<(), Unsupported>;
    type SerializeTupleVariant = ser::Impossible<(), Unsupported>;
    type SerializeMap = ser::Impossible<(), Unsupported>;
    type SerializeStruct = Self;
    type SerializeStructVariant = ser::Impossible<(), Unsupported>;

    fn serialize_bool(self, v: bool) -> Result<(), Unsupported> {
        self.literal(v)
    }
    fn serialize_i8(self, v: i8) -> Result<(), Unsupported> {
        self.literal(v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), Unsupported> {
        self.literal(v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), Unsupported> {
        self.literal(v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), Unsupported> {
        self.literal(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Unsupported> {
        self.literal(v)
    }
    fn serialize_u16(self, v: u16) -> Result<(), Unsupported> {
        self.literal(v)
    }
    fn serialize_u32(self, v: u32) -> Result<(), Unsupported> {
        self.literal(v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), Unsupported> {
        self.literal(v)
    }
    fn serialize_f32(self, _: f32) -> Result<(), Unsupported> {
        unsupported("a float")
    }
    fn serialize_f64(self, _: f64) -> Result<(), Unsupported> {
        unsupported("a float")
    }
    fn serialize_char(self, v: char) -> Result<(), Unsupported> {
        self.literal(format!("{v:?}"))
    }
    fn serialize_str(self, v: &str) -> Result<(), Unsupported> {
        self.literal(format!("String::from({v:?})"))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unsupported> {
        unsupported("bytes")
    }
    fn serialize_none(self) -> Result<(), Unsupported> {
        self.push("None")
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Unsupported> {
        self.push("Some(")?;
        value.serialize(&mut *self)?;
        self.push(")")
    }
    fn serialize_unit(self) -> Result<(), Unsupported> {
        self.push("()")
    }
    fn serialize_unit_struct(self, name: &'static str) -> Result<(), Unsupported> {
        self.push(name)
    }
    fn serialize_unit_variant(
        self,
        name: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Unsupported> {
        self.literal(format!("{name}::{}", camel(variant)))
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unsupported> {
        unsupported("a newtype struct")
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unsupported> {
        unsupported("an enum with data")
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Unsupported> {
        self.push("vec![")?;
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsupported> {
        unsupported("a tuple")
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Unsupported> {
        unsupported("a tuple struct")
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        unsupported("a tuple variant")
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        unsupported("a map")
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Self, Unsupported> {
        self.literal(format!("{name} {{ "))?;
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        unsupported("a struct variant")
    }
}

impl ser::SerializeSeq for &mut Rust {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Unsupported> {
        value.serialize(&mut **self)?;
        self.push(", ")
    }

    fn end(self) -> Result<(), Unsupported> {
        self.push("]")
    }
}

impl ser::SerializeStruct for &mut Rust {
    type Ok = ();
    type Error = Unsupported;

    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        self.literal(format!("{key}: "))?;
        value.serialize(&mut **self)?;
        self.push(", ")
    }

    /// serde skips only empty lists and absent options: their `Default`.
    fn skip_field(&mut self, key: &'static str) -> Result<(), Unsupported> {
        self.literal(format!("{key}: Default::default(), "))
    }

    fn end(self) -> Result<(), Unsupported> {
        self.push("}")
    }
}
