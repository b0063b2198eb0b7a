// `cargo xtask bench`'s report. Each part of the benchmark (native.mjs,
// analyze.mjs, web.mjs, plan.mjs, the Kotlin Bench.kt) prints one JSON line,
// `{"figures": [{metric, value, unit, target}], ...}` with `target`
// `[comparison, bound]` or null; the xtask keeps each in a file. This
// prints every figure as a table beside its target, a miss marked (not
// fatal), and writes target/bench/report.json: `{ figures: [{metric,
// value, unit, target: "< 2000" | null, meets}], size_breakdown (from
// web.mjs), machine, date, load_average }`.
//
//   node bench/report.mjs PART.json...
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const parts = process.argv.slice(2).map((file) => [file, JSON.parse(readFileSync(file, "utf8"))]);
const figures = parts.flatMap(([file, part]) => {
  if (!Array.isArray(part.figures)) throw new Error(`${file}: no figures`);
  return part.figures.map(({ metric, value, unit, target }) => {
    if (typeof metric !== "string" || typeof value !== "number") throw new Error(`${file}: ${JSON.stringify({ metric, value })}`);
    const goal = Array.isArray(target) && typeof target[0] === "string" && typeof target[1] === "number" ? target : null;
    return { metric, value, unit: unit ?? "", target: goal };
  });
});
const meets = ({ value, target }) => {
  if (!target) return null;
  const [op, bound] = target;
  return op === "<" ? value < bound : op === "<=" ? value <= bound : op === ">=" ? value >= bound : false;
};
/** A figure with three significant digits, without exponent noise. */
const short = (v) => v.toFixed(Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 1 ? 2 : 3);

const row = (metric, value, unit, target, met) => `${metric.padEnd(40)} ${value.padStart(14)} ${unit.padEnd(6)} ${target.padEnd(14)} ${met}`;
console.log(row("metric", "value", "unit", "target", "meets"));
for (const f of figures) {
  const met = { true: "yes", false: "MISS", null: "" }[meets(f)];
  console.log(row(f.metric, short(f.value), f.unit, f.target ? `${f.target[0]} ${short(f.target[1])}` : "", met));
}
const machine = `${availableParallelism()} cores, ${cpus()[0]?.model ?? "unknown CPU"}`;
const date = `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`;
const load = readFileSync("/proc/loadavg", "utf8").trim();
console.log(`machine: ${machine}; ${date}; load average ${load}`);

const report = {
  figures: figures.map((f) => ({ ...f, target: f.target ? f.target.join(" ") : null, meets: meets(f) })),
  size_breakdown: parts.find(([, part]) => part.size_breakdown)?.[1].size_breakdown ?? null,
  machine,
  date,
  load_average: load,
};
const path = join(root, "target/bench/report.json");
mkdirSync(join(root, "target/bench"), { recursive: true });
writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
console.log(`report: ${path}`);
