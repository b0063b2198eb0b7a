// The Vite app (built by `vite build` into target/vite-app) in headless
// Chromium (Debian's, through tools/browser.mjs; never a downloaded
// browser). Run by `cargo xtask test wasm`; serves the built app on
// 127.0.0.1 itself:
//
//   node vite-app/e2e.mjs [FOLDER, default target/vite-app]
//
// Each page must load its .wasm from Vite's emitted asset, decide, and log
// no error; a request outside the page's origin fails the test.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { launchChromium, serveStatic } from "../../../tools/browser.mjs";

const server = await serveStatic(process.argv[2] ?? fileURLToPath(new URL("../../../target/vite-app/", import.meta.url)));
const BASE = server.url;
const WECHAT_ANDROID =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.230 Mobile Safari/537.36 XWEB/1200055 MMWEBSDK/20240301 MMWEBID/1 MicroMessenger/8.0.48.2580(0x28003036) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64";
const browser = await launchChromium();

/** Opens `path` as a shopper in WeChat would, and returns what the page wrote. */
async function visit(path) {
  const context = await browser.newContext({ userAgent: WECHAT_ANDROID, serviceWorkers: "block" });
  const problems = [];
  const wasm = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (new URL(url).origin !== new URL(BASE).origin) {
      problems.push(`request outside the page's origin: ${url}`);
      return route.abort("blockedbyclient");
    }
    return route.continue();
  });
  const page = await context.newPage();
  page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
    if (r.url().endsWith(".wasm")) wasm.push(r.url());
  });
  await page.goto(`${BASE}/${path}`);
  await page.waitForSelector("html[data-ready='true']", { timeout: 15000 });
  const result = JSON.parse(await page.textContent("#decision"));
  await context.close();
  assert.deepEqual(problems, [], `${path}: the page had problems`);
  assert.equal(wasm.length, 1, `${path}: one .wasm request, from Vite's assets (${wasm.join(", ")})`);
  assert.match(wasm[0], /\/assets\/paysel_bg-[\w-]+\.wasm$/, `${path}: the .wasm is an emitted asset`);
  assert.equal(result.failed, undefined, `${path}: ${result.failed}`);
  return result;
}

let failed = 0;
async function test(name, fn) {
  try {
    await fn();
    console.log(`ok - ${name}`);
  } catch (e) {
    failed += 1;
    console.log(`not ok - ${name}\n  ${e.message.replaceAll("\n", "\n  ")}`);
  }
}

await test("paysel in a Vite page decides for the real browser", async () => {
  const { decision, error } = await visit("index.html");
  assert.deepEqual(decision.environment, { platform: "android", form_factor: "mobile", host: "wechat" });
  assert.deepEqual(decision.shown[0], { rail: "wechat_pay", launch: "in_host_bridge", placement: "score" });
  assert.equal(decision.preselected, "wechat_pay");
  assert.ok(decision.hidden.some((h) => h.rail === "alipay" && h.reason === "host_blocks_rail"));
  assert.equal(error, "context_malformed amount");
});

await test("paysel/signed in a Vite page verifies a signed policy", async () => {
  const vectors = JSON.parse(readFileSync(new URL("../../../tests/vectors/envelopes.json", import.meta.url), "utf8"));
  const valid = vectors.cases.find((c) => c.envelope !== undefined && c.expect !== undefined && c.min_version === undefined);
  assert.ok(valid, "envelopes.json has a valid envelope");
  const fragment = encodeURIComponent(JSON.stringify({ envelope: valid.envelope, trusted_keys: valid.trusted_keys, now: valid.now ?? 0 }));
  const { signed_version, decision } = await visit(`signed.html#${fragment}`);
  const version = JSON.parse(valid.envelope.policy).version;
  assert.equal(signed_version, version);
  assert.equal(decision.policy_version, version);
});

await browser.close();
await server.close();
console.log(failed === 0 ? "vite app: every test passed" : `vite app: ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
