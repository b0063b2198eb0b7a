// The shared browser module: wasm-bindgen-test-runner's Chromium flags
// (bindings-wasm/webdriver.json, which cannot import JavaScript) are
// CHROMIUM_ARGS, and serveStatic serves what the browser tests need and
// nothing else. Run by `cargo xtask test wasm` (`node --test tools/`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:http";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHROMIUM_ARGS, serveStatic } from "./browser.mjs";

test("webdriver.json starts Chromium with CHROMIUM_ARGS", () => {
  const config = JSON.parse(readFileSync(new URL("../bindings-wasm/webdriver.json", import.meta.url), "utf8"));
  // Playwright adds the headless flag itself; WebDriver needs it spelled out.
  assert.deepEqual(config["goog:chromeOptions"].args, ["--headless=new", ...CHROMIUM_ARGS]);
});

/** GET `path` exactly as written (no URL normalisation), as { status, headers, body }. */
function get(url, path) {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { path }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("serveStatic serves the folder on 127.0.0.1 with the right types and headers, and nothing outside", async () => {
  const outside = mkdtempSync(join(tmpdir(), "paysel-serve-"));
  writeFileSync(join(outside, "secret.txt"), "outside");
  const root = join(outside, "site");
  mkdirSync(join(root, "sub"), { recursive: true });
  writeFileSync(join(root, "index.html"), "<p>hi</p>");
  writeFileSync(join(root, "sub", "a b.wasm"), Buffer.from([0, 97, 115, 109]));
  const csp = "default-src 'self'";
  const server = await serveStatic(root, { headers: { "Content-Security-Policy": csp } });
  try {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const index = await get(server.url, "/");
    assert.equal(index.status, 200);
    assert.equal(index.body.toString(), "<p>hi</p>");
    assert.match(index.headers["content-type"], /^text\/html/);
    assert.equal(index.headers["content-security-policy"], csp);
    const wasm = await get(server.url, "/sub/a%20b.wasm?x=1");
    assert.equal(wasm.status, 200);
    assert.equal(wasm.headers["content-type"], "application/wasm");
    assert.deepEqual([...wasm.body], [0, 97, 115, 109]);
    for (const bad of ["/../secret.txt", "/sub/../../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/missing.js"]) {
      const res = await get(server.url, bad);
      assert.equal(res.status, 404, bad);
      assert.notEqual(res.body.toString(), "outside", bad);
      assert.equal(res.headers["content-security-policy"], csp, `${bad}: headers on errors too`);
    }
  } finally {
    await server.close();
  }
});
