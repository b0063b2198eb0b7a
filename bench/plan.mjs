// The figures of issue 22 (decide on the server, pick on the phone), in
// one self-contained run against the built package (bindings-wasm/pkg):
//
// - size: `paysel/plan` gzipped (budget 1,000 B), the plan a server embeds
//   for an Android Chrome checkout, and what each kind of page loads;
// - Node: `plan` against one `decide` for the same context and policy,
//   over every context of tests/vectors/plans.json (budget: 20 times, for
//   the worst context), measured in alternating rounds so that a busy
//   machine slows both alike;
// - Chromium at 4x CPU throttling, cache off, a fresh context per load,
//   medians of 11 loads of four pages for the same checkout: the
//   server-rendered page (plan embedded as a JSON data block, `paysel/plan`
//   preloaded and imported) from the module's import to the picked
//   decision, with the real probe's own time apart (budget: 5 ms besides
//   the probes) and `pick`'s own work with probes that answer at once; the
//   same page importing `paysel/plan` statically, timed after the import;
//   the same page calling the probe by hand without `paysel/plan` (the floor of
//   what this machine measures besides a probe); and the full package from
//   its import to the first decision.
//
// Prints one JSON line: `{"figures": [{metric, value, unit, target}]}`,
// where target is `[comparison, bound]` or null, the shape of
// target/bench/report.json. `cargo xtask bench` runs it.
import { gzipSync } from "node:zlib";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { decide, plan } from "paysel";
import { launchChromium, serveStatic } from "../tools/browser.mjs";
import { perCall } from "./corpus.mjs";

const root = new URL("..", import.meta.url).pathname;
const pkg = `${root}bindings-wasm/pkg/`;
const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const figures = [];
const fig = (metric, value, unit, target = null) => figures.push({ metric, value, unit, target });


// --- Node: plan against decide, context by context -------------------------
const cases = JSON.parse(readFileSync(`${root}tests/vectors/plans.json`, "utf8")).cases.filter((c) => c.expect_plan);

const rows = cases.map((c) => {
  const options = { policy: typeof c.policy === "object" ? c.policy : undefined };
  const once = { decide: () => decide(c.context, options), plan: () => plan(c.context, options) };
  perCall(once.decide, 100);
  perCall(once.plan, 100);
  const rounds = Array.from({ length: 7 }, () => {
    const d = perCall(once.decide, 60);
    const p = perCall(once.plan, 60);
    return { d, p, ratio: p / d };
  });
  return {
    name: c.name,
    probes: c.expect_plan.probes.length,
    decide_ns: median(rounds.map((r) => r.d)),
    plan_ns: median(rounds.map((r) => r.p)),
    ratio: median(rounds.map((r) => r.ratio)),
  };
});
const worst = rows.reduce((a, b) => (b.ratio > a.ratio ? b : a));
for (const r of rows) console.error(`${r.name}: ${r.probes} probes, decide ${Math.round(r.decide_ns)} ns, plan ${Math.round(r.plan_ns)} ns, ${r.ratio.toFixed(2)}x`);
fig("plan.node_plan_vs_decide_worst_x", worst.ratio, "x", ["<=", 20]);
fig("plan.node_plan_vs_decide_median_x", median(rows.map((r) => r.ratio)), "x");
fig("plan.node_plan_ns_median", median(rows.map((r) => r.plan_ns)), "ns");
fig("plan.node_decide_ns_median", median(rows.map((r) => r.decide_ns)), "ns");

// --- Sizes ------------------------------------------------------------------
const ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36";
const context = { user_agent: ANDROID, currency: "USD", country: "US", amount: 4999 };
const planned = JSON.stringify(plan(context)).replace(/</g, "\\u003c");
const moduleBytes = readFileSync(`${pkg}plan.js`);
fig("plan.module_gzip_bytes", gz(moduleBytes), "bytes", ["<=", 1000]);
fig("plan.module_raw_bytes", moduleBytes.length, "bytes");
fig("plan.embedded_plan_gzip_bytes", gz(Buffer.from(planned)), "bytes");

// --- Chromium at 4x: the two pages ------------------------------------------
const site = `${root}target/bench/plan-site/`;
rmSync(site, { recursive: true, force: true });
mkdirSync(site, { recursive: true });
cpSync(`${pkg}plan.js`, `${site}plan.js`);
cpSync(`${pkg}paysel.js`, `${site}paysel.js`);
cpSync(`${pkg}glue`, `${site}glue`, { recursive: true });
const METHODS = `[{ supportedMethods: "https://google.com/pay", data: { apiVersion: 2, apiVersionMinor: 0 } }]`;
// The probe Chromium runs for real here is Payment Request's canMakePayment()
// on a new PaymentRequest; the page times it, from the constructor's call
// to the answer, by wrapping both before paysel/plan is imported. (Apple Pay
// has no API in Chromium and no Google Pay client is given: both answer
// unknown at once.)
// The same page with the probe called by hand and no paysel/plan is the
// floor: what timing one probe costs on this machine at 4x, jitter included.
const probePage = (withPlan, statically = false) => `${statically ? 'import { pick } from "./plan.js";' : ""}
const Real = PaymentRequest;
const canMakePayment = Real.prototype.canMakePayment;
let probeStart, probeEnd;
window.PaymentRequest = function (...args) {
  probeStart ??= performance.now();
  return new Real(...args);
};
Real.prototype.canMakePayment = function () {
  return canMakePayment.call(this).finally(() => { probeEnd = performance.now(); });
};
const t0 = performance.now();
${withPlan && !statically ? 'const { pick } = await import("./plan.js");' : ""}
const t1 = performance.now();
const planned = JSON.parse(document.getElementById("paysel-plan").textContent);
const methods = ${METHODS};
const details = { total: { label: "-", amount: { currency: "USD", value: "0" } } };
const decision = ${withPlan ? "await pick(planned, { paymentMethods: methods, timeout: 2000 })" : "(await new PaymentRequest(methods, details).canMakePayment(), planned.decisions[0])"};
const t2 = performance.now();
${withPlan ? `// paysel/plan's own work: picks with probes that answer at once.
window.PaymentRequest = class { canMakePayment() { return Promise.resolve(true); } };
const t3 = performance.now();
for (let i = 0; i < 100; i += 1) await pick(planned, { paymentMethods: methods, timeout: 60000 });
const pickMs = (performance.now() - t3) / 100;` : "const pickMs = 0;"}
window.__bench = { total_ms: t2 - t0, import_ms: t1 - t0, probe_ms: probeEnd - probeStart, pick_ms: pickMs, navigation_ms: t2, rails: decision.shown.map((s) => s.rail) };
`;
writeFileSync(`${site}plan-page.js`, probePage(true));
writeFileSync(`${site}bare-page.js`, probePage(false));
// As the example page does: paysel/plan imported statically, so that it
// loads with the page's own module and the timing starts after it.
writeFileSync(`${site}static-page.js`, probePage(true, true));
writeFileSync(
  `${site}full-page.js`,
  `const t0 = performance.now();
const paysel = await import("./paysel.js");
await paysel.default();
const decision = paysel.decide(${JSON.stringify(context)});
const t1 = performance.now();
window.__bench = { total_ms: t1 - t0, navigation_ms: t1, rails: decision.shown.map((s) => s.rail) };
`,
);
const html = (head) => `<!doctype html><meta charset="utf-8"><title>checkout</title>${head}<ol id="rails"></ol>\n`;
const planHtml = html(`<link rel="modulepreload" href="plan.js"><script type="application/json" id="paysel-plan">${planned}</script><script type="module" src="plan-page.js"></script>`);
writeFileSync(`${site}plan.html`, planHtml);
writeFileSync(`${site}static.html`, planHtml.replace("plan-page.js", "static-page.js"));
writeFileSync(`${site}bare.html`, planHtml.replace("plan-page.js", "bare-page.js").replace('<link rel="modulepreload" href="plan.js">', ""));
writeFileSync(`${site}full.html`, html(`<link rel="modulepreload" href="paysel.js"><script type="module" src="full-page.js"></script>`));

const loads = 11;
const server = await serveStatic(site);
const browser = await launchChromium();
async function load(page) {
  const runs = [];
  for (let i = 0; i < loads; i += 1) {
    const ctx = await browser.newContext({ userAgent: ANDROID });
    const tab = await ctx.newPage();
    const errors = [];
    tab.on("pageerror", (e) => errors.push(String(e)));
    const cdp = await ctx.newCDPSession(tab);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await tab.goto(`${server.url}/${page}`);
    await tab.waitForFunction(() => window.__bench !== undefined, null, { timeout: 60_000 });
    const result = await tab.evaluate(() => window.__bench);
    if (errors.length) throw new Error(`${page}: ${errors.join("; ")}`);
    runs.push(result);
    await ctx.close();
  }
  return runs;
}
let planRuns;
let fullRuns;
let bareRuns;
let staticRuns;
try {
  bareRuns = await load("bare.html");
  staticRuns = await load("static.html");
  planRuns = await load("plan.html");
  fullRuns = await load("full.html");
} finally {
  await browser.close();
  await server.close();
}
if (JSON.stringify(planRuns[0].rails) !== JSON.stringify(fullRuns[0].rails)) {
  // The bare page shows decisions[0] whatever the probe says: only its times count.
  throw new Error(`the two pages disagree: ${planRuns[0].rails} vs ${fullRuns[0].rails}`);
}
const overhead = planRuns.map((r) => r.total_ms - r.probe_ms);
fig("plan.chromium_4x_import_to_decision_ms", median(planRuns.map((r) => r.total_ms)), "ms");
fig("plan.chromium_4x_import_ms", median(planRuns.map((r) => r.import_ms)), "ms");
fig("plan.chromium_4x_navigation_ms", median(planRuns.map((r) => r.navigation_ms)), "ms");
fig("plan.chromium_4x_probes_ms", median(planRuns.map((r) => r.probe_ms)), "ms");
fig("plan.chromium_4x_besides_probes_ms", median(overhead), "ms", ["<=", 5]);
fig("plan.chromium_4x_besides_probes_min_ms", Math.min(...overhead), "ms");
fig("plan.chromium_4x_pick_instant_probes_ms", median(planRuns.map((r) => r.pick_ms)), "ms");
// The budget holds for both ways a page loads paysel/plan: statically, as
// the npm README's example does, and on demand, which adds fetching it.
fig("plan.chromium_4x_static_besides_probes_ms", median(staticRuns.map((r) => r.total_ms - r.probe_ms)), "ms", ["<=", 5]);
// The floor: the same page calling the probe by hand, without paysel/plan.
fig("plan.chromium_4x_floor_besides_probes_ms", median(bareRuns.map((r) => r.total_ms - r.probe_ms)), "ms");
fig("plan.chromium_4x_full_import_to_decision_ms", median(fullRuns.map((r) => r.total_ms)), "ms");
fig("plan.chromium_4x_full_navigation_ms", median(fullRuns.map((r) => r.navigation_ms)), "ms");
const file = (name) => gz(readFileSync(`${site}${name}`));
fig("plan.page_plan_gzip_bytes", file("plan.html") + file("plan.js"), "bytes");
fig("plan.page_full_gzip_bytes", file("paysel.js") + file("glue/paysel.js") + file("glue/paysel_bg.wasm"), "bytes");

console.log(JSON.stringify({ figures }));
