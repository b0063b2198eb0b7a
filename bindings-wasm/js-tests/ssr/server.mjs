// A server-rendered checkout with a decision plan: Node's own `http`
// module, the `paysel` package on the server, and `paysel/plan` (no
// WebAssembly) on the phone. Run it with `node ssr/server.mjs [PORT]` from
// bindings-wasm/js-tests and open http://127.0.0.1:PORT/ on a phone.
//
// The server plans from the request's User-Agent and embeds the plan in the
// page as a JSON data block; the page's one external module script runs the
// probes the plan names and renders the rails of the picked decision. The
// page needs no inline script, no `unsafe-eval` and no `wasm-unsafe-eval`.
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { plan } from "paysel";

const files = {
  "/checkout.js": new URL("./checkout.js", import.meta.url),
  "/paysel/plan.js": new URL(import.meta.resolve("paysel/plan")),
};

// Strict: scripts from this origin only. Asked canMakePayment() for Google
// Pay (https://google.com/pay), Chromium fetches Google's payment method
// manifest from that URL under the page's connect-src (observed in the
// Chromium test: blocked without it, and then Payment Request answers no);
// the manifest may lead on to other Google hosts, which the machines these
// tests run on cannot reach to check.
export const CSP =
  "default-src 'none'; script-src 'self'; connect-src 'self' https://google.com; base-uri 'none'; form-action 'self'";

/** The checkout's context as the server knows it: the User-Agent and the basket. */
function context(request) {
  return { user_agent: request.headers["user-agent"] ?? "", currency: "USD", country: "US", amount: 4999 };
}

/** The plan as a JSON data block: `<` escaped, so no text ends the block early. */
function dataBlock(value) {
  return `<script type="application/json" id="paysel-plan">${JSON.stringify(value).replace(/</g, "\\u003c")}</script>`;
}

function page(planned) {
  return `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Checkout</title>
${dataBlock(planned)}
<script type="module" src="/checkout.js"></script>
<h1>Pay 49.99 USD</h1>
<ol id="rails"></ol>
`;
}

/** A server for the checkout page, with `options.policy` (default: the embedded policy). */
export function checkoutServer(options = {}) {
  return createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    response.setHeader("Content-Security-Policy", CSP);
    if (path === "/") {
      const planned = plan(context(request), { policy: options.policy });
      response.setHeader("Content-Type", "text/html; charset=utf-8");
      response.end(page(planned));
    } else if (Object.hasOwn(files, path)) {
      response.setHeader("Content-Type", "text/javascript; charset=utf-8");
      response.end(readFileSync(files[path]));
    } else {
      response.statusCode = 404;
      response.end();
    }
  });
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const server = checkoutServer().listen(Number(process.argv[2] ?? 8080), "127.0.0.1", () => {
    console.log(`checkout on http://127.0.0.1:${server.address().port}/`);
  });
}
