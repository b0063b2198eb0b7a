// Drives Debian Chromium (through tools/browser.mjs; never a downloaded
// browser) to the benchmark page in the folder given as argv[2], served on
// 127.0.0.1, with the HTTP cache off so every run is cold. Prints the
// page's figures as one JSON object (medians of the cold runs).
import { launchChromium, serveStatic } from '../tools/browser.mjs';

const server = await serveStatic(process.argv[2]);
const url = `${server.url}/index.html`;
const runs = 5;
const browser = await launchChromium();
const results = [];
try {
  for (let i = 0; i < runs; i += 1) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.route('**/*', (route) => route.continue({ headers: { ...route.request().headers(), 'cache-control': 'no-cache' } }));
    await page.goto(url);
    await page.waitForFunction(() => window.__bench !== undefined || document.getElementById('status').textContent !== 'running…', null, { timeout: 60_000 });
    const figures = await page.evaluate(() => window.__bench);
    if (!figures || errors.length) throw new Error(`benchmark page failed: ${errors.join('; ')}`);
    results.push(figures);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pick = (f) => median(results.map(f));
console.log(JSON.stringify({
  runs,
  cold_start_ms: pick((r) => r.cold_start_ms),
  instantiate_ms: pick((r) => r.instantiate_ms),
  first_decide_ms: pick((r) => r.first_decide_ms),
  navigation_to_first_decision_ms: pick((r) => r.navigation_to_first_decision_ms),
  warm_decide_ns: {
    default: pick((r) => r.warm_decide_ns.default),
    '12_rails': pick((r) => r.warm_decide_ns['12_rails']),
  },
}));
