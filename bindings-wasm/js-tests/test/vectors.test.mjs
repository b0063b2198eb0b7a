// Every conformance vector in tests/vectors/*.json through the built npm
// package, imported exactly as a user imports it. The output must deep-equal
// the expectation; an expected error must be a PayselError with its code
// (and path). Runner contract: tests/vectors/README.md.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { Engine, isPayselError } from "paysel";

const dir = new URL("../../../tests/vectors/", import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();

test("the vector directory has files", () => {
  assert.ok(files.length > 0, `no vector files in ${dir.pathname}`);
});

/** The engine a case asks for (an error from building it counts too). */
function engine(c) {
  if (c.envelope_text !== undefined || c.envelope !== undefined) {
    return Engine.fromSignedPolicy(c.envelope_text ?? c.envelope, c.trusted_keys ?? [], {
      now_unix_seconds: c.now ?? 0,
      min_version: c.min_version,
    });
  }
  if (c.policy_text !== undefined) return new Engine(c.policy_text);
  if (typeof c.policy === "object" && c.policy !== null) return new Engine(c.policy);
  return new Engine();
}

/** Runs one case: the decision, or the error thrown. */
function run(c) {
  const e = engine(c);
  try {
    const context = c.context_text !== undefined ? c.context_text : (c.context ?? {});
    return e.decide(context, { explain: c.explain === true });
  } finally {
    e.free();
  }
}

for (const file of files) {
  const suite = JSON.parse(readFileSync(new URL(file, dir), "utf8"));
  test(file, async (t) => {
    assert.ok(Array.isArray(suite.cases) && suite.cases.length > 0, "a vector file has cases");
    for (const c of suite.cases) {
      await t.test(c.name, () => {
        if (c.expect_error !== undefined) {
          assert.throws(
            () => run(c),
            (e) => {
              assert.ok(e instanceof Error, "a real Error");
              assert.ok(isPayselError(e), "a PayselError");
              assert.equal(e.name, "PayselError");
              assert.equal(e.code, c.expect_error.code, e.message);
              if (c.expect_error.path !== undefined) {
                assert.equal(e.path, c.expect_error.path, e.message);
              }
              return true;
            },
          );
        } else {
          assert.deepStrictEqual(run(c), c.expect, c.about);
        }
      });
    }
  });
}
