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
    Number(Number),
    String(String),
    /// Items with the byte offset where each starts.
    Array(Vec<(Value, usize)>),
    /// Members (key, value, byte offset of the value), in document order.
    Object(Vec<(String, Value, usize)>),
}

/// A JSON number, as the wire types need it: integers as sign and
/// magnitude, so that every `u64` and every negative `i64` fit without
/// 128-bit arithmetic (which costs kilobytes in WASM).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Number {
    Integer {
        negative: bool,
        magnitude: u64,
    },
    /// An integer beyond `u64`, as written.
    Large(String),
    /// A number with a fraction or an exponent.
    Fraction,
}

impl Value {
    /// What the value is, for error messages.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(Number::Fraction) => "a non-integer number",
            Value::Number(_) => "an integer",
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

impl<'a> Path<'a> {
    /// The member `key` of the value at this path.
    pub(crate) fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }

    /// The item `index` of the array at this path.
    pub(crate) fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }

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
    /// Byte offset of the offending value, once a container knows it.
    pub(crate) offset: Option<usize>,
}

impl JsonError {
    pub(crate) fn at(path: &Path<'_>, message: impl Into<String>) -> JsonError {
        JsonError {
            path: path.render(),
            message: message.into(),
            offset: None,
        }
    }

    /// Records where the offending value starts, unless an inner value did.
    pub(crate) fn located(mut self, offset: usize) -> JsonError {
        self.offset.get_or_insert(offset);
        self
    }

    /// Appends ` at line L column C` for a typed error with a known offset,
    /// as editors want it (syntax errors say it already).
    pub(crate) fn with_position(mut self, text: &str) -> JsonError {
        if let Some(offset) = self.offset.take() {
            let seen = text.as_bytes().get(..offset).unwrap_or_default();
            let line = seen.iter().filter(|&&b| b == b'\n').count() + 1;
            let column = seen.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
            self.message = format!("{} at line {line} column {column}", self.message);
        }
        self
    }
}

/// Reads a wire type from JSON text, with the JSON path and the line and
/// column of the first problem.
pub(crate) fn read_text<T: FromJson>(text: &str) -> Result<T, JsonError> {
    let tree = parse(text)?;
    T::from_json(&tree, &Path::Root).map_err(|e| e.with_position(text))
}
