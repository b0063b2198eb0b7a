//! Arbitrary bytes as policy JSON and context JSON (split at the first NUL
//! byte), then a decision and a plan. Nothing may panic, every decision
//! must keep the core invariants, and the plan's all-unknown entry must be
//! the decision.

#![no_main]

use libfuzzer_sys::fuzz_target;
use paysel_core::{Answer, DecideOptions, Engine, Launch};

fuzz_target!(|data: &[u8]| {
    let (policy, context) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &b"{}"[..]),
    };
    let policy = String::from_utf8_lossy(policy);
    let context = String::from_utf8_lossy(context);

    // The safe-fallback contract: a refused policy leaves the engine as it was.
    let mut engine = Engine::with_default_policy();
    let before = engine.policy().clone();
    if engine.apply_policy_json(&policy).is_err() {
        assert_eq!(engine.policy(), &before, "a refused policy changed the engine");
    }

    let Ok(ctx) = paysel_core::parse_context(&context) else {
        return;
    };
    for explain in [false, true] {
        let decision = match engine.decide(&ctx, DecideOptions { explain }) {
            Ok(d) => d,
            Err(e) => panic!("decide failed on a validated context: {e}"),
        };
        let rails = &engine.policy().rails;
        assert_eq!(decision.shown.len() + decision.hidden.len(), rails.len());
        for rail in rails {
            let shown = decision.shown.iter().filter(|s| s.rail == rail.id).count();
            let hidden = decision.hidden.iter().filter(|h| h.rail == rail.id).count();
            assert_eq!(
                shown + hidden,
                1,
                "rail {} shown {shown}, hidden {hidden}",
                rail.id
            );
        }
        if let Some(pre) = &decision.preselected {
            let s = decision
                .shown
                .iter()
                .find(|s| &s.rail == pre)
                .expect("preselected is shown");
            assert_ne!(s.launch, Launch::OpenInBrowser);
        }
        if let Some(max) = engine.policy().max_shown {
            assert!(decision.shown.len() <= max as usize);
        }
        let json = serde_json::to_string(&decision).expect("a decision serializes");
        let again = engine
            .decide_json(&context, DecideOptions { explain })
            .expect("decide_json agrees");
        assert_eq!(json, again, "the same input gave different output");
        // Every planned probe is one the context leaves unknown, so the
        // all-unknown answers are the context as it stands.
        let plan = match engine.plan(&ctx, DecideOptions { explain }) {
            Ok(p) => p,
            Err(e) => panic!("plan failed on a validated context: {e}"),
        };
        let unknown = vec![Answer::Unknown; plan.probes.len()];
        assert_eq!(
            plan.decision(&unknown),
            Some(&decision),
            "the plan's all-unknown entry"
        );
    }
});
