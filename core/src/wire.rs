//! JSON in and out for the bindings, through the same reader and writer the
//! engine uses, so every platform reports the same paths and writes the same
//! bytes. (The serde derives on the types serve Rust callers.)

use crate::json::{self, FromJson, ToJson};
use crate::limits;

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

/// Reads `T` from text of at most `max` bytes; longer text is refused
/// before parsing, as everywhere in paysel. Only the shape is checked here:
/// `parse_policy`, `parse_context` and `envelope::verify` also validate.
fn read<T: FromJson>(text: &str, max: usize) -> Result<T, WireError> {
    if text.len() > max {
        return Err(WireError {
            path: String::new(),
            message: format!("{} bytes exceeds the limit of {max} bytes", text.len()),
        });
    }
    json::read_text(text).map_err(|e| WireError {
        path: e.path,
        message: e.message,
    })
}

/// Small inputs (hints, a key, options) never need more than this.
const SMALL_INPUT_BYTES: usize = 1_024;

macro_rules! wire_in {
    ($($t:ty => $max:expr),* $(,)?) => {$(
        impl FromJsonText for $t {
            fn from_json_text(text: &str) -> Result<Self, WireError> {
                read(text, $max)
            }
        }
    )*};
}
wire_in!(
    crate::Context => limits::MAX_CONTEXT_BYTES,
    crate::Policy => limits::MAX_POLICY_BYTES,
    crate::Envelope => limits::MAX_ENVELOPE_BYTES,
    crate::Hints => SMALL_INPUT_BYTES,
    crate::TrustedKey => SMALL_INPUT_BYTES,
    Vec<crate::TrustedKey> => limits::MAX_TRUSTED_KEYS * SMALL_INPUT_BYTES,
    crate::VerifyOptions => SMALL_INPUT_BYTES,
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
