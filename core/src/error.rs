//! Errors. One rich internal enum; every variant maps to a stable snake_case
//! `ErrorCode` that bindings carry across the boundary unchanged.

use serde::{Deserialize, Serialize};

/// Stable, machine-readable error codes, e.g. `policy_malformed`. Frozen by
/// the conformance vectors: never rename one, only add.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    strum::VariantArray,
    strum::IntoStaticStr,
    strum::EnumMessage,
)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ErrorCode {
    /// The policy is not valid JSON or does not match the policy schema.
    PolicyMalformed,
    /// The policy names a `schema` this build does not understand.
    PolicySchemaUnsupported,
    /// The policy is well-formed but breaks a rule (duplicate rail ids,
    /// a rail with no known behaviour, min above max, ...).
    PolicyInvalid,
    /// The context is not valid JSON or does not match the context schema.
    ContextMalformed,
    /// The context is well-formed but a value is out of range.
    ContextInvalid,
    /// An input exceeds one of the documented hard limits.
    LimitExceeded,
    /// A signed-policy envelope is not JSON, misses a field, has an unknown
    /// one, or its `signature` is not 64 bytes of base64 or hex.
    EnvelopeMalformed,
    /// The envelope's signature does not verify with the key it names: the
    /// policy text was changed, or signed with another key.
    SignatureInvalid,
    /// The envelope names a `key_id` the app does not trust.
    KeyUnknown,
    /// A public key the app pinned is not a usable Ed25519 key (a bug in the
    /// app's configuration, not in the envelope).
    KeyInvalid,
    /// The signed policy's `not_after` is earlier than the current time.
    PolicyExpired,
    /// The signed policy's `version` is lower than the last one accepted.
    PolicyRollback,
    /// An argument of a binding call other than the context, the policy or
    /// the envelope (decide options, detection hints, pinned keys, verify
    /// options) is not of the expected shape or range.
    OptionsInvalid,
    /// A `selection` or `outcome` event names a rail the decision did not
    /// show.
    RailNotShown,
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(crate::wire::WireEnum::as_str(*self))
    }
}

/// Every way a paysel call can fail. `path` is a JSON path into the input
/// (`rails[2].currencies[0]`), empty for the whole document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The policy could not be parsed.
    #[error("policy is malformed at `{path}`: {message}")]
    PolicyMalformed {
        /// Where in the policy.
        path: String,
        /// What was expected.
        message: String,
    },
    /// The policy's `schema` is unknown.
    #[error("policy schema `{found}` is not supported (expected `{expected}`)")]
    PolicySchemaUnsupported {
        /// The schema the policy named.
        found: String,
        /// The schema this build reads.
        expected: &'static str,
    },
    /// The policy parsed but breaks a rule.
    #[error("policy is invalid at `{path}`: {message}")]
    PolicyInvalid {
        /// Where in the policy.
        path: String,
        /// What rule it breaks.
        message: String,
    },
    /// The context could not be parsed.
    #[error("context is malformed at `{path}`: {message}")]
    ContextMalformed {
        /// Where in the context.
        path: String,
        /// What was expected.
        message: String,
    },
    /// The context parsed but a value is out of range.
    #[error("context is invalid at `{path}`: {message}")]
    ContextInvalid {
        /// Where in the context.
        path: String,
        /// What rule it breaks.
        message: String,
    },
    /// An input is larger than a hard limit allows.
    #[error("`{path}` exceeds the limit of {limit} {unit} (got {actual})")]
    LimitExceeded {
        /// Which input or field.
        path: String,
        /// The limit.
        limit: usize,
        /// What the limit counts (bytes, rails, ...).
        unit: &'static str,
        /// The size found.
        actual: usize,
    },
    /// A signed-policy envelope could not be parsed.
    #[error("policy envelope is malformed at `{path}`: {message}")]
    EnvelopeMalformed {
        /// Where in the envelope.
        path: String,
        /// What was expected.
        message: String,
    },
    /// The envelope's signature does not verify.
    #[error("the policy signature does not verify with key `{key_id}`")]
    SignatureInvalid {
        /// The key the envelope named.
        key_id: String,
    },
    /// The envelope names a key the app does not trust.
    #[error("key `{key_id}` is not among the trusted keys")]
    KeyUnknown {
        /// The key the envelope named.
        key_id: String,
    },
    /// A pinned public key is unusable.
    #[error("trusted key at `{path}` is invalid: {message}")]
    KeyInvalid {
        /// Which pinned key, e.g. `trusted_keys[1].public_key`.
        path: String,
        /// What is wrong with it.
        message: String,
    },
    /// The signed policy has expired.
    #[error("the policy expired at {not_after} (Unix seconds); it is now {now}")]
    PolicyExpired {
        /// The policy's `not_after`.
        not_after: i64,
        /// The time the caller passed.
        now: i64,
    },
    /// The signed policy is older than the last one accepted.
    #[error("policy version {version} is below the last accepted version {min_version}")]
    PolicyRollback {
        /// The policy's `version`.
        version: i64,
        /// The lowest version still accepted.
        min_version: i64,
    },
    /// A binding argument (options, hints, pinned keys) is unusable.
    #[error("options are invalid at `{path}`: {message}")]
    OptionsInvalid {
        /// Where, e.g. `options.explain` or `hints.touch`.
        path: String,
        /// What was expected.
        message: String,
    },
    /// An event names a rail that the decision did not show.
    #[error("rail `{rail}` was not shown in this decision")]
    RailNotShown {
        /// The rail named.
        rail: String,
    },
}

impl Error {
    /// The stable code of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::PolicyMalformed { .. } => ErrorCode::PolicyMalformed,
            Error::PolicySchemaUnsupported { .. } => ErrorCode::PolicySchemaUnsupported,
            Error::PolicyInvalid { .. } => ErrorCode::PolicyInvalid,
            Error::ContextMalformed { .. } => ErrorCode::ContextMalformed,
            Error::ContextInvalid { .. } => ErrorCode::ContextInvalid,
            Error::LimitExceeded { .. } => ErrorCode::LimitExceeded,
            Error::EnvelopeMalformed { .. } => ErrorCode::EnvelopeMalformed,
            Error::SignatureInvalid { .. } => ErrorCode::SignatureInvalid,
            Error::KeyUnknown { .. } => ErrorCode::KeyUnknown,
            Error::KeyInvalid { .. } => ErrorCode::KeyInvalid,
            Error::PolicyExpired { .. } => ErrorCode::PolicyExpired,
            Error::PolicyRollback { .. } => ErrorCode::PolicyRollback,
            Error::OptionsInvalid { .. } => ErrorCode::OptionsInvalid,
            Error::RailNotShown { .. } => ErrorCode::RailNotShown,
        }
    }

    /// The JSON path of the offending value, empty when it is the whole input.
    pub fn path(&self) -> &str {
        match self {
            Error::PolicyMalformed { path, .. }
            | Error::PolicyInvalid { path, .. }
            | Error::ContextMalformed { path, .. }
            | Error::ContextInvalid { path, .. }
            | Error::LimitExceeded { path, .. }
            | Error::EnvelopeMalformed { path, .. }
            | Error::KeyInvalid { path, .. }
            | Error::OptionsInvalid { path, .. } => path,
            Error::PolicySchemaUnsupported { .. } => "schema",
            Error::SignatureInvalid { .. } => "signature",
            Error::KeyUnknown { .. } => "key_id",
            Error::PolicyExpired { .. } => "not_after",
            Error::PolicyRollback { .. } => "version",
            Error::RailNotShown { .. } => "rail",
        }
    }

    /// The error as it crosses a binding boundary: code, path and message.
    pub fn to_public(&self) -> PublicError {
        PublicError {
            code: self.code(),
            path: self.path().to_owned(),
            message: self.to_string(),
        }
    }
}

/// The small error every binding exposes: a stable code, the JSON path of the
/// offending value, and a developer-facing message without personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicError {
    /// Stable code.
    pub code: ErrorCode,
    /// JSON path into the input, empty for the whole input.
    pub path: String,
    /// Human-readable explanation.
    pub message: String,
}
