// Compiled with `tsc --noEmit --strict` against the built package: the
// generated types must describe the API a checkout uses, without `any`.
import init, {
  Engine,
  contextFromBrowser,
  decide,
  defaultPolicy,
  detect,
  isPayselError,
  outcome,
  selection,
  version,
  type CheckoutContext,
  type Decision,
  type DecideWithPolicyOptions,
  type Detection,
  type HiddenReason,
  type Hints,
  type Launch,
  type Outcome,
  type OutcomeResult,
  type PayselError,
  type PayselErrorCode,
  type Policy,
  type Selection,
  type ShownRail,
} from "paysel";

export async function checkout(amount: number): Promise<string | null> {
  await init();
  const context: CheckoutContext = { ...contextFromBrowser(), amount, currency: "CNY", country: "CN" };
  const options: DecideWithPolicyOptions = { explain: true };
  const decision: Decision = decide(context, options);
  const first: ShownRail | undefined = decision.shown[0];
  const launch: Launch | undefined = first?.launch;
  const reasons: HiddenReason[] = decision.hidden.map((h) => h.reason);
  const total: number | undefined = first?.score?.total;
  console.log(launch, reasons, total, version());
  return decision.preselected;
}

export function withPolicy(): Decision {
  const policy: Policy = defaultPolicy();
  policy.max_shown = 3;
  const engine = new Engine(policy);
  try {
    return engine.decide({ platform: "ios", probes: { apple_pay: "ready" } });
  } finally {
    engine.free();
  }
}

export function track(decision: Decision, rail: string, result: OutcomeResult): string[] {
  const chosen: Selection = selection(decision, rail);
  const ended: Outcome = outcome(decision, rail, result);
  const position: number = chosen.position;
  console.log(position, ended.result satisfies OutcomeResult);
  return [JSON.stringify(decision.exposure), JSON.stringify(chosen), JSON.stringify(ended)];
}

export function sniff(ua: string): Detection {
  const hints: Hints = { ua_platform: "Android", ua_mobile: true };
  const d: Detection = detect(ua, hints);
  const version: string | null = d.host_version;
  console.log(version, d.webview satisfies boolean);
  return d;
}

export function explainError(e: unknown): PayselErrorCode | null {
  if (isPayselError(e)) {
    const error: PayselError = e;
    const path: string = error.path;
    console.log(path, error.message);
    return error.code;
  }
  return null;
}

// Wrong uses must not compile.
// @ts-expect-error: amount is a number of minor units
decide({ amount: "12.00" });
// @ts-expect-error: unknown host
decide({ host: "myspace" });
// @ts-expect-error: explain is a boolean
decide({}, { explain: "yes" });
// @ts-expect-error: the policy is the second argument's `policy`, not positional
decide({}, defaultPolicy(), { explain: true });
// @ts-expect-error: an outcome result is one of four names
outcome(decide({}), "card", "maybe");
// @ts-expect-error: a User-Agent is a string
detect(42);
// @ts-expect-error: the code union is closed
const code: PayselErrorCode = "oops";
void code;
