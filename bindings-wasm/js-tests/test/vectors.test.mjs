// Every conformance vector in tests/vectors/*.json through the built npm
// package, imported exactly as a user imports it in Node, through both
// entries: conformance/runner.mjs holds the runner contract (entries, forms,
// comparisons), which Chromium runs too (vectors.browser.test.mjs). Each
// case is a subtest per entry, and every comparison is node:assert's
// `equal` on JSON text.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import * as base from "paysel";
import * as signed from "paysel/signed";
import { entriesOf, runCase } from "../conformance/runner.mjs";

const dir = new URL("../../../tests/vectors/", import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
const entries = { paysel: base, "paysel/signed": signed };

test("the vector directory has files", () => {
  assert.ok(files.length > 0, `no vector files in ${dir.pathname}`);
});

const ran = { paysel: 0, "paysel/signed": 0, events: 0, plans: 0 };

for (const file of files) {
  const suite = JSON.parse(readFileSync(new URL(file, dir), "utf8"));
  test(file, async (t) => {
    assert.ok(Array.isArray(suite.cases) && suite.cases.length > 0, "a vector file has cases");
    for (const c of suite.cases) {
      for (const name of entriesOf(c)) {
        await t.test(`${c.name} (${name})`, () => {
          const tally = runCase(entries[name], c, assert.equal);
          assert.ok(tally.comparisons >= 2, "each case is compared in both forms");
          ran[name] += 1;
          ran.events += tally.events;
          ran.plans += tally.plans;
        });
      }
    }
  });
}

test("every entry ran the cases, and the events and plans were checked", () => {
  assert.ok(ran.paysel > 300, `only ${ran.paysel} cases through paysel`);
  assert.ok(ran["paysel/signed"] > ran.paysel + 20, `only ${ran["paysel/signed"]} cases through paysel/signed`);
  assert.ok(ran.events > 10, `only ${ran.events} event checks`);
  assert.ok(ran.plans > 20, `only ${ran.plans} plans`);
});
