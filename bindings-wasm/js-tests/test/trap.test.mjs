// A trapped instance recovers. `cargo xtask test wasm` builds a second copy
// of the package with the crate's `trap-for-tests` feature into
// target/paysel-trap-pkg/; its `__trapForTests()` overflows the stack, a
// trap after which every call into that instance traps again. Through the
// package's entries, the trapping call throws a WebAssembly.RuntimeError,
// the module is re-instantiated, the next call answers, and Engines made
// before rebuild themselves from the last policy they accepted. The shipped
// package must not have the export.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { existsSync, readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const trapPkg = new URL("../../../target/paysel-trap-pkg/", import.meta.url);
const shippedPkg = new URL(".", pathToFileURL(require.resolve("paysel/package.json")));
const WECHAT = { host: "wechat", platform: "android", currency: "CNY", amount: 1200 };

assert.ok(existsSync(new URL("package.json", trapPkg)), `no trap-test build in ${trapPkg.pathname}: run cargo xtask test wasm`);

const entries = {
  "paysel (ESM)": await import(new URL("node/index.mjs", trapPkg)),
  "paysel (CommonJS)": require(new URL("node/paysel.js", trapPkg).pathname),
  "paysel/signed (ESM)": await import(new URL("signed/node/index.mjs", trapPkg)),
};

/** Every `.wasm` of a package folder, by path. */
const wasmFiles = (pkg) => ["glue/", "signed/glue/"].map((dir) => new URL(`${dir}paysel_bg.wasm`, pkg));

const exportsOf = (file) => WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(file))).map((e) => e.name);

test("the trap export exists in the test build only", () => {
  for (const file of wasmFiles(trapPkg)) {
    assert.ok(exportsOf(file).some((n) => n.includes("trapForTests")), `${file.pathname} has the test export`);
  }
  for (const file of wasmFiles(shippedPkg)) {
    const names = exportsOf(file);
    assert.ok(names.some((n) => n === "decide"), `${file.pathname} is a paysel module`);
    assert.ok(!names.some((n) => /trap/i.test(n)), `${file.pathname} must not have a trap export`);
  }
});

test("without the guard the trap kills the instance: every later raw call traps", async () => {
  // The raw glue, the same instance the entries wrap.
  const glue = await import(new URL("glue/paysel.js", trapPkg));
  const guarded = entries["paysel (CommonJS)"];
  assert.throws(() => glue.__trapForTests(), WebAssembly.RuntimeError);
  assert.throws(() => glue.decide(WECHAT), WebAssembly.RuntimeError, "the raw instance is dead");
  // The first guarded call meets the dead instance, throws, and resets it.
  assert.throws(() => guarded.decide(WECHAT), WebAssembly.RuntimeError);
  assert.equal(guarded.decide(WECHAT).shown[0].rail, "wechat_pay");
  assert.equal(glue.decide(WECHAT).shown[0].rail, "wechat_pay", "the glue has a new instance");
});

for (const [name, paysel] of Object.entries(entries)) {
  test(`${name}: after a trap the next call answers, and engines keep their policy`, () => {
    const policy = { ...paysel.defaultPolicy(), version: 7 };
    const fromObject = new paysel.Engine(policy);
    const fromText = paysel.Engine.fromPolicyJson(JSON.stringify({ ...policy, version: 8 }));
    const updated = new paysel.Engine();
    updated.applyPolicy({ ...policy, version: 9 });
    const plain = new paysel.Engine();
    const before = paysel.decide(WECHAT);
    for (let round = 0; round < 3; round++) {
      assert.throws(() => paysel.__trapForTests(), WebAssembly.RuntimeError);
      assert.deepStrictEqual(paysel.decide(WECHAT), before, "the next call answers");
      assert.equal(fromObject.decide({}).policy_version, 7);
      assert.equal(fromText.decide({}).policy_version, 8);
      assert.equal(updated.decide({}).policy_version, 9);
      assert.equal(plain.decide({}).policy_version, 1);
      assert.equal(JSON.parse(updated.decideJson("{}")).policy_version, 9);
      assert.equal(paysel.detect("Mozilla/5.0 MicroMessenger/8.0").host, "wechat");
      assertPayselErrorStillTyped(paysel);
    }
    for (const engine of [fromObject, fromText, updated, plain]) engine.free();
  });
}

test("paysel/signed: a signed engine rebuilds with its signed policy, its rollback floor and a later plain policy", () => {
  const paysel = entries["paysel/signed (ESM)"];
  const vectors = JSON.parse(readFileSync(new URL("../../../tests/vectors/envelopes.json", import.meta.url), "utf8"));
  const valid = vectors.cases.find((c) => c.envelope !== undefined && c.expect !== undefined && c.min_version === undefined);
  const version = JSON.parse(valid.envelope.policy).version;
  const signedOnly = paysel.Engine.fromSignedPolicy(valid.envelope, valid.trusted_keys, { now_unix_seconds: valid.now ?? 0 });
  const thenPlain = paysel.Engine.fromSignedPolicyJson(JSON.stringify(valid.envelope), valid.trusted_keys);
  thenPlain.applyPolicy({ ...paysel.defaultPolicy(), version: 3 });
  assert.throws(() => paysel.__trapForTests(), WebAssembly.RuntimeError);
  assert.equal(signedOnly.signedVersion, version);
  assert.equal(signedOnly.decide({}).policy_version, version);
  assert.equal(thenPlain.decide({}).policy_version, 3, "the plain policy applied after the signed one");
  assert.equal(thenPlain.signedVersion, version, "the rollback floor survives");
});

/** Errors are still typed PayselErrors after a reset. */
function assertPayselErrorStillTyped(paysel) {
  assert.throws(
    () => paysel.decide({ amount: "1" }),
    (e) => paysel.isPayselError(e) && e.code === "context_malformed" && e.path === "amount",
  );
}
