// `paysel analyze` for `cargo xtask bench`: the release CLI on a file of 10
// million events written by its example `analyze_events`, read once to
// warm the page cache and once timed under GNU time (installed by the
// xtask): events per second, CPU time per event, and peak memory as the
// kernel counts it for the child (`ru_maxrss`, GNU time's `%M`). Prints one
// JSON line, `{"figures": [{metric, value, unit, target}]}`.
//
//   node bench/analyze.mjs
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const EVENTS = 10_000_000;
const root = fileURLToPath(new URL("..", import.meta.url));
const target = process.env.CARGO_TARGET_DIR ?? join(root, "target");
const cargo = process.env.CARGO ?? "cargo";
const figures = [];
const fig = (metric, value, unit, target = null) => figures.push({ metric, value, unit, target });

execFileSync(cargo, ["build", "--quiet", "--release", "-p", "paysel-cli"], { cwd: root, stdio: ["ignore", 2, 2] });
const paysel = join(target, "release/paysel");
const events = join(target, "bench/events-10m.jsonl");
mkdirSync(join(target, "bench"), { recursive: true });
let started = performance.now();
const out = execFileSync(cargo, ["run", "--quiet", "--release", "-p", "paysel-cli", "--example", "analyze_events", "--", events, `${EVENTS}`], {
  cwd: root,
  encoding: "utf8",
  stdio: ["ignore", "pipe", 2],
});
const written = Number(out.trim());
if (!Number.isInteger(written) || written <= 0) throw new Error(`analyze_events printed ${out}`);
const bytes = statSync(events).size;
console.error(`analyze bench: wrote ${written} events (${(bytes / 1e6).toFixed(0)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

execFileSync(paysel, ["analyze", "--json", events], { stdio: ["ignore", "ignore", 2] });
const timed = [paysel, "analyze", "--json", "--policy", join(root, "tests/analyze/policy.json"), events];
started = performance.now();
const time = spawnSync("/usr/bin/time", ["-f", "%U %S %M", ...timed], { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
const seconds = (performance.now() - started) / 1000;
rmSync(events);
if (time.status !== 0) throw new Error(`${timed.join(" ")}: ${time.error ?? time.stderr}`);
const last = time.stderr.trim().split("\n").at(-1);
const [user, system, kib] = last.split(/\s+/).map(Number);
if (![user, system, kib].every(Number.isFinite)) throw new Error(`no CPU time and peak memory in \`${last}\``);

fig("analyze.events_per_second", written / seconds, "ev/s", [">=", 1_000_000]);
fig("analyze.mb_per_second", bytes / 1e6 / seconds, "MB/s");
fig("analyze.10m_events_seconds", seconds, "s");
// CPU time (user + system, all threads) per event: what the figure above
// is worth on a machine that others are using too.
fig("analyze.cpu_ns_per_event", ((user + system) * 1e9) / written, "ns");
fig("analyze.peak_rss_mib", kib / 1024, "MiB");
console.log(JSON.stringify({ figures }));
