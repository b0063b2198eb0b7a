// Minified and gzipped sizes of the peer libraries, bundled the same way a
// web app would ship them (esbuild, ESM, minified), next to paysel's files.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const gz = (buf) => gzipSync(buf, { level: 9 }).length;

async function bundled(entry) {
  const out = await build({
    stdin: { contents: entry, resolveDir: new URL('.', import.meta.url).pathname, loader: 'js' },
    bundle: true, minify: true, format: 'esm', write: false, platform: 'browser',
  });
  const bytes = out.outputFiles[0].contents;
  return { min: bytes.length, gzip: gz(bytes) };
}

const pkg = new URL('../bindings-wasm/pkg/', import.meta.url);
// One npm entry's browser files: `paysel` in pkg/, `paysel/signed` in pkg/signed/.
function entry(dir) {
  const wasm = readFileSync(new URL('paysel_bg.wasm', dir));
  const glue = readFileSync(new URL('paysel.js', dir));
  return { wasm_raw: wasm.length, wasm_gzip: gz(wasm), glue_raw: glue.length, glue_gzip: gz(glue) };
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
console.log(JSON.stringify({
  paysel: entry(pkg),
  paysel_signed: entry(new URL('signed/', pkg)),
  ua_parser_js: { version: version('ua-parser-js'), ...(await bundled("export { UAParser } from 'ua-parser-js';")) },
  inapp_spy: { version: version('inapp-spy'), ...(await bundled("export { default } from 'inapp-spy';")) },
}));
