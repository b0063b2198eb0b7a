// The bad arguments of tests/vectors/errors.json (`binding_cases`) through
// the built package, as a user calls it in Node: every case, through each
// of its `calls`, in each of its entries (`paysel` skips the signed-policy
// cases), must throw a PayselError with the case's code and path and leave
// the module working (conformance/runner.mjs, which Chromium runs too). The
// file's `cases` run in vectors.test.mjs with every other vector. Runner
// contract: tests/vectors/README.md.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as base from "paysel";
import * as signed from "paysel/signed";
import { bindingCalls, bindingEntriesOf, runBindingCase } from "../conformance/runner.mjs";

const vectors = (file) => JSON.parse(readFileSync(new URL(`../../../tests/vectors/${file}`, import.meta.url), "utf8"));
const { binding_cases: cases } = vectors("errors.json");
const envelopes = vectors("envelopes.json");

test("errors.json has binding cases, each with known calls", () => {
  assert.ok(cases.length > 40, `only ${cases.length} binding cases`);
  const known = Object.keys(bindingCalls(signed));
  for (const c of cases) {
    assert.ok(c.calls.length > 0, c.name);
    for (const call of c.calls) assert.ok(known.includes(call), `${c.name}: unknown call ${call}`);
  }
});

for (const [name, paysel] of [["paysel", base], ["paysel/signed", signed]]) {
  test(`binding cases through ${name}`, async (t) => {
    let calls = 0;
    for (const c of cases.filter((c) => bindingEntriesOf(c).includes(name))) {
      await t.test(c.name, () => {
        calls += runBindingCase(paysel, c, envelopes, assert.equal);
      });
    }
    assert.ok(calls > 80, `only ${calls} calls`);
  });
}
