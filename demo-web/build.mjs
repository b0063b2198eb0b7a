// Builds the QA page into dist/: type-checks src/ against the npm package's
// generated .d.ts, bundles src/main.ts with the package's JS glue into
// dist/app.js, and copies the static files and the package's .wasm beside it.
//
// The package is read from ../bindings-wasm/pkg (built by `cargo xtask wasm`)
// through its package.json, the way an app that installed it would.
// Usage: node build.mjs

import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const pkgDir = resolve(here, "../bindings-wasm/pkg");
const dist = join(here, "dist");

const manifestPath = join(pkgDir, "package.json");
if (!existsSync(manifestPath)) {
  console.error(`demo-web: ${manifestPath} is missing; build the package first with: cargo xtask wasm`);
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
// The browser build's .wasm sits beside wasm-bindgen's glue, behind the
// package's trap guard (paysel.js).
const glueDir = join(pkgDir, "glue");
const wasm = existsSync(glueDir) ? readdirSync(glueDir).filter((f) => f.endsWith(".wasm")) : [];
if (wasm.length !== 1) {
  console.error(`demo-web: expected one .wasm in ${glueDir}, found ${wasm.length}: ${wasm.join(", ")}`);
  process.exit(1);
}

// Type-check against the package's generated declarations.
try {
  const tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin/tsc");
  execFileSync(process.execPath, [tsc, "--noEmit", "-p", here], {
    stdio: "inherit",
  });
} catch {
  console.error("demo-web: the type check failed (see above)");
  process.exit(1);
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
await build({
  entryPoints: [join(here, "src/main.ts")],
  bundle: true,
  format: "esm",
  platform: "browser",
  target: ["es2022", "chrome109", "safari15", "firefox115"],
  outfile: join(dist, "app.js"),
  alias: { paysel: pkgDir },
  define: { __PAYSEL_WASM__: JSON.stringify(wasm[0]) },
  sourcemap: "linked",
  minify: true,
  legalComments: "none",
  logLevel: "warning",
});
cpSync(join(here, "static"), dist, { recursive: true });
copyFileSync(join(glueDir, wasm[0]), join(dist, wasm[0]));
console.log(`demo-web: built dist/ with ${manifest.name}@${manifest.version} (${wasm[0]})`);
