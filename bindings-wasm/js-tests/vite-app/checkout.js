// A checkout page as a Vite user writes it: the package is a plain
// dependency, and Vite turns its `new URL("paysel_bg.wasm", import.meta.url)`
// into an emitted asset. The result lands in the page for the test to read.
import init, { contextFromBrowser, decide, isPayselError } from "paysel";

const out = document.getElementById("decision");
try {
  await init();
  const context = { ...contextFromBrowser(), amount: 1200, currency: "CNY", country: "CN" };
  const decision = decide(context);
  let error = null;
  try {
    decide({ amount: "12.00" });
  } catch (e) {
    error = isPayselError(e) ? `${e.code} ${e.path}` : String(e);
  }
  out.textContent = JSON.stringify({ decision, error });
} catch (e) {
  out.textContent = JSON.stringify({ failed: String(e) });
}
document.documentElement.dataset.ready = "true";
