// End-to-end test of the QA page in headless Chromium (Debian's, through
// tools/browser.mjs; never a downloaded browser).
//
//   node e2e/e2e.mjs                  serves dist/ itself on 127.0.0.1
//   DEMO_URL=http://127.0.0.1:PORT node e2e/e2e.mjs   tests a running server
//
// `cargo xtask test demo` builds the page and runs this. Every test fails
// when the page logs a console error, throws, gets an HTTP error, or
// requests anything outside its own origin. Screenshots go to
// SCREENSHOT_DIR (target/demo-screenshots/). Ends with `N passed, N failed`.

import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium, serveStatic } from "../../tools/browser.mjs";

const server = process.env.DEMO_URL ? null : await serveStatic(fileURLToPath(new URL("../dist/", import.meta.url)));
const BASE = (process.env.DEMO_URL ?? server.url).replace(/\/$/, "");
const ORIGIN = new URL(BASE).origin;
const SHOTS = process.env.SCREENSHOT_DIR ?? "screenshots";
mkdirSync(SHOTS, { recursive: true });

const UA_WECHAT_IOS =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.44(0x18002c2d) NetType/WIFI Language/zh_CN";

// axe-core, the accessibility rules engine, evaluated in the page through
// the DevTools protocol (the page's CSP forbids injected script tags).
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

class Failure extends Error {}

function check(ok, message) {
  if (!ok) throw new Failure(message);
}

function eq(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  check(a === e, `${what}: expected ${e}, got ${a}`);
}

/** Polls `fn` (async, returns truthy when done) for up to `ms`. */
async function until(fn, what, ms = 5000) {
  const end = Date.now() + ms;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Failure(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const browser = await launchChromium();

/**
 * A fresh browser context and page that record every problem the page has:
 * console errors, uncaught exceptions, HTTP errors and off-origin requests.
 */
async function open(options = {}) {
  const context = await browser.newContext({ serviceWorkers: "block", viewport: { width: 1280, height: 900 }, ...options });
  const problems = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (new URL(url).origin !== ORIGIN) {
      problems.push(`request outside the page's origin: ${url}`);
      return route.abort("blockedbyclient");
    }
    return route.continue();
  });
  context.on("request", (req) => {
    const url = req.url();
    if (!url.startsWith("data:") && !url.startsWith("blob:") && new URL(url).origin !== ORIGIN) {
      problems.push(`request outside the page's origin: ${url}`);
    }
  });
  const page = await context.newPage();
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`uncaught: ${err.message}`));
  page.on("response", (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  page.on("requestfailed", (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText ?? ""}`));
  return { context, page, problems };
}

/** Loads the page (optionally at a hash) and waits for the engine. */
async function load(page, hash = "") {
  await page.goto(`${BASE}/${hash}`);
  await page.waitForSelector("html[data-ready='true']", { timeout: 15000 });
}

async function preset(page, name) {
  await page.getByRole("button", { name }).click();
}

/** The shown rails as `rail:launch` and the hidden ones as `rail:reason`. */
async function decisionState(page) {
  return page.evaluate(() => ({
    shown: [...document.querySelectorAll("#shown-rails > li")].map((li) => `${li.dataset.rail}:${li.dataset.launch}`),
    hidden: [...document.querySelectorAll("#hidden-rails > li")].map((li) => `${li.dataset.rail}:${li.dataset.reason}`),
    preselected: document.querySelector("#shown-rails input:checked")?.value ?? null,
  }));
}

async function shot(page, name, fullPage = true) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

/**
 * `paysel capabilities --json`, as the build wrote it beside the page: the
 * core's own list of cells and sources, which the page's menus and matrix
 * are checked against (the test keeps no list of its own).
 */
async function catalogue() {
  const res = await fetch(`${BASE}/capabilities.json`);
  check(res.ok, `capabilities.json: HTTP ${res.status}`);
  const data = await res.json();
  check(Array.isArray(data.cells) && data.cells.length >= 50, `capabilities.json has ${data.cells?.length} cells`);
  return {
    cells: data.cells,
    sources: new Map(data.sources.map((s) => [s.key, s])),
    hosts: [...new Set(data.cells.flatMap((c) => c.hosts))].sort(),
    rails: [...new Set(data.cells.map((c) => c.rail))],
  };
}

/** Every evidence line on the page: where it is, the rail, its level, source and badge text. */
async function evidenceLines(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("#shown-rails > li, #hidden-rails > li")].map((li) => {
      const line = li.querySelector(".evidence");
      return {
        list: li.closest("#shown-rails") ? "shown" : "hidden",
        rail: li.dataset.rail,
        level: line?.dataset.level ?? null,
        source: line?.dataset.source ?? null,
        badge: line?.querySelector(".level")?.textContent ?? null,
        href: line?.querySelector("a.source-link")?.getAttribute("href") ?? null,
      };
    }),
  );
}

const BADGES = { documented: "Documented", reported: "Reported", assumed: "Assumed", policy: "Your policy" };

const tests = [];
function test(name, fn) {
  tests.push({ name, fn });
}

// ------------------------------------------------------------------ tests

test("loads without errors and shows the engine version", async () => {
  const { context, page, problems } = await open();
  await load(page);
  const version = await page.textContent("#version");
  check(/^paysel \d+\.\d+\.\d+/.test(version ?? ""), `version line: ${version}`);
  check((await page.title()).startsWith("paysel QA"), "title");
  await context.close();
  return problems;
});

test("WeChat preset: WeChat Pay first through the in-host bridge, Alipay hidden by the host", async () => {
  const { context, page, problems } = await open();
  await load(page);
  await preset(page, "Desktop (Windows, CNY)");
  await until(async () => (await decisionState(page)).shown[0]?.endsWith(":qr_code"), "the desktop decision");
  await preset(page, "Inside WeChat (Android, CNY)");
  const state = await until(async () => {
    const s = await decisionState(page);
    return s.shown[0] === "wechat_pay:in_host_bridge" ? s : null;
  }, "WeChat Pay first");
  eq(state.preselected, "wechat_pay", "preselected rail");
  check(state.hidden.includes("alipay:host_blocks_rail"), `alipay hidden by the host: ${state.hidden}`);
  const first = page.locator("#shown-rails > li").first();
  const firstText = await first.innerText();
  check(firstText.includes("WeChat Pay") && /preselected/i.test(firstText), `first rail text: ${firstText}`);
  check(firstText.includes("Pays inside WeChat through its in-app bridge"), `launch words: ${firstText}`);
  check(/Ranked by score: \d+ = 80 weight \+ 100 in-host bonus/.test(firstText), `why line: ${firstText}`);
  const alipay = await page.locator("#hidden-rails > li[data-rail='alipay']").innerText();
  check(alipay.includes("Treated as blocked inside WeChat"), `alipay sentence: ${alipay}`);
  check(alipay.includes("the wechat host blocks alipay"), `alipay detail: ${alipay}`);
  check((await page.getByRole("button", { name: "Inside WeChat (Android, CNY)" }).getAttribute("aria-pressed")) === "true", "preset pressed");
  const json = JSON.parse((await page.textContent("#decision-json")) ?? "{}");
  eq(json.shown?.[0]?.rail, "wechat_pay", "decision JSON first rail");
  const exposure = JSON.parse((await page.textContent("#exposure-json")) ?? "{}");
  eq(exposure.preselected, "wechat_pay", "exposure preselected");
  check(!("subject_id" in exposure) && !("user_agent" in exposure), "exposure carries no subject id or UA");
  await shot(page, "wechat-desktop");
  await context.close();
  return problems;
});

test("a broken policy shows its code and JSON path inline, and the last decision greyed out", async () => {
  const { context, page, problems } = await open();
  await load(page);
  await preset(page, "Inside WeChat (Android, CNY)");
  const policy = page.locator("#policy");
  const good = await policy.inputValue();
  const broken = good.replace('"weight": 85', '"weight": "heavy"');
  check(broken !== good, "the default policy has alipay's weight 85");
  await policy.fill(broken);
  const error = page.locator("#policy-error");
  await error.waitFor({ state: "visible" });
  const text = await error.innerText();
  check(text.includes("policy_malformed"), `error code: ${text}`);
  check(text.includes("rails[0].weight"), `error path: ${text}`);
  eq(await policy.getAttribute("aria-invalid"), "true", "policy aria-invalid");
  const banner = await page.locator("#decision-error").innerText();
  check(banner.includes("No decision") && banner.includes("policy_malformed"), `decision banner: ${banner}`);
  check(await page.locator("#decision-body.stale").isVisible(), "last decision greyed out");
  eq((await decisionState(page)).shown[0], "wechat_pay:in_host_bridge", "the greyed decision is the last good one");
  check(((await page.textContent("#policy-status")) ?? "").includes("Invalid"), "policy status");
  // The error's line and column take the caret there.
  await page.getByRole("button", { name: /^Go to line \d+, column \d+$/ }).click();
  const caret = await policy.evaluate((t) => t.value.slice(t.selectionStart - 7, t.selectionStart + 7));
  check(caret.includes('"heavy"'), `caret near the error: ${caret}`);
  await shot(page, "policy-error");

  // A rule violation (not a type error) reports policy_invalid with its path.
  await policy.fill(good.replace('"id": "unionpay"', '"id": "alipay"'));
  await until(async () => (await error.innerText()).includes("policy_invalid"), "policy_invalid");
  check((await error.innerText()).includes("rails["), `policy_invalid path: ${await error.innerText()}`);

  await page.getByRole("button", { name: "Reset to the default policy" }).click();
  await error.waitFor({ state: "hidden" });
  check(!(await page.locator("#decision-body.stale").count()), "decision live again after reset");
  await context.close();
  return problems;
});

test("a context error names the field, and the field is marked invalid", async () => {
  const { context, page, problems } = await open();
  await load(page);
  await page.getByLabel("Currency", { exact: true }).fill("cny");
  const error = page.locator("#context-error");
  await error.waitFor({ state: "visible" });
  const text = await error.innerText();
  check(text.includes("context_invalid") && text.includes("currency"), `context error: ${text}`);
  eq(await page.getByLabel("Currency", { exact: true }).getAttribute("aria-invalid"), "true", "currency aria-invalid");
  await page.getByLabel("Currency", { exact: true }).fill("CNY");
  await error.waitFor({ state: "hidden" });
  await page.getByLabel("Amount (minor units)").fill("12a");
  await until(async () => (await error.innerText()).includes("amount"), "amount error");
  await context.close();
  return problems;
});

test("a shared link restores the same case (context, edited policy, decision)", async () => {
  const first = await open();
  const { page } = first;
  await load(page);
  await preset(page, "Inside Taobao (Android)");
  await page.getByLabel("Last-used rails").fill("unionpay, card");
  await page.getByLabel("Subject id").fill("shopper-42");
  const policy = page.locator("#policy");
  await policy.fill((await policy.inputValue()).replace('"max_shown": 5', '"max_shown": 2'));
  await until(async () => ((await page.textContent("#policy-status")) ?? "").includes("Edited"), "edited policy");
  const before = await until(async () => {
    const s = await decisionState(page);
    return s.hidden.some((h) => h.endsWith(":over_display_limit")) ? s : null;
  }, "a rail over the display limit");
  await page.getByLabel("Explain scores").uncheck();
  await until(async () => !(await page.locator("#shown-rails").innerText()).includes("weight"), "no scores without explain");
  const url = await page.locator("#share-url").inputValue();
  check(url.startsWith(`${BASE}/#c=`) && url.includes("&p=") && url.endsWith("&x=0"), `share URL: ${url}`);
  eq(page.url(), url, "the address bar carries the case too");
  const policyBefore = await policy.inputValue();

  const second = await open();
  await load(second.page, url.slice(BASE.length + 1));
  const after = await decisionState(second.page);
  eq(after.shown[0], before.shown[0], "same first rail");
  eq(after, before, "same shown, hidden and preselected");
  eq(await second.page.locator("#policy").inputValue(), policyBefore, "same policy text");
  eq(await second.page.getByLabel("Last-used rails").inputValue(), "unionpay, card", "last-used restored");
  eq(await second.page.getByLabel("Host", { exact: true }).inputValue(), "taobao", "host restored");
  eq(await second.page.getByLabel("Subject id").inputValue(), "shopper-42", "subject restored");
  eq(await second.page.getByLabel("Explain scores").isChecked(), false, "explain restored");
  eq(await second.page.textContent("#decision-json"), await page.textContent("#decision-json"), "same decision JSON");
  await shot(second.page, "shared-link");

  // A cut-off link says so instead of failing silently.
  const third = await open();
  await load(third.page, "#c=eyJob3N0Ijoid2Vj");
  const banner = third.page.locator("#link-error");
  await banner.waitFor({ state: "visible" });
  check((await banner.innerText()).includes("could not be restored"), "bad link banner");
  for (const c of [first, second, third]) await c.context.close();
  return [...first.problems, ...second.problems, ...third.problems];
});

test("the User-Agent box detects a pasted UA and applies it to the context", async () => {
  const { context, page, problems } = await open();
  await load(page);
  await preset(page, "Desktop (Windows, CNY)");
  await page.getByLabel("User-Agent", { exact: true }).fill(UA_WECHAT_IOS);
  await page.getByRole("button", { name: "Detect" }).click();
  const result = page.locator("#ua-detection");
  await result.waitFor();
  const text = await result.innerText();
  check(text.includes("(wechat)") && text.includes("(ios)") && text.includes("8.0.44"), `detection: ${text}`);
  await shot(page, "ua-detect", false);
  await page.getByRole("button", { name: "Apply to context" }).click();
  eq(await page.getByLabel("Host", { exact: true }).inputValue(), "wechat", "host applied");
  eq(await page.getByLabel("Platform", { exact: true }).inputValue(), "ios", "platform applied");
  eq(await page.getByLabel("Form factor", { exact: true }).inputValue(), "mobile", "form factor applied");
  eq((await decisionState(page)).shown[0], "wechat_pay:in_host_bridge", "decision follows the UA");
  // An oversized UA reports the core's limit error with its path.
  await page.getByLabel("User-Agent", { exact: true }).fill("x".repeat(3000));
  await page.getByRole("button", { name: "Detect" }).click();
  await until(async () => ((await page.locator("#ua-result").innerText()) ?? "").includes("limit_exceeded"), "limit error");
  await context.close();
  return problems;
});

test("'Use this browser' fills the context from contextFromBrowser()", async () => {
  const { context, page, problems } = await open();
  await load(page);
  await page.getByRole("button", { name: "Use this browser" }).click();
  await until(async () => ((await page.textContent("#browser-note")) ?? "").includes("Filled from this browser"), "browser note");
  eq(await page.getByLabel("Host", { exact: true }).inputValue(), "browser", "headless Chromium is a system browser");
  eq(await page.getByLabel("Platform", { exact: true }).inputValue(), "linux", "platform");
  const ua = await page.evaluate(() => navigator.userAgent);
  eq(await page.getByLabel("User-Agent", { exact: true }).inputValue(), ua, "UA box shows this browser's UA");
  eq(await page.getByLabel("Payment Request", { exact: true }).inputValue(), "supported", "payment_request probe");
  await context.close();
  return problems;
});

test("copy buttons copy the raw decision and exposure JSON", async () => {
  const { context, page, problems } = await open();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: ORIGIN });
  await load(page);
  await page.getByRole("button", { name: "Copy the decision JSON" }).click();
  await until(async () => ((await page.textContent("#copy-status")) ?? "").includes("decision"), "copy status");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  eq(copied, await page.textContent("#decision-json"), "clipboard holds the decision JSON");
  await page.getByRole("button", { name: "Copy the exposure event JSON" }).click();
  const exposure = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  check(Array.isArray(exposure.shown) && "hidden" in exposure, "clipboard holds the exposure event");
  await context.close();
  return problems;
});

test("accessible: every control is labelled, the keyboard reaches presets, focus is visible", async () => {
  const { context, page, problems } = await open();
  await load(page);
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll("input, select, textarea, button")]
      .filter((el) => el.offsetParent !== null || el.getClientRects().length > 0)
      .filter((el) => {
        const byLabel = "labels" in el && el.labels && el.labels.length > 0;
        const name = el.getAttribute("aria-label") || el.getAttribute("aria-labelledby") || (el.tagName === "BUTTON" && el.textContent.trim());
        return !byLabel && !name;
      })
      .map((el) => el.id || el.outerHTML.slice(0, 80)),
  );
  eq(unlabelled, [], "controls without a label");
  eq(await page.locator("[aria-live]").count() > 0, true, "an aria-live region");
  check((await page.locator("#decision [aria-live]").count()) === 1, "the decision region is live");
  // Keyboard: Tab from the top reaches the skip link, then the presets.
  await page.keyboard.press("Tab");
  eq(await page.evaluate(() => document.activeElement?.textContent), "Skip to the decision", "first Tab stop");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  check(outline !== "none", `focus outline visible: ${outline}`);
  await page.getByRole("button", { name: "Inside Alipay (iPhone)" }).focus();
  await page.keyboard.press("Enter");
  await until(async () => (await page.getByLabel("Host", { exact: true }).inputValue()) === "alipay", "preset by keyboard");
  const first = (await decisionState(page)).shown[0];
  eq(first, "alipay:in_host_bridge", "Alipay first inside Alipay");
  await context.close();
  return problems;
});

/** axe-core's WCAG 2.x A/AA violations on the page as it is now. */
async function axe(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const result = await globalThis.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}

test("axe-core finds no WCAG A/AA violation, with a decision and with errors", async () => {
  const { context, page, problems } = await open();
  await load(page);
  await preset(page, "Inside WeChat (Android, CNY)");
  eq(await axe(page), [], "axe violations with a decision");
  await page.getByLabel("Currency", { exact: true }).fill("cny");
  await page.locator("#context-error").waitFor({ state: "visible" });
  eq(await axe(page), [], "axe violations with a context error");
  await page.getByLabel("Currency", { exact: true }).fill("CNY");
  await page.locator("#policy").fill("{ not json");
  await page.locator("#policy-error").waitFor({ state: "visible" });
  eq(await axe(page), [], "axe violations with a policy error");
  await context.close();
  return problems;
});

test("evidence: each rail's badge and source are the decision's, assumed ones say so, sources link to their citation", async () => {
  const { context, page, problems } = await open();
  const cat = await catalogue();
  await load(page);
  await preset(page, "Inside Taobao (Android)");
  await until(async () => (await decisionState(page)).hidden.includes("unionpay:host_blocks_rail"), "UnionPay hidden in Taobao");
  const decision = JSON.parse((await page.textContent("#decision-json")) ?? "{}");
  const lines = await evidenceLines(page);
  eq(lines.length, decision.shown.length + decision.hidden.length, "one evidence line per rail");
  for (const line of lines) {
    const entry = decision[line.list].find((r) => r.rail === line.rail);
    if (entry.evidence) {
      eq([line.level, line.source], [entry.evidence.level, entry.evidence.source], `${line.list} ${line.rail} evidence`);
      eq(line.badge, BADGES[line.level], `${line.rail} badge`);
      check(cat.sources.has(line.source), `${line.rail}: source ${line.source} is in paysel capabilities --json`);
      eq(line.href, `#src-${line.source}`, `${line.rail} source link`);
    } else {
      check(line.list === "hidden" && line.level === "", `${line.rail} has no evidence in the decision, and no badge`);
    }
  }
  check(lines.filter((l) => l.list === "shown").every((l) => l.level), "every shown rail has a level");
  // UnionPay in Taobao is an assumption, and reads as one.
  const unionpay = lines.find((l) => l.rail === "unionpay");
  eq(unionpay.badge, "Assumed", "UnionPay's badge in Taobao");
  const text = await page.locator("#hidden-rails > li[data-rail='unionpay']").innerText();
  check(!/Taobao blocks it/.test(text), `the sentence does not state an assumption as a fact: ${text}`);
  // Its source link leads to the citation, without changing the shared case.
  const hashBefore = new URL(page.url()).hash;
  await page.locator("#hidden-rails > li[data-rail='unionpay'] a.source-link").click();
  const entry = page.locator(`#src-${unionpay.source}`);
  await until(async () => entry.evaluate((el) => el === document.activeElement), "the source entry focused");
  const source = cat.sources.get(unionpay.source);
  const entryText = await entry.innerText();
  for (const part of [source.key, source.strength, source.citation]) check(entryText.includes(part), `source entry shows ${part}: ${entryText}`);
  check(await entry.evaluate((el) => el.classList.contains("cited")), "the entry is marked as cited by this decision");
  eq(await page.locator("#sources > li").count(), cat.sources.size, "the panel lists every source of the catalogue");
  check((await page.locator("#sources .origin a[href^='https://']").count()) > 0, "origins that are addresses are links");
  eq(new URL(page.url()).hash, hashBefore, "the address still carries the case");
  check(await page.locator("#link-error").isHidden(), "no link error");
  await page.locator("#decision").screenshot({ path: join(SHOTS, "evidence-taobao.png") });
  await page.locator("#hidden-section").screenshot({ path: join(SHOTS, "evidence-taobao-hidden.png") });
  // Explain off: no evidence, and the page says how to see it.
  await page.getByLabel("Explain scores and evidence").uncheck();
  await until(async () => (await evidenceLines(page)).every((l) => l.level === ""), "no badges without explain");
  check((await page.locator("#shown-rails").innerText()).includes("Turn on Explain"), "explain hint");
  await context.close();
  return problems;
});

test("your policy: a rail changed or hidden by the policy's capabilities reads as the policy, not a platform fact", async () => {
  const { context, page, problems } = await open();
  await load(page);
  await preset(page, "Inside Taobao (Android)");
  const policy = page.locator("#policy");
  const parsed = JSON.parse(await policy.inputValue());
  parsed.capabilities = [
    { host: "taobao", rail: "unionpay", launch: "h5_redirect" },
    { host: "taobao", rail: "card", launch: null },
  ];
  await policy.fill(JSON.stringify(parsed, null, 2));
  await until(async () => (await decisionState(page)).shown.includes("unionpay:h5_redirect"), "UnionPay shown by the override");
  const decision = JSON.parse((await page.textContent("#decision-json")) ?? "{}");
  const lines = await evidenceLines(page);
  const unionpay = lines.find((l) => l.rail === "unionpay");
  const card = lines.find((l) => l.rail === "card");
  eq([unionpay.list, unionpay.level, unionpay.badge, unionpay.source], ["shown", "policy", "Your policy", "capabilities[0]"], "UnionPay by the override");
  eq([card.list, card.level, card.badge, card.source], ["hidden", "policy", "Your policy", "capabilities[1]"], "card hidden by the override");
  const hiddenCard = decision.hidden.find((x) => x.rail === "card");
  eq([hiddenCard?.reason, hiddenCard?.evidence], ["policy_capability", { level: "policy", source: "capabilities[1]" }], "the decision says so too");
  eq(decision.shown.find((x) => x.rail === "unionpay")?.policy_override, "capabilities[0]", "the decision names the override");
  const cardText = await page.locator("#hidden-rails > li[data-rail='card']").innerText();
  check(/Your policy's capabilities block it/.test(cardText) && !/Treated as blocked/.test(cardText), `card's sentence names the policy: ${cardText}`);
  for (const l of [unionpay, card]) eq(l.href, "#policy", `${l.rail}: the link leads to the policy`);
  // The matrix shows the same override for Taobao.
  const cell = page.locator("#matrix tr[data-host='taobao'] td[data-rail='unionpay']");
  await until(async () => (await cell.getAttribute("data-level")) === "policy", "the matrix cell from the policy");
  eq(await cell.locator(".level").innerText(), "Your policy", "matrix badge");
  const cardCell = page.locator("#matrix tr[data-host='taobao'] td[data-rail='card']");
  eq([await cardCell.getAttribute("data-answer"), await cardCell.getAttribute("data-level")], ["policy_capability", "policy"], "matrix: card blocked by the policy");
  await page.locator("#hidden-rails > li[data-rail='card'] a.source-link").click();
  await until(async () => page.evaluate(() => document.activeElement?.id === "policy"), "the policy editor focused");
  await page.locator("#decision").screenshot({ path: join(SHOTS, "evidence-your-policy.png") });
  await page.locator("#hidden-section").screenshot({ path: join(SHOTS, "evidence-your-policy-hidden.png") });
  eq(await axe(page), [], "axe violations with policy evidence");
  // Without explain the decision still names the override, and so does the page.
  await page.getByLabel("Explain scores and evidence").uncheck();
  await until(async () => (await evidenceLines(page)).find((l) => l.rail === "unionpay")?.badge === "Your policy", "override without explain");
  await context.close();
  return problems;
});

test("matrix: every host × rail of the core, each cell the engine's answer and level, and a filter for assumed cells", async () => {
  const { context, page, problems } = await open();
  const cat = await catalogue();
  await load(page);
  await preset(page, "Inside Taobao (Android)");
  await page.locator("#matrix tbody tr").first().waitFor();
  const matrix = await page.evaluate(() => ({
    rails: [...document.querySelectorAll("#matrix thead th[data-rail]")].map((th) => th.dataset.rail),
    rows: [...document.querySelectorAll("#matrix tbody tr")].map((tr) => ({
      host: tr.dataset.host,
      cells: [...tr.querySelectorAll("td")].map((td) => ({ ...td.dataset })),
    })),
  }));
  eq(matrix.rails, cat.rails, "matrix columns are the core's rails");
  eq(matrix.rows.map((r) => r.host).sort(), cat.hosts, "matrix rows are the core's hosts");
  // Each cell agrees with a row of paysel capabilities --json: same rail,
  // host, level, source and answer (for Android phones in mainland China).
  const answerOf = (cell) => ({ host_blocks_rail: "blocked", platform_unsupported: "unsupported" })[cell.answer] ?? cell.answer;
  let assumed = 0;
  for (const row of matrix.rows) {
    for (const cell of row.cells) {
      check(["documented", "reported", "assumed"].includes(cell.level), `${row.host}/${cell.rail}: level ${cell.level}`);
      const match = cat.cells.find(
        (c) =>
          c.rail === cell.rail &&
          c.hosts.includes(row.host) &&
          c.level === cell.level &&
          c.source === cell.source &&
          c.answer === answerOf(cell) &&
          (c.platforms.length === 0 || c.platforms.includes("android")),
      );
      check(match, `${row.host}/${cell.rail}: no row of the catalogue says ${cell.answer} (${cell.level}, ${cell.source})`);
      if (cell.level === "assumed") assumed += 1;
    }
  }
  check(assumed > 0, "some cells are assumed");
  // The page's decision and the matrix agree for the current host.
  const decision = JSON.parse((await page.textContent("#decision-json")) ?? "{}");
  const taobao = matrix.rows.find((r) => r.host === "taobao");
  const unionpay = decision.hidden.find((x) => x.rail === "unionpay");
  const cell = taobao.cells.find((c) => c.rail === "unionpay");
  eq([cell.answer, cell.level, cell.source], [unionpay.reason, unionpay.evidence.level, unionpay.evidence.source], "Taobao × UnionPay");
  check(await page.locator("#matrix tr[data-host='taobao']").evaluate((tr) => tr.classList.contains("current")), "the current host is marked");
  // Assumed cells are marked visibly, not only by a word.
  const marked = await page.evaluate(() => {
    const a = document.querySelector("#matrix td[data-level='assumed']");
    const d = document.querySelector("#matrix td[data-level='documented']");
    return getComputedStyle(a).boxShadow !== getComputedStyle(d).boxShadow && getComputedStyle(a).backgroundColor !== getComputedStyle(d).backgroundColor;
  });
  check(marked, "assumed cells look different from documented ones");
  await page.locator("#matrix-section").screenshot({ path: join(SHOTS, "matrix.png") });
  // The filter keeps exactly the hosts with an assumed cell.
  await page.getByLabel("Only assumed cells").check();
  const visible = await page.evaluate(() =>
    [...document.querySelectorAll("#matrix tbody tr")].filter((tr) => !tr.hidden).map((tr) => tr.dataset.host),
  );
  const expected = matrix.rows.filter((r) => r.cells.some((c) => c.level === "assumed")).map((r) => r.host);
  eq(visible, expected, "rows left by the assumed filter");
  check(visible.length < matrix.rows.length, "the filter hides some hosts");
  check((await page.textContent("#matrix-count")).includes(`${assumed} of ${matrix.rows.length * matrix.rails.length} cells are assumed`), "the count");
  eq(await axe(page), [], "axe violations with the matrix filtered");
  await page.locator("#matrix-section").screenshot({ path: join(SHOTS, "matrix-assumed.png") });
  await page.getByLabel("Only assumed cells").uncheck();
  eq(await page.locator("#matrix tbody tr:not([hidden])").count(), matrix.rows.length, "every host back");
  // Another platform, another matrix: Apple Pay on an iPhone in Safari.
  await preset(page, "Phone browser (iPhone Safari, USD)");
  await until(async () => ((await page.textContent("#matrix-scope")) ?? "").includes("iOS"), "the matrix follows the platform");
  const phone = JSON.parse((await page.textContent("#decision-json")) ?? "{}");
  const shownApplePay = phone.shown.find((s) => s.rail === "apple_pay");
  check(shownApplePay, "Apple Pay shown on the iPhone");
  const applePay = await page.locator("#matrix tr[data-host='browser'] td[data-rail='apple_pay']").evaluate((td) => ({ ...td.dataset }));
  eq(
    [applePay.answer, applePay.level, applePay.source],
    [shownApplePay.launch, shownApplePay.evidence.level, shownApplePay.evidence.source],
    "the matrix's browser × Apple Pay on iOS is the decision's",
  );
  await context.close();
  return problems;
});

/** The plan card: its probes and, per answer, the rails its decision shows. */
async function planState(page) {
  return page.evaluate(() => ({
    probes: document.querySelector("#plan")?.dataset.probes ?? null,
    summary: document.querySelector("#plan-summary")?.textContent ?? "",
    rows: [...document.querySelectorAll("#plan tbody tr")].map((tr) => ({
      answers: tr.dataset.answers,
      rails: [...tr.querySelectorAll(".plan-rails > li")].map((li) => li.dataset.rail),
    })),
  }));
}

test("plan: the probes that can change the decision, and for each answer what the checkout shows with it", async () => {
  const { context, page, problems } = await open();
  await load(page);
  await preset(page, "Phone browser (iPhone Safari, USD)");
  await page.selectOption("#f-probe-apple_pay", "unknown");
  await page.selectOption("#f-probe-payment_request", "unknown");
  await until(async () => (await planState(page)).probes?.includes("apple_pay"), "a plan with the Apple Pay probe");
  const planned = await planState(page);
  const probes = planned.probes.split(",");
  eq(planned.rows.length, 3 ** probes.length, "a row for every answer of the probes");
  const shown = async () => (await decisionState(page)).shown.map((s) => s.split(":")[0]);
  // The context leaves every probe unknown: the checkout is the all-unknown row.
  const rowFor = (answer) => planned.rows.find((r) => r.answers === probes.map(() => answer).join(","));
  eq(rowFor("unknown")?.rails, await shown(), "the all-unknown row is the checkout");
  check(rowFor("yes")?.rails.includes("apple_pay") && !rowFor("no")?.rails.includes("apple_pay"), `Apple Pay follows its probe: ${JSON.stringify(planned.rows)}`);
  await page.locator("#plan-section").screenshot({ path: join(SHOTS, "plan.png") });
  eq(await axe(page), [], "axe violations with a plan");
  // Every probe answering no is the context with each of them not ready;
  // a probe the context answers is not planned, so that plan has none.
  for (const probe of probes) await page.selectOption(`#f-probe-${probe}`, "not_ready");
  await until(async () => JSON.stringify(await shown()) === JSON.stringify(rowFor("no")?.rails), "the all-no row is the checkout once the probes say not ready");
  await until(async () => (await planState(page)).probes === "", "no probe left to run");
  check(/No probe can change this decision/.test((await planState(page)).summary), "the plan says so");
  await context.close();
  return problems;
});

test("menus come from the core: every host of paysel capabilities --json is in the host menu", async () => {
  const { context, page, problems } = await open();
  const cat = await catalogue();
  await load(page);
  const hosts = await page.evaluate(() => [...document.querySelectorAll("#f-host option")].map((o) => o.value).filter((v) => v !== ""));
  eq([...hosts].sort(), cat.hosts, "host menu");
  check(hosts.length >= 44, `${hosts.length} hosts`);
  const unknown = await page.evaluate(() => [...document.querySelectorAll("select option")].filter((o) => o.textContent.includes("not a known value")).length);
  eq(unknown, 0, "no option the page does not know");
  // A WhatsApp User-Agent from the detection corpus (tests/ua/) applies as a known host.
  const corpus = readFileSync(new URL("../../tests/ua/global-apps.jsonl", import.meta.url), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l));
  const whatsapp = corpus.find((c) => c.host === "whatsapp");
  check(whatsapp, "the corpus has a WhatsApp User-Agent");
  await page.getByLabel("User-Agent", { exact: true }).fill(whatsapp.ua);
  await page.getByRole("button", { name: "Detect" }).click();
  await until(async () => (await page.locator("#ua-detection [data-key='host'] dd").innerText()).endsWith("(whatsapp)"), "WhatsApp detected");
  await page.getByRole("button", { name: "Apply to context" }).click();
  eq(await page.getByLabel("Host", { exact: true }).inputValue(), "whatsapp", "host applied");
  const option = await page.locator("#f-host option:checked").innerText();
  check(!option.includes("not a known value") && option.endsWith("(whatsapp)"), `WhatsApp in the menu: ${option}`);
  await context.close();
  return problems;
});

test("phone width: one column, no horizontal scrolling", async () => {
  const { context, page, problems } = await open({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  await load(page);
  await preset(page, "Inside WeChat (Android, CNY)");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `page is ${overflow}px wider than the phone`);
  // The decision comes right after the presets on a phone.
  const order = await page.evaluate(() => {
    const y = (sel) => document.querySelector(sel).getBoundingClientRect().top;
    return y("#presets") < y("#decision") && y("#decision") < y("#context-form");
  });
  check(order, "presets, then the decision, then the editor");
  await shot(page, "phone", false);
  await page.locator("#decision").scrollIntoViewIfNeeded();
  await shot(page, "phone-decision", false);
  await context.close();
  return problems;
});

test("the server serves wasm as application/wasm and refuses paths outside dist/", async () => {
  const res = await fetch(`${BASE}/index.html`, { method: "HEAD" });
  eq(res.status, 200, "index status");
  const html = await (await fetch(`${BASE}/`)).text();
  check(html.includes("<title>paysel QA</title>"), "index served at /");
  const app = await (await fetch(`${BASE}/app.js`)).text();
  const wasmName = (app.match(/[\w-]+\.wasm/) ?? [])[0];
  check(wasmName, "app.js names its .wasm");
  const wasm = await fetch(`${BASE}/${wasmName}`);
  eq(wasm.headers.get("content-type"), "application/wasm", "wasm content type");
  // fetch() normalises `..`, so send raw requests.
  const raw = (target) =>
    new Promise((resolve, reject) => {
      const { hostname, port } = new URL(BASE);
      const socket = net.connect(Number(port), hostname, () => socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
      let data = "";
      socket.on("data", (d) => (data += d));
      socket.on("end", () => resolve(data.split("\r\n")[0]));
      socket.on("error", reject);
    });
  for (const target of ["/../Cargo.toml", "/%2e%2e/%2e%2e/Cargo.toml", "/..%2f..%2fREADME.md"]) {
    eq(await raw(target), "HTTP/1.1 404 Not Found", `raw GET ${target}`);
  }
  return [];
});

// ----------------------------------------------------------------- runner

let passed = 0;
let failed = 0;
for (const { name, fn } of tests) {
  const started = Date.now();
  try {
    const problems = await Promise.race([
      fn(),
      new Promise((_, reject) => setTimeout(() => reject(new Failure("timed out after 60 s")), 60000)),
    ]);
    if (problems.length > 0) throw new Failure(`the page had problems:\n    ${problems.join("\n    ")}`);
    passed += 1;
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    failed += 1;
    console.log(`FAIL ${name}\n     ${e instanceof Failure ? e.message : e?.stack ?? e}`);
  }
}
await browser.close();
await server?.close();
console.log(`screenshots: ${SHOTS}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
