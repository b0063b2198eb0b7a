// The runner contract of the conformance vectors (tests/vectors/README.md)
// for the npm package, written once for every place it runs: Node
// (test/vectors.test.mjs, test/errors.test.mjs) and Chromium
// (conformance/page.mjs, driven by test/vectors.browser.test.mjs). It asserts
// nothing itself: every comparison goes to the `equal(actual, expected,
// what)` its caller gives (node:assert's in Node, a collector in the page),
// and both sides of every comparison are strings, so outputs are compared
// as JSON text byte for byte and errors as their code and path.
//
// A case runs through `paysel/signed`, and through `paysel` too when it has
// no envelope (that entry has no signed policies); in two forms, with the
// case's policy, envelope and context as JS objects (`new Engine(policy)`,
// `engine.decide(context)`) and as JSON text (`Engine.fromPolicyJson`,
// `engine.decideJson`); and, without an envelope, also through the
// top-level `decide` and `decideJson` with `options.policy`. The object
// output's `JSON.stringify` and the text output must each be the
// expectation's JSON; an expected error must be a PayselError with the
// case's code and path in every form. A case with an `event` then builds
// that event from each object decision with `selection` or `outcome`: its
// `JSON.stringify` must be `expect_event`'s JSON, or it must throw
// `expect_event_error`. A case with `plan` is also planned with `plan`
// (the policy object, the context as an object): the plan's
// `JSON.stringify` must be `expect_plan`'s JSON, or it must throw
// `expect_plan_error` (test/plan.test.mjs checks each key's decision, and
// the picker's).

export const hasEnvelope = (c) => c.envelope_text !== undefined || c.envelope !== undefined;
const isObject = (v) => typeof v === "object" && v !== null;

/** The entries (package export names) a case runs through. */
export const entriesOf = (c) => (hasEnvelope(c) ? ["paysel/signed"] : ["paysel", "paysel/signed"]);

/** The engine a case asks for, from objects or from JSON text. */
function engine({ Engine }, c, form) {
  if (hasEnvelope(c)) {
    const keys = c.trusted_keys ?? [];
    const options = { now_unix_seconds: c.now ?? 0, min_version: c.min_version };
    if (c.envelope_text === undefined && form === "object") return Engine.fromSignedPolicy(c.envelope, keys, options);
    return Engine.fromSignedPolicyJson(c.envelope_text ?? JSON.stringify(c.envelope), keys, options);
  }
  if (c.policy_text !== undefined) return Engine.fromPolicyJson(c.policy_text);
  if (isObject(c.policy)) return form === "object" ? new Engine(c.policy) : Engine.fromPolicyJson(JSON.stringify(c.policy));
  return new Engine();
}

const contextText = (c) => c.context_text ?? JSON.stringify(c.context ?? {});

/** The decision of one case in one form through an Engine: the object, or the text. */
function viaEngine(entry, c, form) {
  const e = engine(entry, c, form);
  const options = { explain: c.explain === true };
  try {
    if (form === "object" && c.context_text === undefined) return e.decide(c.context ?? {}, options);
    return e.decideJson(contextText(c), options);
  } finally {
    e.free();
  }
}

/** The same through the top-level functions, for a case without an envelope. */
function viaTopLevel(entry, c, form) {
  const explain = c.explain === true;
  if (form === "object" && c.context_text === undefined && c.policy_text === undefined) {
    return entry.decide(c.context ?? {}, { policy: isObject(c.policy) ? c.policy : undefined, explain });
  }
  const policy = c.policy_text ?? (isObject(c.policy) ? JSON.stringify(c.policy) : undefined);
  return entry.decideJson(contextText(c), { policy, explain });
}

/** What a call gave, as one string: its JSON text, or its error's code and path. */
function outcome(entry, fn) {
  let value;
  try {
    value = fn();
  } catch (e) {
    return { text: thrown(entry, e) };
  }
  return { value, text: typeof value === "string" ? value : JSON.stringify(value) };
}

function thrown(entry, e) {
  const payselError = e instanceof Error && entry.isPayselError(e) && e.name === "PayselError";
  if (!payselError) return `not a PayselError: ${e}`;
  if (typeof e.message !== "string" || e.message.length === 0) return "a PayselError without a message";
  return errorText(e);
}

const errorText = ({ code, path }) => `PayselError ${code} at ${path}`;

/** What an outcome must be: the expectation's JSON text, or its error. */
const expected = (expect, error) => (error !== undefined ? errorText(error) : JSON.stringify(expect));

/**
 * Runs one case through one entry (the imported module), calling `equal`
 * for every comparison. Returns how many comparisons, events and plans it
 * made.
 */
export function runCase(entry, c, equal) {
  const tally = { comparisons: 0, events: 0, plans: 0 };
  const compare = (actual, expect, what) => {
    tally.comparisons += 1;
    equal(actual, expect, `${c.name}: ${what} (${c.about})`);
  };
  for (const via of hasEnvelope(c) ? [viaEngine] : [viaEngine, viaTopLevel]) {
    for (const form of ["object", "text"]) {
      const out = outcome(entry, () => via(entry, c, form));
      compare(out.text, expected(c.expect, c.expect_error), `${via.name}, ${form}`);
      if (c.event !== undefined && form === "object" && out.value !== undefined) {
        tally.events += 1;
        const event = outcome(entry, () => buildEvent(entry, c.event, out.value));
        compare(event.text, expected(c.expect_event, c.expect_event_error), `${via.name}, ${c.event.type} event`);
      }
    }
  }
  if (c.plan === true) {
    const options = { policy: isObject(c.policy) ? c.policy : undefined };
    const plan = outcome(entry, () => entry.plan(c.context ?? JSON.parse(c.context_text ?? "{}"), options));
    compare(plan.text, expected(c.expect_plan, c.expect_plan_error), "plan");
    tally.plans += 1;
  }
  return tally;
}

function buildEvent(entry, event, decision) {
  switch (event.type) {
    case "selection":
      return entry.selection(decision, event.rail);
    case "outcome":
      return entry.outcome(decision, event.rail, event.result);
    default:
      throw new Error(`unknown event type ${event.type}`);
  }
}

// errors.json's `binding_cases`: bad arguments only a binding can be given.

/** The entries a binding case runs through. */
export const bindingEntriesOf = (c) => (c.entry === undefined ? ["paysel", "paysel/signed"] : [c.entry]);

/** Each entry point a binding case may name, as a function of the argument list. */
export function bindingCalls(paysel) {
  const engine = () => new paysel.Engine();
  return {
    decide: (a) => paysel.decide(...a),
    decideJson: (a) => paysel.decideJson(...a),
    detect: (a) => paysel.detect(...a),
    selection: (a) => paysel.selection(...a),
    outcome: (a) => paysel.outcome(...a),
    "new Engine": (a) => new paysel.Engine(...a),
    "Engine.fromPolicyJson": (a) => paysel.Engine.fromPolicyJson(...a),
    "Engine.fromSignedPolicy": (a) => paysel.Engine.fromSignedPolicy(...a),
    "Engine.fromSignedPolicyJson": (a) => paysel.Engine.fromSignedPolicyJson(...a),
    "engine.decide": (a) => engine().decide(...a),
    "engine.decideJson": (a) => engine().decideJson(...a),
    "engine.detect": (a) => engine().detect(...a),
    "engine.applyPolicy": (a) => engine().applyPolicy(...a),
    "engine.applyPolicyJson": (a) => engine().applyPolicyJson(...a),
    "engine.applySignedPolicy": (a) => engine().applySignedPolicy(...a),
    "engine.applySignedPolicyJson": (a) => engine().applySignedPolicyJson(...a),
  };
}

const WECHAT = { host: "wechat", platform: "android", currency: "CNY", amount: 1200 };

/**
 * Runs one binding case through one entry: each of its `calls` must throw
 * its PayselError, and the module must decide normally after it.
 * `envelopes` is envelopes.json, whose first valid envelope is in scope of
 * the case's `args`. Returns how many calls it made.
 */
export function runBindingCase(paysel, c, envelopes, equal) {
  const table = bindingCalls(paysel);
  const valid = envelopes.cases.find((e) => e.envelope !== undefined && e.expect !== undefined && e.min_version === undefined);
  const scope = {
    defaultPolicy: paysel.defaultPolicy,
    decision: paysel.decide(WECHAT),
    envelope: valid.envelope,
    trusted_keys: valid.trusted_keys,
    now: valid.now ?? 0,
  };
  const args = () => new Function(...Object.keys(scope), `return ${c.args};`)(...Object.values(scope));
  for (const call of c.calls) {
    const out = outcome(paysel, () => {
      const fn = table[call];
      if (fn === undefined) throw new Error(`unknown call ${call}`);
      return fn(args());
    });
    equal(out.text, errorText(c.expect_error), `${c.name}: ${call} (${c.about})`);
    equal(paysel.decide(WECHAT).shown[0].rail, "wechat_pay", `${c.name}: ${call}: the module still decides`);
  }
  return c.calls.length;
}
