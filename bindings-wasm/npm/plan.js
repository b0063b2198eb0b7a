// paysel/plan: picks the decision a server planned with paysel's plan().
// No WebAssembly, no payment rule: it runs the probes the plan names, reads
// each answer as a digit (yes 0, no 1, unknown 2) and looks the key, those
// digits in base 3, up. Types: plan.d.ts.

/** @typedef {import("./plan.js").PickOptions} Options */

// What each probe calls. A missing API or option throws: unknown.
/** @type {Record<import("./paysel.js").Probe, (o: Options) => unknown>} */
const probes = {
  // @ts-ignore: only Apple's browsers have ApplePaySession.
  apple_pay: () => ApplePaySession.canMakePayments(),
  // @ts-ignore: throws without options.googlePay, as meant.
  google_pay: (o) => o.googlePay.client.isReadyToPay(o.googlePay.request).then((r) => r.result),
  payment_request: (o) =>
    // @ts-ignore: throws without options.paymentMethods, as meant.
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
        // Asked at once; a throw rejects, which is unknown.
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
