// The Rust builds' own figures for `cargo xtask bench`: the criterion
// benches in core/benches/ per item (per UA, per decision, per parse), and
// the release library of the mobile bindings, stripped (a proxy for what
// one Android ABI or iOS slice adds to an app). Prints one JSON line,
// `{"figures": [{metric, value, unit, target}]}`, the shape of every part of
// bench/report.mjs; cargo's output goes to stderr.
//
//   node bench/native.mjs
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const target = process.env.CARGO_TARGET_DIR ?? join(root, "target");
const cargo = (...args) => execFileSync(process.env.CARGO ?? "cargo", args, { cwd: root, stdio: ["ignore", 2, 2] });
const figures = [];
const fig = (metric, value, unit, target = null) => figures.push({ metric, value, unit, target });

// The criterion bench behind each figure, and its target.
const CRITERION = [
  ["native.detect_ns_per_ua", "detect/corpus", ["<", 500]],
  ["native.decide_default_ns", "decide/default_plain", ["<", 2_000]],
  ["native.decide_default_explain_ns", "decide/default_explain"],
  ["native.decide_12_rails_ns", "decide/12_rails_plain"],
  ["native.decide_12_rails_explain_ns", "decide/12_rails_explain"],
  ["native.parse_policy_default_ns", "parse_policy/default"],
  ["native.parse_policy_12_rails_ns", "parse_policy/12_rails"],
];
cargo("bench", "-q", "-p", "paysel-core", "--bench", "core");
for (const [metric, id, goal] of CRITERION) {
  const read = (file) => JSON.parse(readFileSync(join(target, "criterion", id, "new", file), "utf8"));
  const mean = read("estimates.json").mean?.point_estimate;
  if (!Number.isFinite(mean)) throw new Error(`criterion: no mean for ${id}`);
  // Nanoseconds per item: a bench over the corpus measures every UA at once.
  fig(metric, mean / (read("benchmark.json").throughput?.Elements ?? 1), "ns", goal);
}

cargo("build", "-q", "--release", "-p", "paysel-mobile");
const stripped = join(target, "bench/libpaysel_mobile.stripped.so");
mkdirSync(join(target, "bench"), { recursive: true });
execFileSync("strip", ["-o", stripped, join(target, "release/libpaysel_mobile.so")]);
fig("size.mobile_cdylib_stripped_bytes", statSync(stripped).size, "bytes");

console.log(JSON.stringify({ figures }));
