//! Signed policies: an Ed25519 signature over the exact policy text, checked
//! against public keys the app pins.
//!
//! # The envelope
//!
//! ```json
//! { "policy": "<the policy JSON text>", "key_id": "3f2a…", "signature": "<base64 of 64 bytes>" }
//! ```
//!
//! - `policy` is the policy as a JSON *string*. The signature covers the
//!   UTF-8 bytes of that string after JSON unescaping, exactly: no
//!   canonicalisation, so re-serialising the policy breaks the signature.
//! - `key_id` names the public key that verifies it (at most
//!   [`MAX_ID_BYTES`](crate::limits::MAX_ID_BYTES) bytes). `paysel policy
//!   keygen` derives it from the key: the first 8 bytes of the SHA-256 of
//!   the public key, in lower-case hex.
//! - `signature` is the 64-byte Ed25519 signature, in standard padded
//!   base64 (88 characters) or hex (128 characters).
//! - Unknown fields are refused.
//!
//! # What [`verify`] checks, in order
//!
//! Every refusal has a stable [`ErrorCode`](crate::ErrorCode). Errors found
//! before the signature is verified have paths into the envelope; errors
//! found after it come from parsing the signed policy and have paths into the
//! policy, exactly as [`Engine::from_policy_json`](crate::Engine::from_policy_json)
//! reports them.
//!
//! | step | refusal | code | path |
//! |------|---------|------|------|
//! | 1 | envelope text above [`MAX_ENVELOPE_BYTES`](crate::limits::MAX_ENVELOPE_BYTES) | `limit_exceeded` | `` |
//! | 2 | more than [`MAX_TRUSTED_KEYS`](crate::limits::MAX_TRUSTED_KEYS) pinned keys, or a pinned key id above 64 bytes | `limit_exceeded` | `trusted_keys`, `trusted_keys[i].key_id` |
//! | 3 | a pinned public key that is not 32 bytes of base64/hex or not a usable Ed25519 point | `key_invalid` | `trusted_keys[i].public_key` |
//! | 4 | not JSON, a missing, extra or mistyped field | `envelope_malformed` | the field |
//! | 5 | `key_id` above 64 bytes, `policy` above [`MAX_POLICY_BYTES`](crate::limits::MAX_POLICY_BYTES) | `limit_exceeded` | `key_id`, `policy` |
//! | 6 | `signature` not 64 bytes of base64/hex | `envelope_malformed` | `signature` |
//! | 7 | no pinned key has this `key_id` | `key_unknown` | `key_id` |
//! | 8 | the signature does not verify (strict RFC 8032 checks: canonical `S`, no small-order `R` or key) | `signature_invalid` | `signature` |
//! | 9 | the signed policy does not parse or validate | `policy_*`, `limit_exceeded` | into the policy |
//! | 10 | `now_unix_seconds` is after the policy's `not_after` | `policy_expired` | `not_after` |
//! | 11 | the policy's `version` is below `min_version` | `policy_rollback` | `version` |
//!
//! A policy is valid up to and including its `not_after` second; one without
//! `not_after` never expires. A `version` equal to `min_version` is accepted,
//! so re-applying the current policy (after a restart, say) works.
//!
//! Verification never panics and allocates at most a few times the
//! envelope's size. Signing is not part of the core (it holds no secret
//! keys): use `paysel policy sign`, or any Ed25519 signer over the exact
//! policy bytes.

use crate::error::Error;
use crate::limits::{self, check};
use crate::policy::Policy;
use crate::validate;
use ed25519_dalek::{Signature, VerifyingKey};
use serde::{Deserialize, Serialize};

/// A signed policy as it travels from the merchant's backend to the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    /// The policy JSON text; the signature covers exactly its UTF-8 bytes.
    pub policy: String,
    /// Which pinned key verifies the signature.
    pub key_id: String,
    /// Ed25519 signature of `policy`: standard padded base64 or hex.
    pub signature: String,
}

/// A public key the app trusts to sign its policies, pinned in the app.
/// `paysel policy keygen` writes one as `PREFIX.pub` in exactly this JSON
/// shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct TrustedKey {
    /// The id envelopes name in `key_id`.
    pub key_id: String,
    /// The 32-byte Ed25519 public key: standard padded base64 (44
    /// characters) or hex (64 characters).
    pub public_key: String,
}

/// What verification checks besides the signature.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct VerifyOptions {
    /// The current time in Unix seconds; a policy whose `not_after` is
    /// earlier is refused as `policy_expired`.
    pub now_unix_seconds: i64,
    /// The version of the last policy the app accepted, if it keeps one; a
    /// lower `version` is refused as `policy_rollback`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub min_version: Option<i64>,
}

impl VerifyOptions {
    /// The options of a verification at a clock reading in Unix
    /// milliseconds, as JS's `Date.now()` gives it: "now" is its whole
    /// seconds (0 before 1970), and there is no rollback floor.
    pub fn at_unix_millis(millis: f64) -> VerifyOptions {
        VerifyOptions {
            now_unix_seconds: (millis / 1000.0).max(0.0) as i64,
            min_version: None,
        }
    }
}

/// A policy whose signature, expiry and version checked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedPolicy {
    /// The validated policy.
    pub policy: Policy,
    /// The pinned key that signed it.
    pub key_id: String,
}

impl Envelope {
    /// The envelope as compact JSON text.
    pub fn to_json(&self) -> String {
        // Serialising three strings cannot fail; the fallback keeps this total.
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Verifies a signed policy envelope against the pinned keys, then parses and
/// validates the policy inside. See the [module docs](self) for every check
/// and its error code.
pub fn verify(
    envelope_json: &str,
    trusted: &[TrustedKey],
    options: &VerifyOptions,
) -> Result<VerifiedPolicy, Error> {
    check("", envelope_json.len(), limits::MAX_ENVELOPE_BYTES, "bytes")?;
    let keys = trusted_keys(trusted)?;
    let envelope: Envelope = crate::wire::Input::Envelope.read_object(envelope_json)?;
    check("key_id", envelope.key_id.len(), limits::MAX_ID_BYTES, "bytes")?;
    check("policy", envelope.policy.len(), limits::MAX_POLICY_BYTES, "bytes")?;
    let signature = decode_bytes::<64>(&envelope.signature).ok_or_else(|| Error::EnvelopeMalformed {
        path: "signature".to_owned(),
        message: "expected a 64-byte Ed25519 signature in base64 (88 characters) or hex (128 characters)"
            .to_owned(),
    })?;
    let key = keys
        .iter()
        .find(|(id, _)| *id == envelope.key_id)
        .map(|(_, key)| key)
        .ok_or_else(|| Error::KeyUnknown {
            key_id: envelope.key_id.clone(),
        })?;
    key.verify_strict(envelope.policy.as_bytes(), &Signature::from_bytes(&signature))
        .map_err(|_| Error::SignatureInvalid {
            key_id: envelope.key_id.clone(),
        })?;
    let policy = validate::parse_policy(&envelope.policy)?;
    if let Some(not_after) = policy.not_after {
        if options.now_unix_seconds > not_after {
            return Err(Error::PolicyExpired {
                not_after,
                now: options.now_unix_seconds,
            });
        }
    }
    if let Some(min_version) = options.min_version {
        if policy.version < min_version {
            return Err(Error::PolicyRollback {
                version: policy.version,
                min_version,
            });
        }
    }
    Ok(VerifiedPolicy {
        policy,
        key_id: envelope.key_id,
    })
}

/// Checks and decodes the pinned keys.
fn trusted_keys(trusted: &[TrustedKey]) -> Result<Vec<(&str, VerifyingKey)>, Error> {
    check("trusted_keys", trusted.len(), limits::MAX_TRUSTED_KEYS, "keys")?;
    let mut keys = Vec::with_capacity(trusted.len());
    for (i, t) in trusted.iter().enumerate() {
        check(
            &format!("trusted_keys[{i}].key_id"),
            t.key_id.len(),
            limits::MAX_ID_BYTES,
            "bytes",
        )?;
        let invalid = |message: &str| Error::KeyInvalid {
            path: format!("trusted_keys[{i}].public_key"),
            message: message.to_owned(),
        };
        let bytes = decode_bytes::<32>(&t.public_key)
            .ok_or_else(|| invalid("expected 32 bytes in base64 (44 characters) or hex (64 characters)"))?;
        let key = VerifyingKey::from_bytes(&bytes).map_err(|_| invalid("not an Ed25519 public key"))?;
        if key.is_weak() {
            return Err(invalid("a small-order Ed25519 key, which anyone can sign for"));
        }
        keys.push((t.key_id.as_str(), key));
    }
    Ok(keys)
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard padded base64 (RFC 4648 section 4), as used in envelopes and key
/// files. For signing tools; verification decodes it.
pub fn encode_base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let n = (b(0) << 16) | (b(1) << 8) | b(2);
        let sextet =
            |shift: u32| char::from(BASE64.get(((n >> shift) & 63) as usize).copied().unwrap_or(b'A'));
        out.push(sextet(18));
        out.push(sextet(12));
        out.push(if chunk.len() > 1 { sextet(6) } else { '=' });
        out.push(if chunk.len() > 2 { sextet(0) } else { '=' });
    }
    out
}

/// Decodes exactly `N` bytes from hex (`2N` characters, either case) or
/// strict standard padded base64 (canonical: unused bits must be zero), as
/// verification reads signatures and public keys. `None` for anything else.
pub fn decode_bytes<const N: usize>(text: &str) -> Option<[u8; N]> {
    let bytes = if text.len() == 2 * N {
        decode_hex(text)?
    } else {
        decode_base64(text)?
    };
    bytes.try_into().ok()
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    let digit = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    };
    text.as_bytes()
        .chunks(2)
        .map(|pair| match pair {
            [hi, lo] => Some(digit(*hi)? << 4 | digit(*lo)?),
            _ => None,
        })
        .collect()
}

fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let raw = text.as_bytes();
    if raw.len() % 4 != 0 {
        return None;
    }
    let quads = raw.len() / 4;
    let mut out = Vec::with_capacity(quads * 3);
    for (q, quad) in raw.chunks(4).enumerate() {
        let last = q + 1 == quads;
        let [a, b, c, d] = quad else { return None };
        let (a, b) = (value(*a)?, value(*b)?);
        let n =
            |c: u8, d: u8| (u32::from(a) << 18) | (u32::from(b) << 12) | (u32::from(c) << 6) | u32::from(d);
        match (*c, *d) {
            (b'=', b'=') if last => {
                // One byte; the low 4 bits of `b` must be zero.
                if b & 0x0f != 0 {
                    return None;
                }
                out.push((n(0, 0) >> 16) as u8);
            }
            (c, b'=') if last => {
                let c = value(c)?;
                // Two bytes; the low 2 bits of `c` must be zero.
                if c & 0x03 != 0 {
                    return None;
                }
                let v = n(c, 0);
                out.extend([(v >> 16) as u8, (v >> 8) as u8]);
            }
            (c, d) => {
                let v = n(value(c)?, value(d)?);
                out.extend([(v >> 16) as u8, (v >> 8) as u8, v as u8]);
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_and_is_strict() {
        for len in 0..70usize {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            let text = encode_base64(&bytes);
            assert_eq!(decode_base64(&text), Some(bytes), "{text}");
        }
        assert_eq!(encode_base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(encode_base64(b"fo"), "Zm8=");
        assert_eq!(encode_base64(b"f"), "Zg==");
        // Non-canonical trailing bits, missing padding, padding inside, bad characters.
        for bad in [
            "Zh==", "Zm9=", "Zg", "Zg=a", "Zg==Zg==", "Z===", "====", "Zm-v", "Zm9v\n",
        ] {
            assert_eq!(decode_base64(bad), None, "{bad}");
        }
    }

    #[test]
    fn fixed_decoding_picks_hex_by_length() {
        let bytes = [0xabu8; 32];
        assert_eq!(decode_bytes::<32>(&"ab".repeat(32)), Some(bytes));
        assert_eq!(decode_bytes::<32>(&"AB".repeat(32)), Some(bytes));
        assert_eq!(decode_bytes::<32>(&encode_base64(&bytes)), Some(bytes));
        assert_eq!(decode_bytes::<32>(&"ab".repeat(31)), None);
        assert_eq!(decode_bytes::<32>(&"zz".repeat(32)), None);
        assert_eq!(decode_bytes::<32>(&encode_base64(&[0u8; 33])), None);
        assert_eq!(decode_bytes::<64>("é"), None);
    }
}
