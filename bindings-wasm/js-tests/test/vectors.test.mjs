// Every conformance vector in tests/vectors/*.json through the built npm
// package, imported exactly as a user imports it, through both entries
// (`paysel/signed` runs every case, `paysel` every case without an
// envelope, since it has no signed policies), and in two forms: with the
// case's policy, envelope and context as JS objects (`new Engine(policy)`,
// `engine.decide(context)`), and as JSON text (`Engine.fromPolicyJson`,
// `engine.decideJson`). Cases without an envelope also go through the
// top-level `decide` and `decideJson` with `options.policy`. Every output
// must deep-equal the expectation, and the object output must stringify to
// the text output byte for byte; an expected error must be a PayselError
// with its code and path in every form. A case with an `event` then builds
// that event from the object decision with `selection` or `outcome`, which
// must deep-equal `expect_event` (its JSON, the event's JSON line, in schema
// order) or throw `expect_event_error`. Runner contract:
// tests/vectors/README.md.
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
const isObject = (v) => typeof v === "object" && v !== null;

/** The engine a case asks for, from objects or from JSON text. */
function engine({ Engine }, c, form) {
  if (hasEnvelope(c)) {
    const keys = c.trusted_keys ?? [];
    const options = { now_unix_seconds: c.now ?? 0, min_version: c.min_version };
    if (c.envelope_text === undefined && form === "object") return Engine.fromSignedPolicy(c.envelope, keys, options);
    return Engine.fromSignedPolicyJson(c.envelope_text ?? JSON.stringify(c.envelope), keys, options);
  }
  if (c.policy_text !== undefined) return Engine.fromPolicyJson(c.policy_text);
  if (isObject(c.policy)) return form === "object" ? new Engine(c.policy) : Engine.fromPolicyJson(JSON.stringify(c.policy));
  return new Engine();
}

const contextText = (c) => c.context_text ?? JSON.stringify(c.context ?? {});

/** Runs one case in one form: the decision as an object, or the error thrown. */
function run(entry, c, form) {
  const e = engine(entry, c, form);
  const options = { explain: c.explain === true };
  try {
    if (form === "object" && c.context_text === undefined) return e.decide(c.context ?? {}, options);
    return JSON.parse(e.decideJson(contextText(c), options));
  } finally {
    e.free();
  }
}

/** The top-level functions, for a case without an envelope. */
function runTopLevel(entry, c, form) {
  const explain = c.explain === true;
  if (form === "object" && c.context_text === undefined && c.policy_text === undefined) {
    return entry.decide(c.context ?? {}, { policy: isObject(c.policy) ? c.policy : undefined, explain });
  }
  const policy = c.policy_text ?? (isObject(c.policy) ? JSON.stringify(c.policy) : undefined);
  return JSON.parse(entry.decideJson(contextText(c), { policy, explain }));
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
        await t.test(`${c.name} (${name})`, () => {
          const runners = hasEnvelope(c) ? [run] : [run, runTopLevel];
          for (const runner of runners) {
            const outputs = ["object", "text"].map((form) => check(() => runner(entry, c, form), entry, c, form));
            if (c.expect !== undefined) {
              assert.equal(JSON.stringify(outputs[0]), JSON.stringify(outputs[1]), "object and text outputs are the same JSON");
            }
            if (c.event !== undefined && outputs[0] !== undefined) checkEvent(entry, c, outputs[0]);
          }
        });
      }
    }
  });
}

let eventsChecked = 0;

/** The case's event, built from its decision, against `expect_event(_error)`. */
function checkEvent(entry, c, decision) {
  eventsChecked += 1;
  const build = () => {
    switch (c.event.type) {
      case "selection": return entry.selection(decision, c.event.rail);
      case "outcome": return entry.outcome(decision, c.event.rail, c.event.result);
      default: throw new Error(`unknown event type ${c.event.type}`);
    }
  };
  check(build, entry, { ...c, expect: c.expect_event, expect_error: c.expect_event_error }, "event");
  if (c.expect_event !== undefined) {
    assert.equal(JSON.stringify(build()), JSON.stringify(c.expect_event), "the event's JSON line, in schema order");
  }
}

test("event cases were checked", () => {
  assert.ok(eventsChecked > 10, `only ${eventsChecked} event checks`);
});

test("most cases ran through both entries", () => {
  assert.ok(ranOnBoth > 100, `only ${ranOnBoth} cases ran through both entries`);
});

/** One case in one form: the output, checked against the expectation. */
function check(fn, entry, c, form) {
  if (c.expect_error === undefined) {
    const out = fn();
    assert.deepStrictEqual(out, c.expect, `${c.about} (${form})`);
    return out;
  }
  assert.throws(fn, (e) => {
    assert.ok(e instanceof Error, "a real Error");
    assert.ok(entry.isPayselError(e), `a PayselError: ${e}`);
    assert.equal(e.name, "PayselError");
    assert.equal(e.code, c.expect_error.code, `${form}: ${e.message}`);
    assert.equal(e.path, c.expect_error.path, `${form}: ${e.message}`);
    return true;
  });
  return undefined;
}
