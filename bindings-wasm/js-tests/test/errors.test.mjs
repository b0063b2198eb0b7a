// The bad arguments of tests/vectors/errors.json (`binding_cases`) through
// the built package, as a user calls it: every case, through each of its
// `calls`, in both entries (`paysel` skips the signed-policy cases), must
// throw a PayselError with the case's code and path and leave the module
// working. The file's `cases` run in vectors.test.mjs with every other
// vector. Runner contract: tests/vectors/README.md.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as base from "paysel";
import * as signed from "paysel/signed";

const vectors = (file) => JSON.parse(readFileSync(new URL(`../../../tests/vectors/${file}`, import.meta.url), "utf8"));
const { binding_cases: cases } = vectors("errors.json");
const valid = vectors("envelopes.json").cases.find((c) => c.envelope !== undefined && c.expect !== undefined && c.min_version === undefined);
const WECHAT = { host: "wechat", platform: "android", currency: "CNY", amount: 1200 };

/** Each entry point a case may name, as a function of the argument list. */
function calls(paysel) {
  const engine = () => new paysel.Engine();
  return {
    decide: (a) => paysel.decide(...a),
    decideJson: (a) => paysel.decideJson(...a),
    detect: (a) => paysel.detect(...a),
    selection: (a) => paysel.selection(...a),
    outcome: (a) => paysel.outcome(...a),
    "new Engine": (a) => new paysel.Engine(...a),
    "Engine.fromPolicyJson": (a) => paysel.Engine.fromPolicyJson(...a),
    "Engine.fromSignedPolicy": (a) => paysel.Engine.fromSignedPolicy(...a),
    "Engine.fromSignedPolicyJson": (a) => paysel.Engine.fromSignedPolicyJson(...a),
    "engine.decide": (a) => engine().decide(...a),
    "engine.decideJson": (a) => engine().decideJson(...a),
    "engine.detect": (a) => engine().detect(...a),
    "engine.applyPolicy": (a) => engine().applyPolicy(...a),
    "engine.applyPolicyJson": (a) => engine().applyPolicyJson(...a),
    "engine.applySignedPolicy": (a) => engine().applySignedPolicy(...a),
    "engine.applySignedPolicyJson": (a) => engine().applySignedPolicyJson(...a),
  };
}

/** A case's argument list: its JS expression, with the names the README lists in scope. */
function args(c, paysel) {
  const scope = {
    defaultPolicy: paysel.defaultPolicy,
    decision: paysel.decide(WECHAT),
    envelope: valid.envelope,
    trusted_keys: valid.trusted_keys,
    now: valid.now ?? 0,
  };
  return new Function(...Object.keys(scope), `return ${c.args};`)(...Object.values(scope));
}

test("errors.json has binding cases, each with known calls", () => {
  assert.ok(cases.length > 40, `only ${cases.length} binding cases`);
  const known = Object.keys(calls(signed));
  for (const c of cases) {
    assert.ok(c.calls.length > 0, c.name);
    for (const call of c.calls) assert.ok(known.includes(call), `${c.name}: unknown call ${call}`);
  }
});

for (const [name, paysel] of [["paysel", base], ["paysel/signed", signed]]) {
  test(`binding cases through ${name}`, async (t) => {
    const table = calls(paysel);
    for (const c of cases.filter((c) => c.entry === undefined || c.entry === name)) {
      await t.test(c.name, () => {
        for (const call of c.calls) {
          assert.throws(
            () => table[call](args(c, paysel)),
            (e) => {
              assert.ok(e instanceof Error, `${call}: a real Error: ${e}`);
              assert.ok(paysel.isPayselError(e), `${call}: a PayselError: ${e}`);
              assert.equal(e.name, "PayselError");
              assert.equal(`${e.code} at ${e.path}`, `${c.expect_error.code} at ${c.expect_error.path}`, `${call}: ${e.message}`);
              assert.ok(e.message.length > 0);
              return true;
            },
            `${call} must throw`,
          );
          // The module still works after every error.
          assert.equal(paysel.decide(WECHAT).shown[0].rail, "wechat_pay");
        }
      });
    }
  });
}
