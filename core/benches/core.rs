//! Native benchmarks: `detect` over the UA corpus, `decide` with the default
//! and a 12-rail policy (with and without explain), and policy parsing.
//! `cargo xtask bench` runs these and collects the figures.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use paysel_core::{CheckoutContext, DecideOptions, Engine, Hints};
use std::hint::black_box;
use std::path::PathBuf;

fn repo(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
}

fn corpus() -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo("tests/ua"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|f| {
            std::fs::read_to_string(f)
                .unwrap()
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| {
                    serde_json::from_str::<serde_json::Value>(l).unwrap()["ua"]
                        .as_str()
                        .unwrap()
                        .to_owned()
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

fn contexts() -> Vec<CheckoutContext> {
    serde_json::from_str(&std::fs::read_to_string(repo("tests/bench/contexts.json")).unwrap()).unwrap()
}

fn bench(c: &mut Criterion) {
    let uas = corpus();
    let hints = Hints::default();
    let mut g = c.benchmark_group("detect");
    g.throughput(Throughput::Elements(uas.len() as u64));
    g.bench_function("corpus", |b| {
        b.iter(|| {
            for ua in &uas {
                black_box(paysel_core::detect(black_box(ua), &hints));
            }
        })
    });
    g.finish();

    let twelve = std::fs::read_to_string(repo("tests/bench/policy-12-rails.json")).unwrap();
    let engines = [
        ("default", Engine::with_default_policy()),
        ("12_rails", Engine::from_policy_json(&twelve).unwrap()),
    ];
    let ctxs = contexts();
    let mut g = c.benchmark_group("decide");
    g.throughput(Throughput::Elements(ctxs.len() as u64));
    for (name, engine) in &engines {
        for explain in [false, true] {
            let id = format!("{name}/{}", if explain { "explain" } else { "plain" });
            g.bench_function(id, |b| {
                b.iter(|| {
                    for ctx in &ctxs {
                        black_box(engine.decide(black_box(ctx), DecideOptions { explain }).unwrap());
                    }
                })
            });
        }
    }
    g.finish();

    // The entry point every binding calls: parse the context, decide, write JSON.
    let texts: Vec<String> = ctxs.iter().map(|c| serde_json::to_string(c).unwrap()).collect();
    let mut g = c.benchmark_group("decide_json");
    g.throughput(Throughput::Elements(texts.len() as u64));
    for (name, engine) in &engines {
        g.bench_function(*name, |b| {
            b.iter(|| {
                for text in &texts {
                    black_box(
                        engine
                            .decide_json(black_box(text), DecideOptions::default())
                            .unwrap(),
                    );
                }
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("parse_policy");
    g.bench_function("default", |b| {
        b.iter(|| Engine::from_policy_json(black_box(paysel_core::DEFAULT_POLICY_JSON)).unwrap())
    });
    g.bench_function("12_rails", |b| {
        b.iter(|| Engine::from_policy_json(black_box(&twelve)).unwrap())
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(2));
    targets = bench
}
criterion_main!(benches);
