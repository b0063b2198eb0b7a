// The one Chromium launcher and static server of the repository. Every
// browser script (the demo's e2e test, the analyze report check, the Vite
// app test, the browser benchmark) imports it; bindings-wasm/webdriver.json
// repeats CHROMIUM_ARGS for wasm-bindgen-test-runner, and
// tools/browser.test.mjs fails when the two drift.
//
// The browser is Debian's /usr/bin/chromium driven by playwright-core:
// browser downloads do not work on our machines, so nothing here ever
// fetches one. Dependencies come from the root npm workspace.

import { createServer } from "node:http";
import { chromium } from "playwright-core";
import sirv from "sirv";

/** Debian's Chromium (`apt-get install chromium`). */
export const CHROMIUM = "/usr/bin/chromium";

/**
 * The Chromium flags, once. No sandbox (CI and the dev machines run as
 * root), no GPU, /tmp instead of a small /dev/shm, and no background
 * traffic: the machines' network is closed, and the tests forbid requests
 * off the page anyway.
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

/**
 * Headless Debian Chromium through playwright-core, with CHROMIUM_ARGS plus
 * `options.args`; other options go to `chromium.launch` as they are.
 * Resolves to the playwright Browser.
 */
export async function launchChromium(options = {}) {
  const { args = [], ...rest } = options;
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    ...rest,
    args: [...CHROMIUM_ARGS, ...args],
  });
}

/**
 * Serves the folder `root` on 127.0.0.1 (never another interface) with
 * sirv: the right Content-Type for every file (`application/wasm` included,
 * which `WebAssembly.instantiateStreaming` requires), files read on each
 * request and never cached, nothing outside `root`. `port` 0 picks a free
 * port; `headers` are added to every response, e.g. a
 * Content-Security-Policy. Resolves to `{ url, close }`, where `url` is
 * `http://127.0.0.1:PORT` without a trailing slash.
 */
export async function serveStatic(root, { port = 0, headers = {} } = {}) {
  const files = sirv(root, { dev: true, dotfiles: false });
  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    files(req, res);
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const url = `http://127.0.0.1:${server.address().port}`;
  const close = () =>
    new Promise((resolve, reject) => {
      server.closeAllConnections();
      server.close((e) => (e ? reject(e) : resolve()));
    });
  return { url, close };
}
