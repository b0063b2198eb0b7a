// Writes the package's integrity.json: the Subresource Integrity hash
// (SHA-384) of every file a browser loads for each entry, for pages that
// pin them (see the README's "Strict pages" section). Run by
// `cargo xtask wasm` on the built package folder:
//
//   node integrity.mjs PKG_DIR
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const pkg = process.argv[2];
const files = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
// What a browser loads for an entry: its module, and its glue folder (the
// glue module, its snippets and the .wasm).
const loaded = (dir) => [join(dir, "paysel.js"), ...files(join(dir, "glue"))].sort();
const sri = (file) => `sha384-${createHash("sha384").update(readFileSync(file)).digest("base64")}`;
const entry = (dir) => Object.fromEntries(loaded(dir).map((f) => [relative(pkg, f), sri(f)]));
const integrity = { paysel: entry(pkg), "paysel/signed": entry(join(pkg, "signed")) };
writeFileSync(join(pkg, "integrity.json"), `${JSON.stringify(integrity, null, 2)}\n`);
