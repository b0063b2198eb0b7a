// Compiled with `tsc --noEmit --strict` against the built package: a server
// plans with `paysel`, the page picks with `paysel/plan`, and both speak
// the core's generated `Plan` and `Decision` types.
import { plan, type CheckoutContext, type Plan, type Probe } from "paysel";
import { pick, type PickOptions } from "paysel/plan";

export function render(userAgent: string): string {
  const context: CheckoutContext = { user_agent: userAgent, currency: "USD" };
  const planned: Plan = plan(context, { policy: null });
  const probes: Probe[] = planned.probes;
  return `${probes.join(",")} ${JSON.stringify(planned).replace(/</g, "\\u003c")}`;
}

export async function choose(text: string, googleClient: PickOptions["googlePay"]): Promise<string[]> {
  const planned = JSON.parse(text) as Plan;
  const options: PickOptions = {
    timeout: 200,
    paymentMethods: [{ supportedMethods: "https://google.com/pay", data: { apiVersion: 2 } }],
  };
  if (googleClient) options.googlePay = googleClient;
  const decision = await pick(planned, options);
  console.log(decision.exposure.shown.length, decision.preselected ?? "none");
  return decision.shown.map((s) => s.rail);
}

// @ts-expect-error: a decision is not a plan.
void pick({ shown: [], preselected: null });
// @ts-expect-error: the time limit is a number of milliseconds.
void pick({ probes: [], decisions: [], pick: [] }, { timeout: "300" });
