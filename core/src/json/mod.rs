//! paysel's own JSON reader and writer for the wire format.
//!
//! Why not serde_json: in the WASM package, serde's derived deserializers
//! with path tracking were two thirds of the binary and most of the time of
//! a call. This module parses into a small tree, then reads each wire type
//! field by field with the JSON path of the first problem, and writes
//! decisions straight into a `String`. The serde derives stay on the types
//! for Rust callers; a test checks that both readers agree on every vector.
//!
//! The rules match serde's derives: unknown fields and duplicate keys are
//! errors, `null` is accepted only where a field is optional, numbers must be
//! integers that fit the field.

mod read;
mod wire;
mod write;

pub(crate) use read::{parse, FromJson};
pub(crate) use write::ToJson;

/// Deepest nesting accepted; the wire types nest at most 6 levels.
const MAX_DEPTH: usize = 32;

/// A parsed JSON value. Object members keep their order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    /// An integer, or `None` for a number with a fraction, an exponent, or
    /// beyond the range of `i128`.
    Number(Option<i128>),
    String(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

impl Value {
    /// What the value is, for error messages.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(Some(_)) => "an integer",
            Value::Number(None) => "a non-integer number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
}

/// A position in a JSON document, kept on the stack and rendered only when
/// an error needs it (`rails[2].currencies[0]`).
#[derive(Clone, Copy)]
pub(crate) enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    /// The path as text, empty for the root.
    pub(crate) fn render(&self) -> String {
        match self {
            Path::Root => String::new(),
            Path::Key(parent, key) => match parent.render() {
                p if p.is_empty() => (*key).to_owned(),
                p => format!("{p}.{key}"),
            },
            Path::Index(parent, i) => format!("{}[{i}]", parent.render()),
        }
    }
}

/// A problem found while reading: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct JsonError {
    pub(crate) path: String,
    pub(crate) message: String,
}

impl JsonError {
    pub(crate) fn at(path: &Path<'_>, message: impl Into<String>) -> JsonError {
        JsonError {
            path: path.render(),
            message: message.into(),
        }
    }
}
