// The checkout page's module: picks the planned decision with the probes'
// answers and shows its rails. A real page would also hand the page's
// Google Pay client and Payment Request methods to the probes.
import { pick } from "/paysel/plan.js";

const planned = JSON.parse(document.getElementById("paysel-plan").textContent);
const decision = await pick(planned, {
  paymentMethods: [{ supportedMethods: "https://google.com/pay", data: { apiVersion: 2, apiVersionMinor: 0 } }],
});
const list = document.getElementById("rails");
for (const shown of decision.shown) {
  const item = document.createElement("li");
  item.textContent = shown.rail;
  item.dataset.launch = shown.launch;
  if (shown.rail === decision.preselected) item.dataset.preselected = "";
  list.append(item);
}
// Log the exposure event where the shop logs its analytics; here, for the test.
window.payselExposure = decision.exposure;
document.documentElement.dataset.ready = "";
