// Types of `paysel/plan`. `Plan` and `Decision` are the core's own types,
// generated from Rust (paysel.d.ts), so a change to them reaches this module.

import type { Decision, Plan } from "./paysel.js";

export type { Decision, Plan, Probe } from "./paysel.js";

/** What the page gives the probes that need it. */
export interface PickOptions {
  /**
   * For the `google_pay` probe: the page's Google Pay client
   * (`new google.payments.api.PaymentsClient(...)`) and its
   * `IsReadyToPayRequest`. Without it that probe answers unknown.
   */
  googlePay?: {
    client: { isReadyToPay(request: unknown): Promise<{ result: boolean }> };
    request: unknown;
  };
  /**
   * For the `payment_request` probe: the payment methods the page would
   * show the Payment Request sheet with (`PaymentMethodData[]`, for Google
   * Pay `{ supportedMethods: "https://google.com/pay", data: ... }`).
   * Without them that probe answers unknown.
   */
  paymentMethods?: { supportedMethods: string; data?: unknown }[];
  /** How long each probe may take, in milliseconds, before it answers unknown (default 300). */
  timeout?: number;
}

/**
 * Runs the probes the plan names, all at once, each with the time limit:
 * `apple_pay` calls `ApplePaySession.canMakePayments()`; `google_pay` calls
 * `options.googlePay.client.isReadyToPay(options.googlePay.request)` and
 * reads its `result`; `payment_request` calls `canMakePayment()` on a
 * `PaymentRequest` for `options.paymentMethods`. True is yes, false is no;
 * a missing API or option, a throw, a rejection, another value or no answer
 * in time is unknown. Returns the plan's decision for those answers (its
 * `exposure` event is inside, ready to log).
 *
 * @throws {TypeError} when the plan has no decision for the answers, which
 * a plan made by paysel's `plan()` always has.
 */
export function pick(plan: Plan, options?: PickOptions): Promise<Decision>;
