// Cold loads in Debian Chromium (through tools/browser.mjs; never a
// downloaded browser). The repository is served from 127.0.0.1 as it is.
// paysel and ua-parser-js are each loaded as a web app ships them, bundled
// by esbuild into one minified module (paysel's .wasm beside it, as Vite
// emits it); paysel is also loaded unbundled from bindings-wasm/pkg/ as
// built (its entry, glue and snippet are three module requests). Each
// load gets a fresh browser context; the DevTools protocol turns the HTTP
// cache off and throttles the CPU (1x, and 4x as a stand-in for a low-end
// Android phone); no request is intercepted. Parts are timed inside the page
// (browser/cold.js) and reported as medians.
//
// `coldLoads({ runs })` resolves to
// `{ runs, paysel: {"1x": parts, "4x": parts}, paysel_unbundled, ua_parser_js, warm_decide_ns }`.
import { copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { launchChromium, serveStatic } from '../tools/browser.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** `contents` as a web app ships it (esbuild, ESM, minified) into target/bench/`out`. */
async function bundle(contents, out) {
  await build({
    stdin: { contents, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'js' },
    bundle: true, minify: true, format: 'esm', platform: 'browser', outfile: `${root}target/bench/${out}`,
  });
}

async function bundleLibraries() {
  await bundle("export { UAParser } from 'ua-parser-js';", 'ua-parser-js.mjs');
  // The glue finds its .wasm beside the module (new URL(..., import.meta.url)).
  await bundle("export * from '../bindings-wasm/pkg/paysel.js'; export { default } from '../bindings-wasm/pkg/paysel.js';", 'paysel/paysel.mjs');
  copyFileSync(`${root}bindings-wasm/pkg/glue/paysel_bg.wasm`, `${root}target/bench/paysel/paysel_bg.wasm`);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function coldLoads({ runs = 9 } = {}) {
  await bundleLibraries();
  const server = await serveStatic(root);
  const browser = await launchChromium();
  /** One cold load of `query`, at `rate`x CPU: the page's figures. */
  async function load(query, rate) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      await page.goto(`${server.url}/bench/browser/cold.html?${query}`);
      await page.waitForFunction(() => window.__bench !== undefined, null, { timeout: 120_000 });
      const figures = await page.evaluate(() => window.__bench);
      if (figures.failed || errors.length) throw new Error(`cold load (${query}, ${rate}x) failed: ${figures.failed ?? ''} ${errors.join('; ')}`);
      return figures;
    } finally {
      await context.close();
    }
  }
  const out = { runs, paysel: {}, paysel_unbundled: {}, ua_parser_js: {} };
  try {
    for (const rate of [1, 4]) {
      const kinds = [['paysel', 'lib=paysel'], ['paysel_unbundled', 'lib=paysel-package'], ['ua_parser_js', 'lib=ua-parser-js']];
      for (const [name, query] of kinds) {
        const loads = [];
        for (let i = 0; i < runs; i += 1) loads.push(await load(query, rate));
        out[name][`${rate}x`] = Object.fromEntries(Object.keys(loads[0]).map((k) => [k, median(loads.map((l) => l[k]))]));
      }
    }
    out.warm_decide_ns = (await load('lib=paysel&warm=1', 1)).warm_decide_ns;
  } finally {
    await browser.close();
    await server.close();
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await coldLoads({ runs: Number(process.argv[2] ?? 9) })));
}
