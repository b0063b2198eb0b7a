//! Errors. One rich internal enum; every variant maps to a stable snake_case
//! [`ErrorCode`] that bindings carry across the boundary unchanged.

use serde::Serialize;

/// Stable, machine-readable error codes. Frozen by the conformance vectors:
/// never rename one, only add.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
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
}

impl ErrorCode {
    /// The wire name, e.g. `policy_malformed`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::PolicyMalformed => "policy_malformed",
            ErrorCode::PolicySchemaUnsupported => "policy_schema_unsupported",
            ErrorCode::PolicyInvalid => "policy_invalid",
            ErrorCode::ContextMalformed => "context_malformed",
            ErrorCode::ContextInvalid => "context_invalid",
            ErrorCode::LimitExceeded => "limit_exceeded",
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
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
        }
    }

    /// The JSON path of the offending value, empty when it is the whole input.
    pub fn path(&self) -> &str {
        match self {
            Error::PolicyMalformed { path, .. }
            | Error::PolicyInvalid { path, .. }
            | Error::ContextMalformed { path, .. }
            | Error::ContextInvalid { path, .. }
            | Error::LimitExceeded { path, .. } => path,
            Error::PolicySchemaUnsupported { .. } => "schema",
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
    /// Stable code, see [`ErrorCode`].
    pub code: ErrorCode,
    /// JSON path into the input, empty for the whole input.
    pub path: String,
    /// Human-readable explanation.
    pub message: String,
}
