// Builds the npm package `paysel` into pkg/ (gitignored), as `cargo xtask
// wasm` runs it once it has installed the wasm32 target and the
// wasm-bindgen CLI of the version Cargo.lock pins:
//
//   node bindings-wasm/build.mjs --wasm-bindgen BIN [--features F] [--out DIR]
//
// The package has two entries, each a build of this crate with its own
// .wasm: `paysel` (pkg/, every export but signed policies) and
// `paysel/signed` (pkg/signed/, the `signed` feature: Ed25519 verification
// for `Engine.fromSignedPolicy` and `applySignedPolicy`). For each entry:
//
// - glue/paysel.js + glue/paysel_bg.wasm (+ glue/snippets/): wasm-bindgen's
//   ESM glue (`--target web`) and the entry's one .wasm, which browsers,
//   bundlers and Node all load, shrunk by binaryen's wasm-opt;
// - paysel.js, node/index.mjs, node/paysel.js and the loaders' declarations,
//   from the templates in npm/entry/, with the trap guard (npm/entry/wrap.js)
//   put where a template says `@include wrap.js`;
// - paysel.d.ts: the API's types, from a `--target nodejs` run whose JS is
//   not shipped (wasm-bindgen's own loader declarations type the raw
//   WebAssembly exports with `any`).
//
// Then package.json (npm/package.json with the crate's version from `cargo
// metadata`), README.md, `paysel/plan` (npm/plan.js and plan.d.ts, shipped
// as written) and integrity.json. `--features trap-for-tests --out DIR` is
// the wasm lane's second build, for js-tests/test/trap.test.mjs.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");
const target = process.env.CARGO_TARGET_DIR ?? join(root, "target");
const { values: args } = parseArgs({
  options: {
    "wasm-bindgen": { type: "string", default: join(target, "tools/bin/wasm-bindgen") },
    features: { type: "string", default: "" },
    out: { type: "string", default: join(here, "pkg") },
  },
});
const pkg = resolve(args.out);
const extra = args.features.split(",").filter(Boolean);
const ENTRIES = [
  { name: "paysel", dir: pkg, features: [] },
  { name: "paysel/signed", dir: join(pkg, "signed"), features: ["signed"] },
];
// `-Oz` without inlining single-caller functions measured smallest gzipped
// (plain `-Oz` shrinks the raw file but grows the gzipped one).
const WASM_OPT_FLAGS = ["-Oz", "--one-caller-inline-max-function-size=0"];

function run(command, argv) {
  console.error(`$ ${[command, ...argv].join(" ")}`);
  execFileSync(command, argv, { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
}

/** binaryen's wasm-opt from npm (Debian's binaryen is too old for rustc's output); it runs under Node. */
function wasmOpt() {
  try {
    const manifest = createRequire(join(here, "js-tests/package.json")).resolve("binaryen/package.json");
    return join(dirname(manifest), "bin/wasm-opt");
  } catch (e) {
    if (["true", "1"].includes(process.env.CI)) throw new Error(`wasm-opt is unavailable: ${e.message}`);
    console.error(`warning: skipping wasm-opt (${e.message}; run npm ci at the repository root)`);
    return null;
  }
}

const gzipped = (file) => execFileSync("gzip", ["-9", "-c", file], { maxBuffer: 64 << 20 }).length;
const kb = (n) => `${n.toLocaleString("en-US")} B (${(n / 1024).toFixed(1)} KiB)`;
const files = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));

/** Copies the entry templates, with the trap guard where a template includes it; the guard is no file of its own. */
function copyTemplates(from, to, guard) {
  for (const e of readdirSync(from, { withFileTypes: true })) {
    if (e.isDirectory()) {
      mkdirSync(join(to, e.name), { recursive: true });
      copyTemplates(join(from, e.name), join(to, e.name), guard);
    } else if (e.name !== "wrap.js") {
      writeFileSync(join(to, e.name), readFileSync(join(from, e.name), "utf8").replaceAll("/* @include wrap.js */", () => guard));
    }
  }
}

function buildEntry(entry, opt) {
  const features = [...entry.features, ...extra];
  run(process.env.CARGO ?? "cargo", ["build", "--quiet", "--target", "wasm32-unknown-unknown", "--profile", "release-wasm", "-p", "paysel-wasm", ...(features.length ? ["--features", features.join(",")] : [])]);
  const wasm = join(target, "wasm32-unknown-unknown/release-wasm/paysel_wasm.wasm");
  const bindgen = (kind, out, keepNames) =>
    run(args["wasm-bindgen"], [
      ...["--target", kind, "--out-name", "paysel"],
      // `__wbg_reset_state`, with which the trap guard replaces a trapped instance.
      "--experimental-reset-state-function",
      ...["--out-dir", out, wasm],
      ...(keepNames ? ["--keep-debug"] : ["--remove-name-section", "--remove-producers-section"]),
      ...(kind === "web" ? ["--no-typescript"] : []),
    ]);
  const glue = join(entry.dir, "glue");
  bindgen("web", glue, false);
  // A build with extra features has its own scratch folder, so that the
  // trap-test build keeps the shipped build's named copy.
  const scratch = join(target, "paysel-wasm-build", ...extra, entry.name);
  rmSync(scratch, { recursive: true, force: true });
  bindgen("nodejs", join(scratch, "types"), false);
  // The reset function is the guard's, not the API's.
  const types = readFileSync(join(scratch, "types/paysel.d.ts"), "utf8").split("\n");
  if (types.at(-1) === "") types.pop();
  const api = types.map((l) => l.replace(/\r$/, "")).filter((l) => !l.includes("__wbg_reset_state"));
  writeFileSync(join(entry.dir, "paysel.d.ts"), api.map((l) => `${l}\n`).join(""));
  const templates = join(here, "npm/entry");
  copyTemplates(templates, entry.dir, readFileSync(join(templates, "wrap.js"), "utf8"));
  // The ESM entry names its exports; the test build has one more.
  if (features.includes("trap-for-tests")) appendFileSync(join(entry.dir, "paysel.js"), "export const { __trapForTests } = paysel;\n");
  if (!opt) return;
  const shipped = join(glue, "paysel_bg.wasm");
  const [raw, gz] = [statSync(shipped).size, gzipped(shipped)];
  run("node", [opt, ...WASM_OPT_FLAGS, shipped, "-o", shipped]);
  console.error(`${entry.name}: wasm-opt ${WASM_OPT_FLAGS.join(" ")}: paysel_bg.wasm ${kb(raw)} -> ${kb(statSync(shipped).size)} raw, ${kb(gz)} -> ${kb(gzipped(shipped))} gzipped`);
  // The shipped build also leaves a copy with function names, the same code
  // as the shipped file, for `cargo xtask bench`'s twiggy breakdown
  // (bench/sizes.mjs).
  if (extra.length === 0) {
    bindgen("web", join(scratch, "named"), true);
    const named = join(scratch, "named/paysel_bg.wasm");
    run("node", [opt, ...WASM_OPT_FLAGS, "-g", named, "-o", named]);
  }
}

/** The Subresource Integrity hash (SHA-384) of every file a browser loads for each entry: its module and its glue folder. */
function integrity() {
  const sri = (file) => `sha384-${createHash("sha384").update(readFileSync(file)).digest("base64")}`;
  const loaded = (dir) => [join(dir, "paysel.js"), ...files(join(dir, "glue"))].sort();
  const hashes = Object.fromEntries(ENTRIES.map((e) => [e.name, Object.fromEntries(loaded(e.dir).map((f) => [relative(pkg, f), sri(f)]))]));
  writeFileSync(join(pkg, "integrity.json"), `${JSON.stringify(hashes, null, 2)}\n`);
}

function version() {
  const metadata = JSON.parse(execFileSync(process.env.CARGO ?? "cargo", ["metadata", "--no-deps", "--format-version", "1"], { cwd: root, encoding: "utf8", maxBuffer: 64 << 20 }));
  return metadata.packages.find((p) => p.name === "paysel-wasm").version;
}

rmSync(pkg, { recursive: true, force: true });
const opt = wasmOpt();
for (const entry of ENTRIES) buildEntry(entry, opt);
for (const file of ["package.json", "README.md", "plan.js", "plan.d.ts"]) copyFileSync(join(here, "npm", file), join(pkg, file));
const manifest = join(pkg, "package.json");
writeFileSync(manifest, readFileSync(manifest, "utf8").replaceAll("0.0.0-template", version()));
integrity();
console.error(`built the npm package in ${pkg}`);
