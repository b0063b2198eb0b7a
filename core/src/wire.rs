//! The wire format: JSON with snake_case names. The serde attributes of each
//! type are its one description (fields, defaults, names); this module reads
//! JSON text through them with the path, line and column of the first
//! problem, and gives every unit enum its values and wire names.

use crate::error::Error;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A unit enum of the wire format: its values and their snake_case names,
/// derived with strum (a test checks them against the serde names).
pub trait WireEnum: Sized + Copy + 'static {
    /// Every value, in declaration order.
    const ALL: &'static [Self];
    /// The snake_case wire name, e.g. `wechat_pay`.
    fn as_str(self) -> &'static str;
}

impl<T> WireEnum for T
where
    T: Copy + 'static + strum::VariantArray,
    &'static str: From<T>,
{
    const ALL: &'static [T] = T::VARIANTS;

    fn as_str(self) -> &'static str {
        self.into()
    }
}

/// A wire enum whose values carry their `///` docs, for documentation
/// generated from the core (`paysel docs` writes the READMEs' lists of
/// hosts, launch modes, placements, hidden reasons and error codes).
pub trait WireDoc: WireEnum {
    /// The value's `///` doc, its lines joined by spaces.
    fn doc(self) -> String;
}

impl<T: WireEnum + strum::EnumMessage> WireDoc for T {
    fn doc(self) -> String {
        let lines = self.get_documentation().unwrap_or_default().lines();
        lines.map(str::trim).collect::<Vec<_>>().join(" ")
    }
}

/// Where JSON text went wrong, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireError {
    /// JSON path of the problem (`rails[2].currencies[0]`), empty for the
    /// whole input.
    pub path: String,
    /// What was expected, ending in the line and column for JSON text.
    pub message: String,
}

/// Reads a wire type from JSON text, strictly (unknown fields, duplicate
/// fields, non-integer numbers and trailing text are errors), with the path
/// and position of the first problem.
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, WireError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| WireError {
        path: render(e.path()),
        message: e.into_inner().to_string(),
    })?;
    de.end().map_err(|e| WireError {
        path: String::new(),
        message: e.to_string(),
    })?;
    Ok(value)
}

/// Reads a wire type that is a JSON object. serde's derives would also read
/// a struct from an array, by position; paysel's inputs are objects only.
pub fn from_json_object<T: DeserializeOwned>(text: &str) -> Result<T, WireError> {
    if !text.trim_start().starts_with('{') {
        return Err(WireError {
            path: String::new(),
            message: "expected a JSON object".to_owned(),
        });
    }
    from_json(text)
}

/// Which input JSON text is read as, which decides the code of its errors:
/// a problem in a context is `context_malformed`, in any argument of a
/// binding call other than the context, the policy and the envelope
/// `options_invalid`, at a path that starts with the argument's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// A checkout context: `context_malformed`.
    Context,
    /// A policy: `policy_malformed`.
    Policy,
    /// A signed-policy envelope: `envelope_malformed`.
    Envelope,
    /// A binding's other argument (decide options, detection hints, pinned
    /// keys, a decision), by the name its paths start with:
    /// `options_invalid` at `hints.touch`, `trusted_keys[1].key_id`.
    Argument(&'static str),
}

impl Input {
    /// The error for a problem at `e.path` of this input.
    pub fn error(self, e: WireError) -> Error {
        let WireError { path, message } = e;
        match self {
            Input::Context => Error::ContextMalformed { path, message },
            Input::Policy => Error::PolicyMalformed { path, message },
            Input::Envelope => Error::EnvelopeMalformed { path, message },
            Input::Argument(name) => Error::OptionsInvalid {
                path: nested_path(name, &path),
                message,
            },
        }
    }

    /// Reads a wire type from this input's JSON text, as [`from_json`].
    pub fn read<T: DeserializeOwned>(self, text: &str) -> Result<T, Error> {
        from_json(text).map_err(|e| self.error(e))
    }

    /// Reads a wire type that is a JSON object, as [`from_json_object`].
    pub fn read_object<T: DeserializeOwned>(self, text: &str) -> Result<T, Error> {
        from_json_object(text).map_err(|e| self.error(e))
    }
}

/// The compact JSON text of a wire type.
pub fn to_json<T: Serialize>(value: &T) -> String {
    // The wire types serialize without maps or non-string keys, so
    // serde_json cannot refuse them; the fallback keeps this total.
    serde_json::to_string(value).unwrap_or_default()
}

/// `path` inside the argument named `at`: `hints.touch`,
/// `trusted_keys[1].key_id`; `at` alone for the whole argument.
pub fn nested_path(at: &str, path: &str) -> String {
    match path.chars().next() {
        None => at.to_owned(),
        Some('[') => format!("{at}{path}"),
        Some(_) if at.is_empty() => path.to_owned(),
        Some(_) => format!("{at}.{path}"),
    }
}

/// A serde path as paysel writes paths: `rails[2].currencies[0]`, empty for
/// the root.
pub fn render(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Unknown => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capability::BuiltinRail;
    use crate::capability::Launch;
    use crate::context::{Availability, FormFactor, Host, Platform, Readiness, WalletApp};
    use crate::decision::{HiddenReason, Placement};
    use crate::error::ErrorCode;
    use crate::event::{EventKind, OutcomeResult};
    use crate::policy::Preselect;

    /// strum's names must be serde's, for every value of every wire enum.
    fn names_agree<T: WireEnum + Serialize + std::fmt::Debug>() {
        for value in T::ALL {
            let serde_name = serde_json::to_value(value).ok();
            assert_eq!(
                serde_name.as_ref().and_then(|v| v.as_str()),
                Some(value.as_str()),
                "{value:?}"
            );
        }
    }

    #[test]
    fn wire_names_come_from_serde() {
        names_agree::<Platform>();
        names_agree::<FormFactor>();
        names_agree::<Host>();
        names_agree::<Availability>();
        names_agree::<Readiness>();
        names_agree::<WalletApp>();
        names_agree::<Launch>();
        names_agree::<Preselect>();
        names_agree::<Placement>();
        names_agree::<HiddenReason>();
        names_agree::<ErrorCode>();
        names_agree::<EventKind>();
        names_agree::<OutcomeResult>();
        names_agree::<BuiltinRail>();
    }

    fn documented<T: WireDoc + std::fmt::Debug>() {
        for value in T::ALL {
            assert!(!value.doc().is_empty(), "{value:?} has no doc");
            assert!(!value.doc().contains('\n'), "{value:?}");
        }
    }

    #[test]
    fn documented_wire_enums_have_a_doc_for_every_value() {
        documented::<Host>();
        documented::<Launch>();
        documented::<Placement>();
        documented::<HiddenReason>();
        documented::<ErrorCode>();
        assert_eq!(
            Host::Wechat.doc(),
            "WeChat's in-app browser (phone and desktop clients)."
        );
    }

    #[test]
    fn errors_name_the_path_and_position() {
        let err = from_json::<crate::policy::Policy>(
            "{\"schema\": \"paysel.policy/1\", \"version\": 1,\n \"rails\": [{\"id\": \"card\", \"currencies\": [1]}]}",
        )
        .err();
        let err = err.as_ref();
        assert_eq!(err.map(|e| e.path.as_str()), Some("rails[0].currencies[0]"));
        assert!(
            err.is_some_and(|e| e.message.ends_with("line 2 column 42")),
            "{err:?}"
        );
        let trailing = from_json::<Host>("\"qq\" x").err();
        assert_eq!(trailing.map(|e| e.path), Some(String::new()));
        assert!(from_json_object::<crate::CheckoutContext>("[]").is_err());
        assert!(from_json_object::<crate::CheckoutContext>(" {}").is_ok());
    }
}
