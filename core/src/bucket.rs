//! Deterministic bucketing of subjects for rollouts and experiments.
//!
//! A bucket is a keyed hash (SipHash-1-3) of the `subject_id`, keyed by the
//! salt from the policy. The same (salt, subject) lands in the same bucket on
//! every platform; a fresh salt reshuffles everyone, and without the salt the
//! bucket of a subject cannot be predicted.

use core::hash::Hasher;
use siphasher::sip::SipHasher13;

/// Number of buckets: percentages have two decimals of resolution.
pub const BUCKETS: u32 = 10_000;

/// The bucket of `subject` under `salt`, in `0..BUCKETS`.
pub fn bucket(salt: &str, subject: &str) -> u32 {
    // Derive the 128-bit key from the salt, then hash the subject with it.
    let mut k0 = SipHasher13::new_with_keys(0x7061_7973_656c_0001, 0);
    k0.write(salt.as_bytes());
    let mut k1 = SipHasher13::new_with_keys(0x7061_7973_656c_0002, 0);
    k1.write(salt.as_bytes());
    let mut h = SipHasher13::new_with_keys(k0.finish(), k1.finish());
    h.write(subject.as_bytes());
    // u64 % 10_000 always fits in u32.
    (h.finish() % u64::from(BUCKETS)) as u32
}

/// True when `subject` falls inside the first `percent` of buckets.
pub fn within_percent(salt: &str, subject: &str, percent: i32) -> bool {
    let percent = u32::try_from(percent.clamp(0, 100)).unwrap_or(0);
    bucket(salt, subject) < percent * (BUCKETS / 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_and_salt_dependent() {
        assert_eq!(bucket("s1", "user-1"), bucket("s1", "user-1"));
        let moved = (0..100)
            .filter(|i| bucket("s1", &format!("u{i}")) != bucket("s2", &format!("u{i}")))
            .count();
        assert!(moved > 90, "a new salt must reshuffle subjects, moved {moved}");
    }

    #[test]
    fn percent_is_roughly_uniform() {
        let n = 20_000;
        let inside = (0..n)
            .filter(|i| within_percent("salt", &format!("subject-{i}"), 30))
            .count();
        let share = inside as f64 / n as f64;
        assert!((0.28..0.32).contains(&share), "share {share}");
        assert!(!within_percent("salt", "x", 0));
        assert!(within_percent("salt", "x", 100));
    }
}
