// The package's JS surface as users meet it: entry points, bad input from JS
// (every bad value must throw a typed PayselError and leave the module
// working), and the Engine's lifecycle.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import init, {
  Engine,
  contextFromBrowser,
  decide,
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

/** `fn` throws a PayselError with `code` (and `path`), and `entry` works after it. */
function assertPayselError(fn, code, path, entry = base) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof Error, "instanceof Error");
    assert.ok(isPayselError(e));
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
  assert.equal(typeof cjs.decide, "function");
  assert.deepStrictEqual(cjs.decide(WECHAT), decide(WECHAT));
  assert.deepStrictEqual(cjs.detect("Mozilla/5.0 MicroMessenger/8.0"), detect("Mozilla/5.0 MicroMessenger/8.0"));
  assert.equal(cjs.version(), version());
  try {
    cjs.decide({ amount: "1" });
    assert.fail("must throw");
  } catch (e) {
    assert.ok(e instanceof Error && e.name === "PayselError" && e.code === "context_malformed");
  }
});

test("the package's files are what package.json says", () => {
  const manifest = JSON.parse(readFileSync(new URL("../node_modules/paysel/package.json", import.meta.url), "utf8"));
  assert.equal(manifest.name, "paysel");
  assert.equal(manifest.version, version());
  assert.equal(manifest.type, "module");
});

test("decide takes objects or JSON text, with any policy form", () => {
  const fromText = decide(JSON.stringify(WECHAT));
  assert.deepStrictEqual(fromText, decide(WECHAT));
  const policy = defaultPolicy();
  policy.version = 42;
  const d = decide(WECHAT, policy);
  assert.equal(d.policy_version, 42);
  assert.deepStrictEqual(decide(WECHAT, JSON.stringify(policy)), d);
  assert.deepStrictEqual(decide(WECHAT, undefined), decide(WECHAT, null));
  assert.equal(decide(WECHAT, null, { explain: true }).shown[0].score.base, 80);
  assert.equal(decide(WECHAT).shown[0].score, undefined);
  // A fresh policy object each time.
  assert.equal(defaultPolicy().version, 1);
});

test("Engine reuses a policy and can be freed", () => {
  const policy = defaultPolicy();
  policy.max_shown = 1;
  const engine = new Engine(policy);
  for (let i = 0; i < 100; i++) {
    const d = engine.decide({ ...WECHAT, amount: 100 + i });
    assert.equal(d.shown.length, 1);
  }
  assert.equal(engine.detect("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X)").platform, "ios");
  engine.free();
  const scoped = new Engine();
  assert.equal(scoped.decide({}).policy_version, 1);
  if (typeof Symbol.dispose === "symbol") {
    scoped[Symbol.dispose](); // what `using` calls
  } else {
    scoped.free();
  }
});

test("bad context values throw typed errors", () => {
  const cycle = {};
  cycle.self = cycle;
  const cases = [
    [undefined, "context_malformed", ""],
    [null, "context_malformed", ""],
    [42, "context_malformed", ""],
    [true, "context_malformed", ""],
    [[1], "context_malformed", ""],
    [() => ({}), "context_malformed", ""],
    ["{", "context_malformed"],
    ["", "context_malformed"],
    [{ colour: "red" }, "context_malformed", "colour"],
    [{ currency: 156 }, "context_malformed", "currency"],
    [{ amount: "100" }, "context_malformed", "amount"],
    [{ amount: Number.NaN }, "context_malformed", "amount"],
    [{ amount: Infinity }, "context_malformed", "amount"],
    [{ amount: 10n }, "context_malformed", "amount"],
    [{ amount: 12.5 }, "context_malformed", "amount"],
    [{ amount: -1 }, "context_malformed", "amount"],
    [{ platform: "ios", probes: { apple_pay: true } }, "context_malformed", "probes.apple_pay"],
    [{ last_used: ["card", 7] }, "context_malformed", "last_used[1]"],
    [{ probes: cycle }, "context_malformed", "probes.self"],
    [{ currency: "cny" }, "context_invalid", "currency"],
    ["x".repeat(1 << 20), "limit_exceeded", ""],
    [{ user_agent: "x".repeat(1 << 20) }, "limit_exceeded", ""],
    [{ user_agent: "x".repeat(4000) }, "limit_exceeded", "user_agent"],
  ];
  for (const [context, code, path] of cases) {
    assertPayselError(() => decide(context), code, path);
    assertPayselError(() => new Engine().decide(context), code, path);
  }
  assertPayselError(() => decide(), "context_malformed", "");
  assertPayselError(
    () => decide({ get amount() { throw new Error("boom"); } }),
    "context_malformed",
    "amount",
  );
});

test("bad policies throw typed errors", () => {
  const cyclic = defaultPolicy();
  cyclic.boosts[0].self = cyclic.boosts[0];
  const cases = [
    [cyclic, "policy_malformed", "boosts[0].self"],
    [{ ...defaultPolicy(), colour: 1 }, "policy_malformed", "colour"],
    [{ ...defaultPolicy(), version: "1" }, "policy_malformed", "version"],
    [{ ...defaultPolicy(), version: Number.NaN }, "policy_malformed", "version"],
    [{ ...defaultPolicy(), schema: "paysel.policy/2" }, "policy_schema_unsupported", "schema"],
    [{ ...defaultPolicy(), rails: [] }, "policy_invalid", "rails"],
    [7, "policy_malformed", ""],
    ["not json", "policy_malformed"],
    ["x".repeat(1 << 20), "limit_exceeded", ""],
  ];
  for (const [policy, code, path] of cases) {
    assertPayselError(() => new Engine(policy), code, path);
    assertPayselError(() => decide({}, policy), code, path);
  }
});

test("bad options, hints and User-Agents throw typed errors", () => {
  assertPayselError(() => decide({}, null, { explain: "yes" }), "context_malformed", "options.explain");
  assertPayselError(() => decide({}, null, { explian: true }), "context_malformed", "options.explian");
  assertPayselError(() => decide({}, null, "explain"), "context_malformed", "options");
  assert.ok(decide({}, null, {}));
  assert.ok(decide({}, null, null));
  assertPayselError(() => detect(42), "context_malformed", "user_agent");
  assertPayselError(() => detect(undefined), "context_malformed", "user_agent");
  assertPayselError(() => detect("x".repeat(1 << 20)), "limit_exceeded", "user_agent");
  assertPayselError(() => detect("x".repeat(2049)), "limit_exceeded", "user_agent");
  assert.ok(detect("x".repeat(2048)));
  assertPayselError(() => detect("Mozilla/5.0", { ua_mobile: "yes" }), "context_malformed", "hints.ua_mobile");
  assertPayselError(() => detect("Mozilla/5.0", { tuch: true }), "context_malformed", "hints.tuch");
  assertPayselError(() => detect("Mozilla/5.0", 5), "context_malformed", "hints");
  assert.ok(detect("Mozilla/5.0", null));
});

test("a paysel/signed engine takes policy updates, plain or signed, and keeps its policy on error", () => {
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
  // Without options, "now" is the clock: this envelope is valid today.
  assert.equal(Engine.fromSignedPolicy(JSON.stringify(valid.envelope), valid.trusted_keys).signedVersion, version);
  assertPayselError(
    () => engine.applySignedPolicy(valid.envelope, [{ key_id: "k", public_key: 5 }], options),
    "key_invalid",
    "trusted_keys[0].public_key",
    signed,
  );
  assertPayselError(() => engine.applySignedPolicy(valid.envelope, "keys", options), "key_invalid", "trusted_keys", signed);
  assertPayselError(
    () => engine.applySignedPolicy(valid.envelope, valid.trusted_keys, { now_unix_seconds: "now" }),
    "envelope_malformed",
    "options.now_unix_seconds",
    signed,
  );
  assertPayselError(
    () => engine.applySignedPolicy({ ...valid.envelope, signature: 1 }, valid.trusted_keys, options),
    "envelope_malformed",
    "signature",
    signed,
  );
  assertPayselError(
    () => engine.applySignedPolicy(valid.envelope, [], options),
    "key_unknown",
    undefined,
    signed,
  );
  assert.equal(engine.decide({}).policy_version, version, "the engine kept the signed policy");
  engine.free();
});

test("paysel/signed is paysel plus signed policies, with the same answers", () => {
  for (const name of Object.keys(base)) {
    assert.equal(typeof signed[name], typeof base[name], `paysel/signed exports ${name}`);
  }
  assert.equal(typeof signed.Engine.fromSignedPolicy, "function");
  assert.equal(typeof signed.Engine.prototype.applySignedPolicy, "function");
  // The default entry leaves Ed25519 out (see bindings-wasm/README.md).
  assert.equal(base.Engine.fromSignedPolicy, undefined);
  assert.equal(base.Engine.prototype.applySignedPolicy, undefined);
  assert.deepStrictEqual(signed.decide(WECHAT, null, { explain: true }), decide(WECHAT, null, { explain: true }));
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
