// The plan vectors (tests/vectors/plans.json) through the built package,
// imported as a server imports it: `plan(context, { policy })` through both
// entries must give each case's `expect_plan` byte for byte (or its
// `expect_plan_error`), every key's decision must be `decide`'s on the
// context with that key's probes (`expect_plan_probes`), and `paysel/plan`
// must pick that decision when stand-ins of the probe APIs give the key's
// answers, in every way an answer can be unknown. Runner contract:
// tests/vectors/README.md.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as base from "paysel";
import * as signed from "paysel/signed";
import { pick } from "paysel/plan";
import { UNKNOWN_WAYS, answersOf, stub } from "../plan/stubs.mjs";

const file = new URL("../../../tests/vectors/plans.json", import.meta.url);
const cases = JSON.parse(readFileSync(file, "utf8")).cases.filter((c) => c.plan === true);
const options = (c) => ({ policy: typeof c.policy === "object" ? c.policy : undefined });
const contextOf = (c) => c.context ?? JSON.parse(c.context_text ?? "{}");

test("plans.json has plan cases with and without probes, and errors", () => {
  const sizes = cases.filter((c) => c.expect_plan).map((c) => c.expect_plan.probes.length);
  assert.deepEqual([...new Set(sizes)].sort(), [0, 1, 2, 3]);
  assert.ok(cases.some((c) => c.expect_plan_error));
});

for (const c of cases) {
  test(c.name, async () => {
    for (const entry of [base, signed]) {
      let plan;
      try {
        plan = entry.plan(contextOf(c), options(c));
      } catch (e) {
        assert.ok(c.expect_plan_error, `unexpected ${e}`);
        assert.ok(entry.isPayselError(e), String(e));
        assert.deepEqual({ code: e.code, path: e.path }, c.expect_plan_error);
        continue;
      }
      assert.equal(c.expect_plan_error, undefined, "the plan should have failed");
      assert.equal(JSON.stringify(plan), JSON.stringify(c.expect_plan), "the plan, byte for byte");
      assert.equal(plan.pick.length, 3 ** plan.probes.length);
      for (const [key, probes] of c.expect_plan_probes.entries()) {
        const decided = entry.decide({ ...contextOf(c), probes }, options(c));
        assert.deepEqual(plan.decisions[plan.pick[key]], decided, `key ${key}`);
      }
    }
    if (c.expect_plan === undefined) return;
    // The picker, with stand-ins answering each key, every unknown way.
    const plan = c.expect_plan;
    for (let key = 0; key < plan.pick.length; key += 1) {
      const expected = base.decide({ ...contextOf(c), probes: c.expect_plan_probes[key] }, options(c));
      const ways = Object.values(answersOf(key, plan.probes)).includes("unknown") ? UNKNOWN_WAYS.length : 1;
      for (let way = 0; way < ways; way += 1) {
        const picked = await pick(plan, stub(answersOf(key, plan.probes), way));
        assert.deepEqual(picked, expected, `key ${key}, unknown ${UNKNOWN_WAYS[way]}`);
      }
    }
  });
}

test("pick refuses a plan without the answers' decision", async () => {
  const plan = cases.find((c) => c.expect_plan?.probes.length === 2).expect_plan;
  const broken = { ...plan, pick: plan.pick.slice(0, 3) };
  // Both probes missing: unknown, unknown is key 8, which the broken plan lacks.
  await assert.rejects(pick(broken, stub({})), (e) => e instanceof TypeError && /key 8/.test(e.message));
});

test("paysel/plan loads no WebAssembly and no other module", () => {
  const text = readFileSync(new URL(import.meta.resolve("paysel/plan")), "utf8");
  // Its JSDoc names the core's types with `import("./paysel.js")`: types only.
  const source = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
  assert.match(text, /import\("\.\/paysel\.js"\)\.Plan/);
  assert.doesNotMatch(source, /^\s*import\s/m);
  assert.doesNotMatch(source, /\bimport\(|WebAssembly|fetch\(/);
});
