// The Vite app (built by `vite build` into target/vite-app) in headless
// Chromium (Debian's, through tools/browser.mjs; never a downloaded
// browser). Run by `cargo xtask test wasm`; serves the built app on
// 127.0.0.1 itself:
//
//   node vite-app/e2e.mjs [FOLDER, default target/vite-app]
//
// Each page must load its .wasm from Vite's emitted asset, decide, and log
// no error; a request outside the page's origin fails the test. The app is
// served under the strict Content Security Policy of a payment page (PCI DSS
// 4.0, requirement 6.4.3): no inline script, no eval, WebAssembly allowed by
// 'wasm-unsafe-eval' only. Any `securitypolicyviolation` fails the test; a
// last test serves the app without 'wasm-unsafe-eval' and must see one, so
// that the watch is known to work.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { launchChromium, serveStatic } from "../../../tools/browser.mjs";

const APP = process.argv[2] ?? fileURLToPath(new URL("../../../target/vite-app/", import.meta.url));
/** The policy the npm README documents for a checkout page. */
const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'";
const server = await serveStatic(APP, { headers: { "Content-Security-Policy": STRICT_CSP } });
const BASE = server.url;
const WECHAT_ANDROID =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.230 Mobile Safari/537.36 XWEB/1200055 MMWEBSDK/20240301 MMWEBID/1 MicroMessenger/8.0.48.2580(0x28003036) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64";
const browser = await launchChromium();

/** Opens `path` as a shopper in WeChat would, and returns what the page wrote. */
async function visit(path, base = BASE) {
  const { result, problems, wasm, violations } = await open(path, base);
  assert.deepEqual(violations, [], `${path}: Content Security Policy violations`);
  assert.deepEqual(problems, [], `${path}: the page had problems`);
  assert.equal(wasm.length, 1, `${path}: one .wasm request, from Vite's assets (${wasm.join(", ")})`);
  assert.match(wasm[0], /\/assets\/paysel_bg-[\w-]+\.wasm$/, `${path}: the .wasm is an emitted asset`);
  assert.equal(result.failed, undefined, `${path}: ${result.failed}`);
  return result;
}

/** Opens `path` and collects what the page wrote and what went wrong. */
async function open(path, base) {
  const context = await browser.newContext({ userAgent: WECHAT_ANDROID, serviceWorkers: "block" });
  const problems = [];
  const wasm = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (new URL(url).origin !== new URL(base).origin) {
      problems.push(`request outside the page's origin: ${url}`);
      return route.abort("blockedbyclient");
    }
    return route.continue();
  });
  // Every violation of the page's policy, as the page sees it.
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`),
    );
  });
  const page = await context.newPage();
  page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
    if (r.url().endsWith(".wasm")) wasm.push(r.url());
  });
  await page.goto(`${base}/${path}`);
  await page.waitForSelector("html[data-ready='true']", { timeout: 15000 });
  const result = JSON.parse(await page.textContent("#decision"));
  const violations = await page.evaluate(() => window.__violations);
  await context.close();
  return { result, problems, wasm, violations };
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

await test("the policy watch works: without 'wasm-unsafe-eval' the page reports a violation", async () => {
  const loose = STRICT_CSP.replace(" 'wasm-unsafe-eval'", "");
  const other = await serveStatic(APP, { headers: { "Content-Security-Policy": loose } });
  try {
    const { result, violations } = await open("index.html", other.url);
    assert.ok(violations.some((v) => v.startsWith("script-src")), `a script-src violation: ${violations.join("; ")}`);
    assert.match(result.failed ?? "", /CompileError|WebAssembly|Refused/, "and paysel could not load");
  } finally {
    await other.close();
  }
});

await browser.close();
await server.close();
console.log(failed === 0 ? "vite app: every test passed" : `vite app: ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
