// `paysel/plan` in headless Chromium, run by `cargo xtask test wasm` with
// `node --test plan/browser.mjs` (not part of the Node-only `node --test`):
//
// 1. Every plan vector (tests/vectors/plans.json): the built `plan.js`
//    picks, in the page, with stand-ins of the probe APIs answering each
//    key in every way an answer can be unknown; the picked decision must be
//    `decide`'s (the packed package, in Node) on the context with that key's
//    probes (`expect_plan_probes`).
// 2. Chromium's own APIs where it has them: no stand-ins, so Apple Pay is
//    missing (unknown), no Google Pay client is given (unknown) and
//    Payment Request answers for itself; the pick must be `decide`'s for
//    the answer Chromium gave.
// 3. The worked example (ssr/server.mjs): the server plans from the
//    request's User-Agent, the page picks; loaded with an iPhone and an
//    Android User-Agent under the page's strict Content-Security-Policy, the
//    rails it shows, its preselection and its exposure event must be
//    `decide`'s, with no WebAssembly fetched and no policy violation.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { decide } from "paysel";
import { launchChromium, serveStatic } from "../../../tools/browser.mjs";
import { UNKNOWN_WAYS, answersOf } from "./stubs.mjs";
import { checkoutServer } from "../ssr/server.mjs";

const file = new URL("../../../tests/vectors/plans.json", import.meta.url);
const cases = JSON.parse(readFileSync(file, "utf8")).cases.filter((c) => c.expect_plan);
const options = (c) => ({ policy: typeof c.policy === "object" ? c.policy : undefined });
const GOOGLE_PAY = [{ supportedMethods: "https://google.com/pay", data: { apiVersion: 2, apiVersionMinor: 0 } }];

let browser;
let site;
before(async () => {
  browser = await launchChromium();
  // bindings-wasm/: the built package in pkg/, the stand-ins in js-tests/plan/.
  site = await serveStatic(new URL("../../", import.meta.url).pathname);
});
after(async () => {
  await browser?.close();
  await site?.close();
});

async function blankPage() {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${site.url}/js-tests/plan/index.html`);
  return { page, errors };
}

test("every plan vector picks decide's decision with stand-in probe APIs", async () => {
  const { page, errors } = await blankPage();
  let picks = 0;
  for (const c of cases) {
    const plan = c.expect_plan;
    const runs = [];
    for (let key = 0; key < plan.pick.length; key += 1) {
      const answers = answersOf(key, plan.probes);
      const ways = Object.values(answers).includes("unknown") ? UNKNOWN_WAYS.length : 1;
      for (let way = 0; way < ways; way += 1) runs.push({ key, way, answers });
    }
    const picked = await page.evaluate(
      async ({ plan, runs }) => {
        const { pick } = await import("/pkg/plan.js");
        const { stub } = await import("/js-tests/plan/stubs.mjs");
        const out = [];
        for (const run of runs) out.push(await pick(plan, stub(run.answers, run.way)));
        return out;
      },
      { plan, runs },
    );
    for (const [i, { key, way }] of runs.entries()) {
      const expected = decide({ ...c.context, probes: c.expect_plan_probes[key] }, options(c));
      assert.deepEqual(picked[i], expected, `${c.name}: key ${key}, unknown ${UNKNOWN_WAYS[way]}`);
      picks += 1;
    }
  }
  assert.deepEqual(errors, []);
  assert.ok(picks > 100, `only ${picks} picks`);
  await page.close();
});

/** Chromium's own answer to canMakePayment() for `methods`, as the picker reads it. */
async function chromiumAnswer(page, methods) {
  return page.evaluate(async (methods) => {
    try {
      const details = { total: { label: "-", amount: { currency: "USD", value: "0" } } };
      const yes = await new PaymentRequest(methods, details).canMakePayment();
      return yes === true ? "yes" : yes === false ? "no" : "unknown";
    } catch {
      return "unknown";
    }
  }, methods);
}

/** The key of `answers` (probe name to "yes", "no" or "unknown") in `probes` order. */
const keyOf = (answers, probes) => probes.reduce((key, p) => key * 3 + ["yes", "no", "unknown"].indexOf(answers[p]), 0);

test("Chromium's own probe APIs: the pick is decide's for the answers Chromium gives", async () => {
  const planned = cases.filter((c) => c.expect_plan.probes.includes("payment_request"));
  assert.ok(planned.some((c) => c.expect_plan.probes.length === 3));
  for (const c of planned) {
    const { page, errors } = await blankPage();
    const picked = await page.evaluate(async ({ plan, methods }) => {
      const { pick } = await import("/pkg/plan.js");
      return pick(plan, { paymentMethods: methods, timeout: 2000 });
    }, { plan: c.expect_plan, methods: GOOGLE_PAY });
    const real = await chromiumAnswer(page, GOOGLE_PAY);
    const answers = { apple_pay: "unknown", google_pay: "unknown", payment_request: real };
    const key = keyOf(answers, c.expect_plan.probes);
    const expected = decide({ ...c.context, probes: c.expect_plan_probes[key] }, options(c));
    assert.deepEqual(picked, expected, `${c.name}: Payment Request answered ${real}`);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
const ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36";

/** Loads the example's checkout with `userAgent`, optionally with an Apple Pay stand-in. */
async function checkout(url, userAgent, applePay) {
  const context = await browser.newContext({ userAgent });
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  // Chromium logs that it cannot fetch Google's payment method manifest:
  // these machines are offline. Anything else logged as an error fails.
  const offline = /^Unable to download payment manifest "https:\/\/google\.com\/pay"/;
  page.on("console", (m) => m.type() === "error" && !offline.test(m.text()) && errors.push(m.text()));
  page.on("request", (r) => requests.push(new URL(r.url()).pathname));
  await page.addInitScript((applePay) => {
    document.addEventListener("securitypolicyviolation", (e) => {
      window.violations = [...(window.violations ?? []), e.violatedDirective];
    });
    if (applePay !== undefined) window.ApplePaySession = { canMakePayments: () => applePay };
  }, applePay);
  await page.goto(url);
  await page.waitForSelector("html[data-ready]", { timeout: 10_000 });
  const shown = await page.$$eval("#rails li", (items) =>
    items.map((li) => ({ rail: li.textContent, launch: li.dataset.launch, preselected: li.dataset.preselected !== undefined })),
  );
  const exposure = await page.evaluate(() => window.payselExposure);
  const violations = await page.evaluate(() => window.violations ?? []);
  const real = await chromiumAnswer(page, GOOGLE_PAY);
  await context.close();
  return { shown, exposure, violations, errors, requests, real };
}

test("the server-rendered example shows decide's rails on an iPhone and an Android phone", async () => {
  const server = checkoutServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}/`;
  try {
    const base = { currency: "USD", country: "US", amount: 4999 };
    const loads = [
      // No ApplePaySession in Chromium, no Google Pay client: both unknown.
      [IPHONE, undefined, () => ({})],
      // canMakePayments() true means `supported` (see the core's Probe).
      [IPHONE, true, () => ({ apple_pay: "supported" })],
      // Payment Request answers for itself; Google Pay stays unknown.
      [ANDROID, undefined, (real) => ({ payment_request: { yes: "ready", no: "not_ready", unknown: "unknown" }[real] })],
    ];
    for (const [userAgent, applePay, probes] of loads) {
      const got = await checkout(url, userAgent, applePay);
      const expected = decide({ ...base, user_agent: userAgent, probes: probes(got.real) });
      const label = `${userAgent.slice(13, 40)} apple_pay stand-in ${applePay}`;
      assert.deepEqual(
        got.shown,
        expected.shown.map((s) => ({ rail: s.rail, launch: s.launch, preselected: s.rail === expected.preselected })),
        label,
      );
      assert.deepEqual(got.exposure, expected.exposure, label);
      assert.deepEqual(got.violations, [], `${label}: CSP violations`);
      assert.deepEqual(got.errors, [], label);
      assert.deepEqual(got.requests, ["/", "/checkout.js", "/paysel/plan.js"], `${label}: what the page loads`);
    }
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
