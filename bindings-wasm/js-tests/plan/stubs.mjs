// Stand-ins for the probe APIs `paysel/plan` calls, answering as a test
// asks, for Node (test/plan.test.mjs) and Chromium (plan/browser.mjs).
// Each probe answers "yes", "no" or "unknown"; unknown comes in every way a
// page meets it, chosen by `way`: the API or option is missing, it throws
// or rejects, it never answers (the time limit), or it answers something
// that is not a boolean.

export const UNKNOWN_WAYS = ["missing", "throws", "silent", "odd"];

/** Probe answers of a plan key: its base-3 digits, yes 0, no 1, unknown 2. */
export function answersOf(key, probes) {
  const answers = {};
  for (let i = probes.length - 1; i >= 0; i -= 1) {
    answers[probes[i]] = ["yes", "no", "unknown"][key % 3];
    key = Math.floor(key / 3);
  }
  return answers;
}

const never = () => new Promise(() => {});

/**
 * Installs the stand-ins on `globalThis` (ApplePaySession, PaymentRequest)
 * and returns the `pick` options (googlePay, paymentMethods, timeout) that
 * make each probe named in `answers` answer so. A probe not named is left
 * missing. `way` picks how an unknown answer comes about.
 */
export function stub(answers, way = 0, timeout = 40) {
  const how = UNKNOWN_WAYS[way % UNKNOWN_WAYS.length];
  const value = (answer) => (answer === "yes" ? true : answer === "no" ? false : "maybe");
  const options = { timeout };
  delete globalThis.ApplePaySession;
  delete globalThis.PaymentRequest;

  const apple = answers.apple_pay;
  if (apple !== undefined && !(apple === "unknown" && how === "missing")) {
    // canMakePayments() answers at once: "silent" cannot happen, so it throws.
    const throws = apple === "unknown" && (how === "throws" || how === "silent");
    globalThis.ApplePaySession = {
      canMakePayments() {
        if (throws) throw new Error("InvalidAccessError");
        return value(apple);
      },
    };
  }

  const google = answers.google_pay;
  if (google !== undefined && !(google === "unknown" && how === "missing")) {
    const answer = google === "unknown" && how !== "odd" ? how : google;
    options.googlePay = {
      request: { apiVersion: 2, apiVersionMinor: 0, allowedPaymentMethods: [] },
      client: {
        isReadyToPay(request) {
          if (request !== options.googlePay.request) return Promise.reject(new Error("wrong request"));
          if (answer === "throws") return Promise.reject(new Error("DEVELOPER_ERROR"));
          if (answer === "silent") return never();
          return Promise.resolve(answer === "unknown" ? {} : { result: value(answer) });
        },
      },
    };
  }

  const request = answers.payment_request;
  if (request !== undefined && !(request === "unknown" && how === "missing")) {
    const answer = request === "unknown" ? how : request;
    options.paymentMethods = [{ supportedMethods: "https://google.com/pay", data: { apiVersion: 2 } }];
    globalThis.PaymentRequest = class {
      constructor(methods, details) {
        if (methods !== options.paymentMethods || !details?.total) throw new TypeError("wrong arguments");
        if (answer === "throws") throw new DOMException("not allowed", "SecurityError");
      }
      canMakePayment() {
        if (answer === "silent") return never();
        return Promise.resolve(answer === "odd" ? "maybe" : value(answer));
      }
    };
  }
  return options;
}
