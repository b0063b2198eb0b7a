// Every conformance vector in headless Chromium, through the packed package
// loaded as a browser loads it: conformance/index.html imports both entries'
// ESM modules, awaits their `init()` and runs each vector file with
// conformance/runner.mjs, the runner vectors.test.mjs and errors.test.mjs
// use in Node. The page compares every output as JSON text byte for byte and
// returns only its failures and counts; each file must have none, and the
// counts must be every case of every file through each of its entries, so
// that the run cannot pass by running nothing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { launchChromium, serveStatic } from "../../../tools/browser.mjs";
import { bindingEntriesOf, entriesOf } from "../conformance/runner.mjs";

const root = new URL("../../../", import.meta.url);
const dir = new URL("tests/vectors/", root);
const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
const suites = Object.fromEntries(files.map((f) => [f, JSON.parse(readFileSync(new URL(f, dir), "utf8"))]));

let browser;
let site;
let page;
const pageErrors = [];

before(async () => {
  browser = await launchChromium();
  // The repository root: the page, the package in bindings-wasm/pkg/ and
  // the vectors in tests/vectors/.
  site = await serveStatic(fileURLToPath(root));
  page = await browser.newPage();
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && pageErrors.push(m.text()));
  page.on("response", (r) => r.status() >= 400 && pageErrors.push(`HTTP ${r.status()} for ${r.url()}`));
  await page.goto(`${site.url}/bindings-wasm/js-tests/conformance/index.html`);
  await page.waitForSelector("html[data-ready]", { state: "attached", timeout: 60_000 });
});

after(async () => {
  await browser?.close();
  await site?.close();
});

const ran = { paysel: 0, "paysel/signed": 0, comparisons: 0, events: 0, plans: 0, bindingCalls: 0 };

for (const file of files) {
  test(`${file} in Chromium`, async () => {
    const result = await page.evaluate((file) => window.runVectorFile(file), file);
    for (const key of Object.keys(ran)) ran[key] += result[key];
    assert.deepEqual(result.failures, [], `${result.failures.length} failures in ${file}`);
    const { cases, binding_cases: bindingCases = [] } = suites[file];
    for (const name of ["paysel", "paysel/signed"]) {
      const expected = cases.filter((c) => entriesOf(c).includes(name)).length;
      assert.equal(result[name], expected, `every case of ${file} ran through ${name}`);
    }
    const calls = bindingCases.reduce((sum, c) => sum + bindingEntriesOf(c).length * c.calls.length, 0);
    assert.equal(result.bindingCalls, calls, `every binding call of ${file} ran`);
  });
}

test("Chromium ran every file, through both entries, with no page error", () => {
  assert.ok(files.length >= 12, `only ${files.length} vector files`);
  assert.ok(ran.paysel > 300, `only ${ran.paysel} cases through paysel`);
  assert.ok(ran["paysel/signed"] > ran.paysel + 20, `only ${ran["paysel/signed"]} cases through paysel/signed`);
  assert.ok(ran.events > 10, `only ${ran.events} event checks`);
  assert.ok(ran.plans > 20, `only ${ran.plans} plans`);
  assert.ok(ran.bindingCalls > 150, `only ${ran.bindingCalls} binding calls`);
  assert.deepEqual(pageErrors, []);
  console.log(`# Chromium: ${ran.paysel} cases through paysel, ${ran["paysel/signed"]} through paysel/signed, ${ran.comparisons} comparisons, ${ran.events} events, ${ran.plans} plans, ${ran.bindingCalls} binding calls`);
});
