//! Hard input limits, enforced before any other work.
//!
//! | input                          | limit      | error                          |
//! |--------------------------------|------------|--------------------------------|
//! | policy JSON text               | 65,536 B   | `limit_exceeded` at ``         |
//! | rails per policy               | 32         | `limit_exceeded` at `rails`    |
//! | boosts per policy              | 128        | `limit_exceeded` at `boosts`   |
//! | boosts naming one rail         | 16         | `limit_exceeded` at `boosts`   |
//! | experiments per policy         | 8          | `limit_exceeded` at `experiments` |
//! | variants per experiment        | 8          | `limit_exceeded` at `experiments[i].variants` |
//! | capability overrides           | 64         | `limit_exceeded` at `capabilities` |
//! | detection rules                | 16         | `limit_exceeded` at `detection_rules` |
//! | a detection rule's `token`     | 64 B       | `limit_exceeded` at `detection_rules[i].token` |
//! | items in any list of a policy  | 64         | `limit_exceeded` at that list  |
//! | ids, rail references, salts in a policy | 64 B | `limit_exceeded` at that field |
//! | context JSON text              | 8,192 B    | `limit_exceeded` at ``         |
//! | `user_agent`                   | 2,048 B    | `limit_exceeded` at `user_agent` |
//! | `subject_id`                   | 256 B      | `limit_exceeded` at `subject_id` |
//! | `checkout_id`                  | 64 B       | `limit_exceeded` at `checkout_id` |
//! | `preferred_rail`, `last_used[i]` | 64 B     | `limit_exceeded` at that field |
//! | `last_used` entries            | 16         | `limit_exceeded` at `last_used` |
//! | `amount`                       | 0 to 10^15 minor units | `context_invalid` at `amount` |
//! | signed-policy envelope text    | 135,168 B  | `limit_exceeded` at ``         |
//! | `policy` text in an envelope   | 65,536 B   | `limit_exceeded` at `policy`   |
//! | `key_id` in an envelope        | 64 B       | `limit_exceeded` at `key_id`   |
//! | pinned trusted keys            | 16         | `limit_exceeded` at `trusted_keys` |
//! | a pinned key's `key_id`        | 64 B       | `limit_exceeded` at `trusted_keys[i].key_id` |
//! | `hints.ua_platform` (detection hint) | 64 B | `limit_exceeded` at `hints.ua_platform` |
//!
//! Text sizes are checked before parsing. The top-level counts of a policy
//! (rails, boosts, experiments, capabilities, detection rules) and a context's top-level
//! strings and `last_used` outrank a shape error: when the shape is wrong,
//! they are checked on the untyped JSON before the shape error is reported.
//! The other counts and lengths of a policy are checked before any
//! validation rule, and a context's before its ranges. So an input over one
//! of these limits fails with `limit_exceeded` whatever else is wrong with
//! it, and never costs a slow answer; only a nested list of a malformed
//! policy (say, 65 currencies in a rail that also has an unknown field)
//! reports the
//! shape error first. `core/tests/limits.rs` tests every row at the limit and
//! one past it.
//!
//! The limits are far above any real checkout and keep the worst-case cost of
//! one decision bounded.

use crate::error::Error;

/// Largest policy JSON text, in bytes.
pub const MAX_POLICY_BYTES: usize = 65_536;
/// Most rails in one policy.
pub const MAX_RAILS: usize = 32;
/// Most boosts in one policy.
pub const MAX_BOOSTS: usize = 128;
/// Most boosts that name the same rail.
pub const MAX_BOOSTS_PER_RAIL: usize = 16;
/// Most experiments in one policy.
pub const MAX_EXPERIMENTS: usize = 8;
/// Most variants in one experiment.
pub const MAX_VARIANTS: usize = 8;
/// Most capability overrides in one policy.
pub const MAX_CAPABILITY_OVERRIDES: usize = 64;
/// Most detection rules in one policy: each is tried against the whole
/// User-Agent, so their number bounds the cost of detection.
pub const MAX_DETECTION_RULES: usize = 16;
/// Longest `token` of a detection rule, in bytes.
pub const MAX_DETECTION_TOKEN_BYTES: usize = 64;
/// Shortest `token` of a detection rule, in bytes other than spaces: a
/// shorter one would match too many User-Agents. (A rule, not a limit:
/// `policy_invalid`.)
pub const MIN_DETECTION_TOKEN_BYTES: usize = 3;
/// Most items in any other list of a policy (currencies, countries, ...).
pub const MAX_LIST_ITEMS: usize = 64;
/// Longest id, rail reference (`behaves_like`, a boost's `rail`, ...) or
/// salt in a policy, in bytes.
pub const MAX_ID_BYTES: usize = 64;
/// Largest context JSON text, in bytes.
pub const MAX_CONTEXT_BYTES: usize = 8_192;
/// Longest User-Agent, in bytes.
pub const MAX_USER_AGENT_BYTES: usize = crate::detect::MAX_USER_AGENT_BYTES;
/// Longest `subject_id`, in bytes.
pub const MAX_SUBJECT_ID_BYTES: usize = 256;
/// Longest `checkout_id`, in bytes: room for a UUID or a ULID with a prefix,
/// and the size every event line can grow by.
pub const MAX_CHECKOUT_ID_BYTES: usize = 64;
/// Most `last_used` entries.
pub const MAX_LAST_USED: usize = 16;
/// Largest amount, in minor units (ten trillion yuan in fen).
pub const MAX_AMOUNT: i64 = 1_000_000_000_000_000;
/// Largest policy `version`: 2^53 - 1, JS's `Number.MAX_SAFE_INTEGER`.
/// Decisions and events carry the version, and the npm package's outputs
/// are read with `JSON.parse`, so a larger one could reach JS rounded. (A
/// rule, not a limit: a larger version is `policy_invalid`.)
pub const MAX_POLICY_VERSION: i64 = (1 << 53) - 1;
/// Largest signed-policy envelope text, in bytes: room for the policy text
/// with every character JSON-escaped to two bytes, plus the other fields.
pub const MAX_ENVELOPE_BYTES: usize = 2 * MAX_POLICY_BYTES + 4_096;
/// Most public keys an app can pin for signed policies.
pub const MAX_TRUSTED_KEYS: usize = 16;

/// Fails with `limit_exceeded` when `actual` is above `limit`.
pub(crate) fn check(path: &str, actual: usize, limit: usize, unit: &'static str) -> Result<(), Error> {
    check_at(|| path.to_owned(), actual, limit, unit)
}

/// [`check`] for a path that is worth building only when the check fails.
pub(crate) fn check_at(
    path: impl FnOnce() -> String,
    actual: usize,
    limit: usize,
    unit: &'static str,
) -> Result<(), Error> {
    if actual > limit {
        return Err(Error::LimitExceeded {
            path: path(),
            limit,
            unit,
            actual,
        });
    }
    Ok(())
}
