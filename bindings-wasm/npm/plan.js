// paysel/plan: picks the decision a server planned with paysel's plan(),
// with no WebAssembly and no payment rule. Answers are digits (yes 0, no 1,
// unknown 2); read in base 3 they are the key. Types: plan.d.ts.

/** @typedef {import("./plan.js").PickOptions} Options */

// Without its API or option a probe answers undefined, which is unknown:
// no exception, which costs milliseconds on a throttled phone.
/** @type {Record<import("./paysel.js").Probe, (o: Options) => unknown>} */
const probes = {
  // @ts-ignore: only Apple's browsers have ApplePaySession.
  apple_pay: () => globalThis.ApplePaySession?.canMakePayments(),
  google_pay: (o) => o.googlePay?.client.isReadyToPay(o.googlePay.request).then((r) => r.result),
  payment_request: (o) =>
    o.paymentMethods &&
    new PaymentRequest(o.paymentMethods, { total: { label: "-", amount: { currency: "USD", value: "0" } } }).canMakePayment(),
};

/**
 * @param {import("./paysel.js").Plan} plan
 * @param {Options} [options]
 * @returns {Promise<import("./paysel.js").Decision>}
 */
export async function pick(plan, options = {}) {
  const answers = plan.probes.map(
    (name) =>
      new Promise((resolve) => {
        setTimeout(resolve, options.timeout ?? 300, 2);
        // Asked at once; a throw rejects: unknown too.
        new Promise((ask) => ask(probes[name](options))).then(
          (yes) => resolve(yes === true ? 0 : yes === false ? 1 : 2),
          () => resolve(2),
        );
      }),
  );
  let key = 0;
  for (const digit of await Promise.all(answers)) key = key * 3 + digit;
  const decision = plan.decisions[plan.pick[key] ?? -1];
  if (!decision) throw new TypeError(`paysel/plan: the plan has no decision for key ${key}`);
  return decision;
}
