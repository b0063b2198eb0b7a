// What a page downloads: each npm entry's files as a browser loads them
// (the entry module, the glue and its snippets, the .wasm), gzipped; the
// packed tarball; the peers bundled the way a web app ships them (esbuild,
// ESM, minified); and, with twiggy, where each entry's .wasm bytes are
// (breakdown.mjs, on the copy with names that `cargo xtask wasm` keeps).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { breakdown } from './breakdown.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = join(root, 'bindings-wasm/pkg');
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
// The package's files as the budgets count them and the wasm lane checks
// them: `gzip -9` (GNU gzip, a few hundred bytes smaller than zlib's level 9
// on the .wasm).
const gzipFile = (file) => execFileSync('gzip', ['-9', '-c', file], { maxBuffer: 64 << 20 }).length;

async function bundled(entry) {
  const out = await build({
    stdin: { contents: entry, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'js' },
    bundle: true, minify: true, format: 'esm', write: false, platform: 'browser',
  });
  const bytes = out.outputFiles[0].contents;
  return { min: bytes.length, gzip: gz(bytes) };
}

// The installed version of a peer: the package.json above its entry (the
// peers do not export their package.json, and npm may hoist them).
function version(name) {
  for (let dir = dirname(createRequire(import.meta.url).resolve(name)); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name: found, version } = JSON.parse(readFileSync(manifest, 'utf8'));
      if (found === name) return version;
    }
  }
  throw new Error(`no package.json for ${name}`);
}

/** One entry's browser files, from the package's integrity.json (the list of what a browser loads). */
function entry(name) {
  const files = Object.keys(JSON.parse(readFileSync(join(pkg, 'integrity.json'), 'utf8'))[name]);
  const sum = (list, f) => list.reduce((n, file) => n + f(join(pkg, file)), 0);
  const wasm = files.filter((f) => f.endsWith('.wasm'));
  const js = files.filter((f) => f.endsWith('.js'));
  if (wasm.length !== 1 || js.length < 2) throw new Error(`${name}: unexpected files ${files.join(', ')}`);
  const out = {
    files,
    wasm_raw: sum(wasm, (f) => readFileSync(f).length),
    wasm_gzip: sum(wasm, gzipFile),
    js_raw: sum(js, (f) => readFileSync(f).length),
    js_gzip: sum(js, gzipFile),
  };
  return { ...out, total_gzip: out.wasm_gzip + out.js_gzip };
}

/** The .wasm with function names the build keeps for this breakdown. */
const named = (name) => join(root, 'target/paysel-wasm-build', name, 'named/paysel_bg.wasm');

/** `npm pack` of the package, without writing the tarball. */
function tarball() {
  const [out] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', pkg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  return { packed: out.size, unpacked: out.unpackedSize, files: out.entryCount, wasm_files: out.files.filter((f) => f.path.endsWith('.wasm')).length };
}

export async function sizes({ twiggy } = {}) {
  const entries = { paysel: entry('paysel'), 'paysel/signed': entry('paysel/signed') };
  for (const name of Object.keys(entries)) {
    if (!existsSync(named(name))) throw new Error(`no named copy of ${name}'s .wasm at ${named(name)}: run cargo xtask wasm`);
    if (twiggy) entries[name].breakdown = breakdown(twiggy, named(name));
  }
  return {
    entries,
    tarball: tarball(),
    ua_parser_js: { version: version('ua-parser-js'), ...(await bundled("export { UAParser } from 'ua-parser-js';")) },
    inapp_spy: { version: version('inapp-spy'), ...(await bundled("export { default } from 'inapp-spy';")) },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await sizes({ twiggy: process.argv[2] })));
}
