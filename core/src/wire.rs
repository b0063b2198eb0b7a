//! JSON in and out for the bindings, through the same reader and writer the
//! engine uses, so every platform reports the same paths and writes the same
//! bytes. (The serde derives on the types serve Rust callers.)

use crate::json::{self, FromJson, ToJson};

/// Where a JSON input went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireError {
    /// JSON path of the problem, empty for the whole input.
    pub path: String,
    /// What was expected.
    pub message: String,
}

/// A wire type that can be read from JSON text.
pub trait FromJsonText: Sized {
    /// Reads `Self` from JSON text, strictly: unknown fields are errors.
    fn from_json_text(text: &str) -> Result<Self, WireError>;
}

/// A wire type that can be written as compact JSON text.
pub trait ToJsonText {
    /// The compact JSON text of `self`.
    fn to_json_text(&self) -> String;
}

fn read<T: FromJson>(text: &str) -> Result<T, WireError> {
    json::read_text(text).map_err(|e| WireError {
        path: e.path,
        message: e.message,
    })
}

macro_rules! wire_in {
    ($($t:ty),*) => {$(
        impl FromJsonText for $t {
            fn from_json_text(text: &str) -> Result<Self, WireError> {
                read(text)
            }
        }
    )*};
}
wire_in!(
    crate::Context,
    crate::Policy,
    crate::Hints,
    crate::Envelope,
    crate::TrustedKey,
    Vec<crate::TrustedKey>,
    crate::VerifyOptions
);

macro_rules! wire_out {
    ($($t:ty),*) => {$(
        impl ToJsonText for $t {
            fn to_json_text(&self) -> String {
                self.to_json()
            }
        }
    )*};
}
wire_out!(crate::Decision, crate::Detection, crate::Context);
