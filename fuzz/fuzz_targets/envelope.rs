//! Verification of arbitrary signed-policy envelopes against the TEST-ONLY
//! key of the vectors, with the clock and rollback floor taken from the
//! input. Nothing may panic; a refused envelope leaves an engine unchanged.

#![no_main]

use libfuzzer_sys::fuzz_target;
use paysel_core::{Engine, TrustedKey, VerifyOptions};

fuzz_target!(|data: &[u8]| {
    let (head, rest) = data.split_at(data.len().min(9));
    let mut now = [0u8; 8];
    now[..head.len().min(8)].copy_from_slice(&head[..head.len().min(8)]);
    let options = VerifyOptions {
        now_unix_seconds: i64::from_le_bytes(now),
        min_version: head.get(8).map(|&v| i64::from(v)),
    };
    let text = String::from_utf8_lossy(rest);
    let keys = [
        TrustedKey {
            key_id: "fac361546bc42db3".into(),
            public_key: "4k3FXq0e5DLeTmn2KfF2GCh6Q9Rv9J2KqdF5eO65oI4=".into(),
        },
        // Any input may also name itself as a pinned key: fuzzes key decoding.
        TrustedKey {
            key_id: "fuzz".into(),
            public_key: text.chars().take(64).collect(),
        },
    ];
    let _ = paysel_core::envelope::verify(&text, &keys[..1], &options);
    let _ = paysel_core::envelope::verify(&text, &keys, &options);
    let _ = paysel_core::envelope::decode_bytes::<32>(&text);
    let _ = paysel_core::envelope::decode_bytes::<64>(&text);

    let mut engine = Engine::with_default_policy();
    let before = engine.policy().clone();
    if engine.apply_signed_policy(&text, &keys[..1], options).is_err() {
        assert_eq!(engine.policy(), &before, "a refused envelope changed the engine");
    }
});
