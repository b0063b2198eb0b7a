// The package's JS surface as users meet it: entry points, every API form
// (objects and JSON text), bad input from JS (every bad value must throw a
// typed PayselError with its path and leave the module working), and the
// Engine's lifecycle.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import init, {
  Engine,
  contextFromBrowser,
  decide,
  decideJson,
  defaultPolicy,
  detect,
  initSync,
  isPayselError,
  version,
} from "paysel";
import * as base from "paysel";
import * as signed from "paysel/signed";

const require = createRequire(import.meta.url);
const WECHAT = { host: "wechat", platform: "android", currency: "CNY", amount: 1200 };

/** `fn` throws a PayselError with `code` and `path`, and `entry` works after it. */
function assertPayselError(fn, code, path, entry = base) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof Error, `instanceof Error: ${e}`);
    assert.ok(isPayselError(e), `a PayselError: ${e}`);
    assert.equal(e.name, "PayselError");
    assert.equal(e.code, code, `${e.code}: ${e.message}`);
    if (path !== undefined) assert.equal(e.path, path, e.message);
    assert.equal(typeof e.message, "string");
    assert.ok(e.message.length > 0);
    return true;
  });
  // The module still works after every error.
  assert.equal(entry.decide(WECHAT).shown[0].rail, "wechat_pay");
}

test("the ESM entry is ready at import and init() is a harmless no-op", async () => {
  await init();
  initSync();
  assert.equal(decide(WECHAT).shown[0].launch, "in_host_bridge");
  assert.match(version(), /^\d+\.\d+\.\d+/);
});

test("require() gives the same API and the same answers", () => {
  const cjs = require("paysel");
  for (const name of Object.keys(base).filter((n) => !["default", "initSync"].includes(n))) {
    assert.equal(typeof cjs[name], typeof base[name], `require("paysel").${name}`);
  }
  assert.deepStrictEqual(cjs.decide(WECHAT), decide(WECHAT));
  assert.deepStrictEqual(cjs.detect("Mozilla/5.0 MicroMessenger/8.0"), detect("Mozilla/5.0 MicroMessenger/8.0"));
  assert.equal(cjs.decideJson(JSON.stringify(WECHAT)), decideJson(JSON.stringify(WECHAT)));
  assert.equal(cjs.version(), version());
  assert.throws(() => cjs.decide({ amount: "1" }), (e) => e instanceof Error && e.name === "PayselError" && e.code === "context_malformed");
});

test("the package's files are what package.json says", () => {
  const manifest = JSON.parse(readFileSync(require.resolve("paysel/package.json"), "utf8"));
  assert.equal(manifest.name, "paysel");
  assert.equal(manifest.version, version());
  assert.equal(manifest.type, "module");
});

test("decide takes a context object and { policy, explain }; decideJson takes JSON text and returns the core's JSON", () => {
  const policy = defaultPolicy();
  policy.version = 42;
  const d = decide(WECHAT, { policy });
  assert.equal(d.policy_version, 42);
  const text = decideJson(JSON.stringify(WECHAT), { policy: JSON.stringify(policy) });
  assert.equal(typeof text, "string");
  assert.equal(text, JSON.stringify(d), "the object stringifies to the core's JSON, byte for byte");
  assert.deepStrictEqual(decide(WECHAT, {}), decide(WECHAT, { policy: null }));
  assert.deepStrictEqual(decide(WECHAT, undefined), decide(WECHAT, null));
  assert.equal(decide(WECHAT, { explain: true }).shown[0].score.base, 80);
  assert.equal(JSON.parse(decideJson(JSON.stringify(WECHAT), { explain: true })).shown[0].score.base, 80);
  assert.equal(decide(WECHAT).shown[0].score, undefined);
  assert.equal(decide(WECHAT).preselected, "wechat_pay");
  const none = decide(WECHAT, { policy: { ...defaultPolicy(), preselect: "none" } });
  assert.equal(none.preselected, null, "no preselected rail is null, as in the core's JSON");
  assert.equal(none.exposure.checkout_id, null);
  // A fresh policy object each time.
  assert.equal(defaultPolicy().version, 1);
});

test("an Engine is built from an object or JSON text, takes updates of both, and can be freed", () => {
  const policy = defaultPolicy();
  policy.max_shown = 1;
  const engines = [new Engine(policy), Engine.fromPolicyJson(JSON.stringify(policy))];
  const updated = new Engine();
  updated.applyPolicy(policy);
  const updatedText = new Engine();
  updatedText.applyPolicyJson(JSON.stringify(policy));
  engines.push(updated, updatedText);
  for (const engine of engines) {
    for (let i = 0; i < 20; i++) {
      const context = { ...WECHAT, amount: 100 + i };
      const d = engine.decide(context);
      assert.equal(d.shown.length, 1);
      assert.equal(engine.decideJson(JSON.stringify(context)), JSON.stringify(d));
    }
    assert.equal(engine.detect("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X)").platform, "ios");
    engine.free();
  }
  const scoped = new Engine();
  assert.equal(scoped.decide({}).policy_version, 1);
  if (typeof Symbol.dispose === "symbol") {
    scoped[Symbol.dispose](); // what `using` calls
  } else {
    scoped.free();
  }
  assert.throws(() => scoped.decide({}), /freed/);
  assert.equal(decide(WECHAT).shown[0].rail, "wechat_pay", "a freed engine's misuse leaves the module alone");
  // A refused update keeps the current policy.
  const keeps = new Engine(policy);
  assertPayselError(() => keeps.applyPolicy({ ...policy, rails: [] }), "policy_invalid", "rails");
  assertPayselError(() => keeps.applyPolicyJson("{"), "policy_malformed", "");
  assert.equal(keeps.decide(WECHAT).shown.length, 1);
});

test("objects are written as JSON.stringify writes them: toJSON is honoured, undefined members dropped", () => {
  const withToJson = { probes: { toJSON: () => ({ apple_pay: "ready" }) }, platform: "ios", amount: undefined };
  assert.deepStrictEqual(decide(withToJson), decide({ probes: { apple_pay: "ready" }, platform: "ios" }));
  assert.deepStrictEqual(decide({ last_used: [new String("card")] }), decide({ last_used: ["card"] }));
});

// Every bad input is a case of tests/vectors/errors.json (errors.test.mjs
// and vectors.test.mjs run them); this checks what a list cannot: the
// position in the message of an error in JSON text.
test("errors in JSON text carry the position", () => {
  assert.match(
    (() => { try { decideJson('{\n  "amount": "1"}'); } catch (e) { return e.message; } })(),
    /line 2 column/,
  );
});

test("a paysel/signed engine takes policy updates, plain or signed, objects or text, and keeps its policy on error", () => {
  const { Engine } = signed;
  const vectors = JSON.parse(readFileSync(new URL("../../../tests/vectors/envelopes.json", import.meta.url), "utf8"));
  const valid = vectors.cases.find((c) => c.envelope !== undefined && c.expect !== undefined && c.min_version === undefined);
  assert.ok(valid, "envelopes.json has a valid envelope");
  const engine = new Engine();
  assert.equal(engine.signedVersion, undefined);
  const policy = defaultPolicy();
  policy.version = 5;
  engine.applyPolicy(policy);
  assert.equal(engine.decide({}).policy_version, 5);
  assertPayselError(() => engine.applyPolicy({ ...policy, rails: [] }), "policy_invalid", "rails", signed);
  assert.equal(engine.decide({}).policy_version, 5, "the engine kept its policy");
  const options = { now_unix_seconds: valid.now ?? 0 };
  engine.applySignedPolicy(valid.envelope, valid.trusted_keys, options);
  const version = JSON.parse(valid.envelope.policy).version;
  assert.equal(engine.signedVersion, version);
  assert.equal(engine.decide({}).policy_version, version);
  engine.applySignedPolicyJson(JSON.stringify(valid.envelope), valid.trusted_keys, options);
  assert.equal(engine.signedVersion, version);
  // Without options, "now" is the clock: this envelope is valid today.
  assert.equal(Engine.fromSignedPolicyJson(JSON.stringify(valid.envelope), valid.trusted_keys).signedVersion, version);
  assert.equal(Engine.fromSignedPolicy(valid.envelope, valid.trusted_keys).signedVersion, version);
  // A refused update keeps the signed policy (every refusal is a case of errors.json).
  assertPayselError(() => engine.applySignedPolicy(valid.envelope, [], options), "key_unknown", "key_id", signed);
  assert.equal(engine.decide({}).policy_version, version, "the engine kept the signed policy");
  engine.free();
});

test("paysel/signed is paysel plus signed policies, with the same answers", () => {
  for (const name of Object.keys(base)) {
    assert.equal(typeof signed[name], typeof base[name], `paysel/signed exports ${name}`);
  }
  for (const name of ["fromSignedPolicy", "fromSignedPolicyJson"]) {
    assert.equal(typeof signed.Engine[name], "function");
    assert.equal(base.Engine[name], undefined, "the default entry leaves Ed25519 out");
  }
  for (const name of ["applySignedPolicy", "applySignedPolicyJson", "signedVersion"]) {
    assert.ok(name in signed.Engine.prototype);
    assert.ok(!(name in base.Engine.prototype));
  }
  assert.deepStrictEqual(signed.decide(WECHAT, { explain: true }), decide(WECHAT, { explain: true }));
  assert.deepStrictEqual(signed.defaultPolicy(), defaultPolicy());
  assert.equal(signed.version(), version());
  const cjs = require("paysel/signed");
  assert.equal(typeof cjs.Engine.fromSignedPolicy, "function");
  assert.deepStrictEqual(cjs.decide(WECHAT), decide(WECHAT));
  // The two modules have separate memories: an engine of one works beside the other's.
  const a = new base.Engine();
  const b = new signed.Engine();
  assert.deepStrictEqual(a.decide(WECHAT), b.decide(WECHAT));
  a.free();
  b.free();
});

test("non-paysel errors are not PayselErrors", () => {
  assert.equal(isPayselError(new Error("x")), false);
  assert.equal(isPayselError({ name: "PayselError", code: "policy_malformed" }), false);
  assert.equal(isPayselError(undefined), false);
});

test("contextFromBrowser outside a browser gives a context decide accepts", () => {
  const context = contextFromBrowser();
  assert.equal(typeof context.probes, "object");
  assert.ok(decide(context));
  assert.ok(decide({ ...context, amount: 100, currency: "CNY" }));
});
