// Every conformance vector in tests/vectors/*.json through the built npm
// package, imported exactly as a user imports it, through both entries:
// `paysel/signed` runs every case, `paysel` every case without an envelope
// (it has no signed policies). The output must deep-equal the expectation;
// an expected error must be a PayselError with its code (and path). Runner
// contract: tests/vectors/README.md.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import * as base from "paysel";
import * as signed from "paysel/signed";

const dir = new URL("../../../tests/vectors/", import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();

test("the vector directory has files", () => {
  assert.ok(files.length > 0, `no vector files in ${dir.pathname}`);
});

const hasEnvelope = (c) => c.envelope_text !== undefined || c.envelope !== undefined;

/** The engine a case asks for (an error from building it counts too). */
function engine({ Engine }, c) {
  if (hasEnvelope(c)) {
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
function run(entry, c) {
  const e = engine(entry, c);
  try {
    const context = c.context_text !== undefined ? c.context_text : (c.context ?? {});
    return e.decide(context, { explain: c.explain === true });
  } finally {
    e.free();
  }
}

let ranOnBoth = 0;

for (const file of files) {
  const suite = JSON.parse(readFileSync(new URL(file, dir), "utf8"));
  test(file, async (t) => {
    assert.ok(Array.isArray(suite.cases) && suite.cases.length > 0, "a vector file has cases");
    for (const c of suite.cases) {
      const entries = hasEnvelope(c) ? [["paysel/signed", signed]] : [["paysel", base], ["paysel/signed", signed]];
      if (entries.length === 2) ranOnBoth += 1;
      for (const [name, entry] of entries) {
        await t.test(`${c.name} (${name})`, () => check(entry, c));
      }
    }
  });
}

test("most cases ran through both entries", () => {
  assert.ok(ranOnBoth > 100, `only ${ranOnBoth} cases ran through both entries`);
});

/** One case through one entry. */
function check(entry, c) {
  if (c.expect_error !== undefined) {
    assert.throws(
      () => run(entry, c),
      (e) => {
        assert.ok(e instanceof Error, "a real Error");
        assert.ok(entry.isPayselError(e), "a PayselError");
        assert.equal(e.name, "PayselError");
        assert.equal(e.code, c.expect_error.code, e.message);
        if (c.expect_error.path !== undefined) {
          assert.equal(e.path, c.expect_error.path, e.message);
        }
        return true;
      },
    );
  } else {
    assert.deepStrictEqual(run(entry, c), c.expect, c.about);
  }
}
