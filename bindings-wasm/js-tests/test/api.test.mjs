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

const cycle = {};
cycle.self = cycle;

test("values JSON cannot carry are refused with their path, as objects and in JSON text", () => {
  const cases = [
    [{ amount: Number.NaN }, "context_malformed", "amount"],
    [{ amount: Infinity }, "context_malformed", "amount"],
    [{ region_tier: -Infinity }, "context_malformed", "region_tier"],
    [{ amount: 10n }, "context_malformed", "amount"],
    [{ last_used: ["card", 10n] }, "context_malformed", "last_used[1]"],
    [{ probes: cycle }, "context_malformed", "probes.self"],
    [{ currency: "\ud800" }, "context_malformed", "currency"],
    [{ user_agent: "Mozilla \udfff" }, "context_malformed", "user_agent"],
    [{ get amount() { throw new Error("boom"); } }, "context_malformed", ""],
    [{ probes: { toJSON: () => ({}) } }, "context_malformed", "probes.toJSON"],
  ];
  for (const [context, code, path] of cases) {
    assertPayselError(() => decide(context), code, path);
    assertPayselError(() => new Engine().decide(context), code, path);
  }
  const policy = defaultPolicy();
  assertPayselError(() => new Engine({ ...policy, version: Number.NaN }), "policy_malformed", "version");
  assertPayselError(() => new Engine({ ...policy, version: 1n }), "policy_malformed", "version");
  const cyclic = defaultPolicy();
  cyclic.boosts[0].self = cyclic.boosts[0];
  assertPayselError(() => new Engine(cyclic), "policy_malformed", "boosts[0].self");
  // JSON text has no NaN, BigInt or cycles; a lone surrogate escape is refused too.
  assertPayselError(() => decideJson('{"amount":NaN}'), "context_malformed", "amount");
  assertPayselError(() => decideJson('{"currency":"\\ud800"}'), "context_malformed", "currency");
});

test("bad contexts throw typed errors, as objects and as JSON text", () => {
  const cases = [
    [undefined, "context_malformed", ""],
    [null, "context_malformed", ""],
    [42, "context_malformed", ""],
    [true, "context_malformed", ""],
    [[1], "context_malformed", ""],
    [() => ({}), "context_malformed", ""],
    ["{}", "context_malformed", ""],
    [{ colour: "red" }, "context_malformed", "colour"],
    [{ currency: 156 }, "context_malformed", "currency"],
    [{ amount: "100" }, "context_malformed", "amount"],
    [{ amount: 12.5 }, "context_malformed", "amount"],
    [{ amount: -1 }, "context_invalid", "amount"],
    [{ platform: "ios", probes: { apple_pay: true } }, "context_malformed", "probes.apple_pay"],
    [{ last_used: ["card", 7] }, "context_malformed", "last_used[1]"],
    [{ last_used: [...Array(16).fill("a"), 7] }, "limit_exceeded", "last_used"],
    [{ currency: "cny" }, "context_invalid", "currency"],
    [{ user_agent: "x".repeat(4000) }, "limit_exceeded", "user_agent"],
  ];
  for (const [context, code, path] of cases) {
    assertPayselError(() => decide(context), code, path);
    assertPayselError(() => new Engine().decide(context), code, path);
    const text = JSON.stringify(context);
    if (typeof text === "string" && typeof context === "object" && context !== null && !Array.isArray(context)) {
      assertPayselError(() => decideJson(text), code, path);
    }
  }
  assertPayselError(() => decide(), "context_malformed", "");
  assertPayselError(() => decideJson("{"), "context_malformed", "");
  assertPayselError(() => decideJson("[1,2"), "context_malformed", "");
  assertPayselError(() => decideJson({}), "context_malformed", "");
  assertPayselError(() => decideJson("x".repeat(1 << 20)), "limit_exceeded", "");
  assert.match(
    (() => { try { decideJson('{\n  "amount": "1"}'); } catch (e) { return e.message; } })(),
    /line 2 column/,
    "errors in JSON text carry the position",
  );
});

test("bad policies throw typed errors, as objects and as JSON text", () => {
  const cases = [
    [{ ...defaultPolicy(), colour: 1 }, "policy_malformed", "colour"],
    [{ ...defaultPolicy(), version: "1" }, "policy_malformed", "version"],
    [{ ...defaultPolicy(), schema: "paysel.policy/2" }, "policy_schema_unsupported", "schema"],
    [{ version: 1, rails: [{ id: "card" }] }, "policy_malformed", "schema"],
    [{ ...defaultPolicy(), rails: [] }, "policy_invalid", "rails"],
    [{ ...defaultPolicy(), version: -1 }, "policy_invalid", "version"],
  ];
  for (const [policy, code, path] of cases) {
    assertPayselError(() => new Engine(policy), code, path);
    assertPayselError(() => decide({}, { policy }), code, path);
    assertPayselError(() => Engine.fromPolicyJson(JSON.stringify(policy)), code, path);
    assertPayselError(() => decideJson("{}", { policy: JSON.stringify(policy) }), code, path);
  }
  assertPayselError(() => new Engine(7), "policy_malformed", "");
  assertPayselError(() => new Engine("{}"), "policy_malformed", "");
  assertPayselError(() => Engine.fromPolicyJson("not json"), "policy_malformed", "");
  assertPayselError(() => Engine.fromPolicyJson("x".repeat(1 << 20)), "limit_exceeded", "");
  assertPayselError(() => Engine.fromPolicyJson({}), "policy_malformed", "");
});

test("bad options, hints and User-Agents are options_invalid, with a path that names the argument", () => {
  assertPayselError(() => decide({}, { explain: "yes" }), "options_invalid", "options.explain");
  assertPayselError(() => decide({}, { explian: true }), "options_invalid", "options.explian");
  assertPayselError(() => decide({}, "explain"), "options_invalid", "options");
  assertPayselError(() => decideJson("{}", { policy: {} }), "options_invalid", "options.policy");
  assertPayselError(() => new Engine().decide({}, { policy: null }), "options_invalid", "options.policy");
  assertPayselError(() => new Engine().decideJson("{}", { explain: 1 }), "options_invalid", "options.explain");
  assert.ok(decide({}, {}));
  assert.ok(decide({}, null));
  assertPayselError(() => detect(42), "options_invalid", "user_agent");
  assertPayselError(() => detect(undefined), "options_invalid", "user_agent");
  assertPayselError(() => detect("x".repeat(1 << 20)), "limit_exceeded", "user_agent");
  assertPayselError(() => detect("x".repeat(2049)), "limit_exceeded", "user_agent");
  assert.ok(detect("x".repeat(2048)));
  assertPayselError(() => detect("Mozilla/5.0", { ua_mobile: "yes" }), "options_invalid", "hints.ua_mobile");
  assertPayselError(() => detect("Mozilla/5.0", { tuch: true }), "options_invalid", "hints.tuch");
  assertPayselError(() => detect("Mozilla/5.0", 5), "options_invalid", "hints");
  assertPayselError(() => detect("Mozilla/5.0", { ua_platform: "x".repeat(65) }), "limit_exceeded", "hints.ua_platform");
  assert.ok(detect("Mozilla/5.0", null));
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
  const signedCases = [
    [() => engine.applySignedPolicy(valid.envelope, [{ key_id: "k", public_key: 5 }], options), "options_invalid", "trusted_keys[0].public_key"],
    [() => engine.applySignedPolicy(valid.envelope, "keys", options), "options_invalid", "trusted_keys"],
    [() => engine.applySignedPolicy(valid.envelope, null, options), "options_invalid", "trusted_keys"],
    [() => engine.applySignedPolicy(valid.envelope, [{ key_id: "k", public_key: "AAAA" }], options), "key_invalid", "trusted_keys[0].public_key"],
    [() => engine.applySignedPolicy(valid.envelope, valid.trusted_keys, { now_unix_seconds: "now" }), "options_invalid", "options.now_unix_seconds"],
    [() => engine.applySignedPolicy(valid.envelope, valid.trusted_keys, { now_unix_seconds: 10n }), "options_invalid", "options.now_unix_seconds"],
    [() => engine.applySignedPolicy({ ...valid.envelope, signature: 1 }, valid.trusted_keys, options), "envelope_malformed", "signature"],
    [() => engine.applySignedPolicy({ ...valid.envelope, alg: "x" }, valid.trusted_keys, options), "envelope_malformed", "alg"],
    [() => engine.applySignedPolicyJson("{", valid.trusted_keys, options), "envelope_malformed", ""],
    [() => engine.applySignedPolicy(valid.envelope, [], options), "key_unknown", "key_id"],
  ];
  for (const [fn, code, path] of signedCases) assertPayselError(fn, code, path, signed);
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
