// paysel/plan: picks, on the phone, the decision the server planned with
// paysel's plan(). No WebAssembly and no payment rule: it runs the probes
// the plan names, reads each answer as a digit (yes 0, no 1, unknown 2),
// and looks the key (those digits in base 3) up in the plan.

/** @typedef {import("./paysel.js").Plan} Plan */
/** @typedef {import("./paysel.js").Decision} Decision */
/** @typedef {import("./plan.js").PickOptions} PickOptions */

// What each probe calls; a missing API or option throws, which is unknown.
/** @type {Record<import("./paysel.js").Probe, (o: PickOptions) => unknown>} */
const probes = {
  // @ts-ignore: ApplePaySession exists only in Apple's browsers.
  apple_pay: () => ApplePaySession.canMakePayments(),
  // @ts-ignore: without googlePay this throws, as meant.
  google_pay: (o) => o.googlePay.client.isReadyToPay(o.googlePay.request).then((r) => r.result),
  payment_request: (o) =>
    // @ts-ignore: without paymentMethods this throws, as meant.
    new PaymentRequest(o.paymentMethods, { total: { label: "-", amount: { currency: "USD", value: "0" } } }).canMakePayment(),
};

/**
 * @param {Plan} plan
 * @param {PickOptions} [options]
 * @returns {Promise<Decision>}
 */
export async function pick(plan, options = {}) {
  const answers = plan.probes.map(
    (name) =>
      new Promise((resolve) => {
        setTimeout(resolve, options.timeout ?? 300, 2);
        Promise.resolve(options)
          .then(probes[name])
          .then((yes) => resolve(yes === true ? 0 : yes === false ? 1 : 2), () => resolve(2));
      }),
  );
  let key = 0;
  for (const digit of await Promise.all(answers)) key = key * 3 + digit;
  const decision = plan.decisions[plan.pick[key] ?? -1];
  if (!decision) throw new TypeError(`paysel/plan: the plan has no decision for key ${key}`);
  return decision;
}
