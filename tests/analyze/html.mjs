// Opens the `paysel analyze --html` report in headless Chromium (Debian's,
// through tools/browser.mjs) and fails on any
// console message of level error or warning, uncaught exception, or request
// for anything but the page itself (the report must be self-contained).
// Checks that the charts are there and saves a screenshot.
//
//   REPORT=target/analyze/report.html SCREENSHOT=target/analyze/report.png node html.mjs

import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import { launchChromium } from "../../tools/browser.mjs";

const REPORT = resolve(process.env.REPORT ?? "");
const SCREENSHOT = process.env.SCREENSHOT ?? "report.png";
const url = pathToFileURL(REPORT).href;
const problems = [];
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  page.on("console", (msg) => {
    if (msg.type() === "error" || msg.type() === "warning") problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`uncaught: ${err.message}`));
  page.on("request", (req) => {
    if (req.url() !== url) problems.push(`external request: ${req.url()}`);
  });
  const response = await page.goto(url, { waitUntil: "load" });
  if (!response || !response.ok()) problems.push(`loading ${url} failed`);
  const charts = await page.locator("svg").count();
  const bars = await page.locator("svg rect").count();
  const flagged = await page.getByText("flagged", { exact: true }).count();
  const title = await page.title();
  if (title !== "paysel analyze") problems.push(`title: ${title}`);
  if (charts < 2) problems.push(`expected a rate chart and a launch chart, found ${charts} charts`);
  if (bars < 3) problems.push(`expected bars in the charts, found ${bars}`);
  if (flagged < 1) problems.push("no flagged launch cell on the page");
  await page.screenshot({ path: SCREENSHOT, fullPage: true });
  console.log(`${charts} charts, ${bars} bars, ${flagged} flagged cells; screenshot: ${SCREENSHOT}`);
} finally {
  await browser.close();
}
if (problems.length > 0) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log("html report: ok");
