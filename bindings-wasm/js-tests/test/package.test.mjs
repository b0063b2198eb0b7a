// The packed package (`npm pack`, as a registry would serve it): one .wasm
// per entry, loaded by Node and browsers alike, and integrity.json holding
// the SHA-384 of every file a browser loads for each entry, checked against
// the packed files themselves.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const pkg = fileURLToPath(new URL("../../pkg/", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "paysel-pack-"));
const [{ filename }] = JSON.parse(execFileSync("npm", ["pack", "--json", "--pack-destination", dir, pkg], { encoding: "utf8" }));
execFileSync("tar", ["-xzf", join(dir, filename), "-C", dir]);
const packed = join(dir, "package");
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));

const files = (d) => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(d, e.name)) : [join(d, e.name)]));
const all = files(packed).map((f) => relative(packed, f));

test("the tarball carries one .wasm per entry", () => {
  assert.deepEqual(all.filter((f) => f.endsWith(".wasm")).sort(), ["glue/paysel_bg.wasm", "signed/glue/paysel_bg.wasm"]);
  // Node's entries load the browser's file, not a copy of their own.
  for (const entry of ["node/index.mjs", "signed/node/index.mjs"]) {
    assert.match(readFileSync(join(packed, entry), "utf8"), /\.\.\/glue\/paysel_bg\.wasm/);
  }
});

test("integrity.json has the SHA-384 of every file a browser loads, as packed", () => {
  const integrity = JSON.parse(readFileSync(join(packed, "integrity.json"), "utf8"));
  assert.deepEqual(Object.keys(integrity), ["paysel", "paysel/signed"]);
  for (const [entry, prefix] of [["paysel", ""], ["paysel/signed", "signed/"]]) {
    const loaded = all.filter((f) => f === `${prefix}paysel.js` || (f.startsWith(`${prefix}glue/`) && !f.startsWith("signed/") === (prefix === "")));
    assert.deepEqual(Object.keys(integrity[entry]).sort(), loaded.sort(), `${entry}: the files it loads`);
    assert.ok(loaded.some((f) => f.endsWith(".wasm")) && loaded.some((f) => f.endsWith("glue/paysel.js")));
    for (const [file, hash] of Object.entries(integrity[entry])) {
      const actual = `sha384-${createHash("sha384").update(readFileSync(join(packed, file))).digest("base64")}`;
      assert.equal(hash, actual, file);
    }
  }
});
