// `cargo xtask bench`'s web part in its quick form (bench/web.mjs --quick:
// one cold load per kind in Chromium, brief timings) on the package as
// built, so that a change of the package's layout cannot break the
// benchmark unnoticed. Its figures are not checked, only that each budgeted
// figure of issue 19 is measured and carries its target; budgets live in
// `cargo xtask bench`, not in tests.
import { test } from "node:test";
import assert from "node:assert/strict";
import { webFigures } from "../../../bench/web.mjs";

const BUDGETED = [
  "size.paysel_gzip_bytes",
  "size.paysel_signed_gzip_bytes",
  "size.tarball_packed_bytes",
  "node.decide_default_ns",
  "node.decide_json_default_ns",
  "chromium.4x.import_to_first_decision_ms",
  "chromium.4x.first_decision_ms",
];

test("the benchmark's web part runs on the built package and reports every budgeted figure", { timeout: 600_000 }, async () => {
  const { figures, size_breakdown } = await webFigures({ quick: true });
  for (const f of figures) assert.ok(Number.isFinite(f.value) && f.value >= 0, `${f.metric}: ${f.value}`);
  const byName = new Map(figures.map((f) => [f.metric, f]));
  for (const metric of BUDGETED) {
    assert.ok(byName.has(metric), `${metric} is measured`);
    assert.ok(Array.isArray(byName.get(metric).target), `${metric} has its target`);
  }
  for (const rate of ["1x", "4x"]) {
    for (const part of ["import_ms", "instantiate_ms", "first_decision_ms", "second_decision_ms", "ua_parser_js_import_ms", "ua_parser_js_first_parse_ms"]) {
      assert.ok(byName.has(`chromium.${rate}.${part}`), `chromium.${rate}.${part} is measured`);
    }
  }
  for (const entry of ["paysel", "paysel/signed"]) {
    assert.ok(size_breakdown[entry].files.some((f) => f.endsWith(".wasm")), `${entry}: its files`);
  }
});
