//! Runs the shared conformance vectors in `tests/vectors/` through the Rust
//! engine. The WASM and Kotlin lanes run the same files with the same
//! contract; see `tests/vectors/README.md`.
//!
//! `PAYSEL_BLESS=1` (or `cargo xtask vectors --bless`) rewrites each case's
//! expectation from the current engine instead of checking it.

use paysel_core::WireEnum;
use paysel_core::{DecideOptions, Decision, Engine, OutcomeResult, ToJsonLine, TrustedKey, VerifyOptions};
use serde_json::Value;
use std::path::PathBuf;

fn vector_files() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/vectors exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// Runs one case: `Ok(decision)` or `Err((code, path))`.
fn run_case(case: &Value) -> Result<Value, (String, String)> {
    let fail = |e: paysel_core::Error| (e.code().as_str().to_owned(), e.path().to_owned());
    let envelope = match (case.get("envelope_text"), case.get("envelope")) {
        (Some(Value::String(text)), _) => Some(text.clone()),
        (_, Some(env)) => Some(serde_json::to_string(env).unwrap()),
        _ => None,
    };
    let engine = match (envelope, case.get("policy_text"), case.get("policy")) {
        (Some(envelope), _, _) => {
            let keys: Vec<TrustedKey> =
                serde_json::from_value(case.get("trusted_keys").cloned().unwrap_or(Value::Array(vec![])))
                    .unwrap();
            let options = VerifyOptions {
                now_unix_seconds: case.get("now").and_then(Value::as_i64).unwrap_or(0),
                min_version: case.get("min_version").and_then(Value::as_i64),
            };
            Engine::from_signed_policy(&envelope, &keys, options).map_err(fail)?
        }
        (None, Some(Value::String(text)), _) => Engine::from_policy_json(text).map_err(fail)?,
        (None, _, Some(policy @ Value::Object(_))) => {
            Engine::from_policy_json(&serde_json::to_string(policy).unwrap()).map_err(fail)?
        }
        _ => Engine::with_default_policy(),
    };
    let context = match (case.get("context_text"), case.get("context")) {
        (Some(Value::String(text)), _) => text.clone(),
        (_, Some(ctx)) => serde_json::to_string(ctx).unwrap(),
        _ => "{}".to_owned(),
    };
    let explain = case.get("explain").and_then(Value::as_bool).unwrap_or(false);
    let out = engine
        .decide_json(&context, DecideOptions { explain })
        .map_err(fail)?;
    Ok(serde_json::from_str(&out).unwrap())
}

/// The case's `event` (`{"type": "selection", "rail"}` or `{"type":
/// "outcome", "rail", "result"}`) built from its decision: `Ok(event)` as
/// logged, or `Err((code, path))`.
fn event_of(decision: &Value, event: &Value) -> Result<Value, (String, String)> {
    let fail = |e: paysel_core::Error| (e.code().as_str().to_owned(), e.path().to_owned());
    let decision: Decision = serde_json::from_value(decision.clone()).unwrap();
    let rail = event["rail"].as_str().expect("an event names its `rail`");
    let line = match event["type"].as_str() {
        Some("selection") => paysel_core::selection(&decision, rail)
            .map_err(fail)?
            .to_json_line(),
        Some("outcome") => {
            let result: OutcomeResult = serde_json::from_value(event["result"].clone()).unwrap();
            paysel_core::outcome(&decision, rail, result)
                .map_err(fail)?
                .to_json_line()
        }
        other => panic!("unknown event type {other:?}"),
    };
    Ok(serde_json::from_str(&line).unwrap())
}

/// A case with `"plan": true` is also planned: `Ok({"plan", "probes"})`
/// with the plan and, for every key, the context's probes with that key's
/// answers filled in; or `Err((code, path))`. Each key's decision
/// must be `decide`'s on the context with those probes (else a panic names
/// the key): the vectors check the proof the property test makes.
fn plan_of(case: &Value) -> Option<Result<Value, (String, String)>> {
    if case.get("plan") != Some(&Value::Bool(true)) {
        return None;
    }
    let fail = |e: paysel_core::Error| (e.code().as_str().to_owned(), e.path().to_owned());
    let engine = match case.get("policy") {
        Some(policy @ Value::Object(_)) => Engine::from_policy_json(&policy.to_string()).unwrap(),
        _ => Engine::with_default_policy(),
    };
    let text = match (case.get("context_text"), case.get("context")) {
        (Some(Value::String(text)), _) => text.clone(),
        (_, Some(ctx)) => ctx.to_string(),
        _ => "{}".to_owned(),
    };
    let plan = match engine.plan_json(&text, DecideOptions::default()) {
        Ok(plan) => plan,
        Err(e) => return Some(Err(fail(e))),
    };
    let ctx = paysel_core::parse_context(&text).unwrap();
    let plan: paysel_core::Plan = serde_json::from_str(&plan).unwrap();
    let probes: Vec<Value> = (0..plan.pick.len())
        .map(|key| {
            let mut filled = ctx.clone();
            filled.probes = plan.fill(&ctx.probes, &plan.answers(key));
            let decided = engine.decide(&filled, DecideOptions::default()).unwrap();
            assert_eq!(Some(&decided), plan.decision(&plan.answers(key)), "key {key}");
            serde_json::to_value(filled.probes).unwrap()
        })
        .collect();
    let plan = serde_json::to_value(&plan).unwrap();
    Some(Ok(serde_json::json!({ "plan": plan, "probes": probes })))
}

/// Whether `actual` is what the case expects under `expect` (a value) or
/// `expect_error` (`{"code", "path"}`) (or the `expect_event` pair).
fn matches(
    actual: &Result<Value, (String, String)>,
    expect: Option<&Value>,
    expect_error: Option<&Value>,
) -> bool {
    match (actual, expect, expect_error) {
        (Ok(value), Some(expect), None) => value == expect,
        (Err((code, path)), None, Some(expect)) => {
            expect["code"] == *code && expect.get("path").is_none_or(|p| p == path)
        }
        _ => false,
    }
}

fn show(actual: &Result<Value, (String, String)>) -> String {
    match actual {
        Ok(d) => d.to_string(),
        Err((c, p)) => format!("error {c} at `{p}`"),
    }
}

#[test]
fn conformance_vectors() {
    let bless = std::env::var("PAYSEL_BLESS").is_ok_and(|v| v == "1");
    let mut failures = Vec::new();
    let mut count = 0;
    for file in vector_files() {
        let text = std::fs::read_to_string(&file).unwrap();
        let mut doc: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let cases = doc["cases"].as_array_mut().expect("a `cases` array");
        for case in cases.iter_mut() {
            count += 1;
            let name = case["name"].as_str().unwrap_or("?").to_owned();
            let actual = run_case(case);
            let event = match (&actual, case.get("event")) {
                (Ok(decision), Some(event)) => Some(event_of(decision, event)),
                _ => None,
            };
            let plan = plan_of(case);
            if bless {
                let obj = case.as_object_mut().unwrap();
                obj.remove("expect");
                obj.remove("expect_error");
                obj.remove("expect_event");
                obj.remove("expect_event_error");
                for key in ["expect_plan", "expect_plan_probes", "expect_plan_error"] {
                    obj.remove(key);
                }
                match plan {
                    Some(Ok(plan)) => {
                        obj.insert("expect_plan".into(), plan["plan"].clone());
                        obj.insert("expect_plan_probes".into(), plan["probes"].clone());
                    }
                    Some(Err((code, path))) => {
                        obj.insert(
                            "expect_plan_error".into(),
                            serde_json::json!({ "code": code, "path": path }),
                        );
                    }
                    None => {}
                }
                match event {
                    Some(Ok(event)) => {
                        obj.insert("expect_event".into(), event);
                    }
                    Some(Err((code, path))) => {
                        obj.insert(
                            "expect_event_error".into(),
                            serde_json::json!({ "code": code, "path": path }),
                        );
                    }
                    None => {}
                }
                match actual {
                    Ok(decision) => {
                        obj.insert("expect".into(), decision);
                    }
                    Err((code, path)) => {
                        obj.insert(
                            "expect_error".into(),
                            serde_json::json!({ "code": code, "path": path }),
                        );
                    }
                }
                continue;
            }
            let file_name = file.file_name().unwrap().to_string_lossy().into_owned();
            if !matches(&actual, case.get("expect"), case.get("expect_error")) {
                failures.push(format!("{file_name}: case `{name}`\n  got: {}", show(&actual)));
            }
            if let Some(plan) = &plan {
                let expected = case
                    .get("expect_plan")
                    .map(|p| serde_json::json!({ "plan": p, "probes": case.get("expect_plan_probes") }));
                if !matches(plan, expected.as_ref(), case.get("expect_plan_error")) {
                    failures.push(format!(
                        "{file_name}: case `{name}`, its plan\n  got: {}",
                        show(plan)
                    ));
                }
            }
            if let Some(event) = &event {
                if !matches(event, case.get("expect_event"), case.get("expect_event_error")) {
                    failures.push(format!(
                        "{file_name}: case `{name}`, its event\n  got: {}",
                        show(event)
                    ));
                }
            }
        }
        if bless {
            let mut out = serde_json::to_string_pretty(&doc).unwrap();
            out.push('\n');
            std::fs::write(&file, out).unwrap();
        }
    }
    assert!(count >= 60, "expected at least 60 vectors, found {count}");
    assert!(
        failures.is_empty(),
        "{} of {count} vectors failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!("{count} conformance vectors passed");
}

/// `hosts.json` decides every built-in rail in every host on an iOS phone,
/// an Android phone and a desktop: a host added to the core without its
/// cases fails here, naming what is missing.
#[test]
fn hosts_vectors_cover_every_host_and_rail() {
    use paysel_core::capability::BuiltinRail;
    use paysel_core::Host;
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/hosts.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let cases = doc["cases"].as_array().unwrap();
    let mut missing = Vec::new();
    for &host in Host::ALL {
        for (platform, form_factor) in [
            ("ios", "mobile"),
            ("android", "mobile"),
            ("windows", "desktop"),
            ("macos", "desktop"),
        ] {
            let covered = cases.iter().any(|c| {
                let ctx = &c["context"];
                let rails: Vec<&str> = c["policy"]["rails"]
                    .as_array()
                    .map(|r| r.iter().filter_map(|r| r["id"].as_str()).collect())
                    .unwrap_or_default();
                ctx["host"] == host.as_str()
                    && ctx["platform"] == platform
                    && ctx["form_factor"] == form_factor
                    && BuiltinRail::ALL.iter().all(|b| rails.contains(&b.as_str()))
            });
            if !covered {
                missing.push(format!("{} {platform} {form_factor}", host.as_str()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "hosts.json lacks cases for: {}",
        missing.join(", ")
    );
}
