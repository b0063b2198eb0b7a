// The trap guard around wasm-bindgen's glue: `cargo xtask wasm` puts this
// file where the entry (paysel.js) says `@include wrap.js`, which saves the
// browser a request.
//
// The package is built with `panic = "abort"`: a trap (a panic, or running
// out of memory) leaves the WebAssembly instance in an unknown state, and
// every later call would fail. So when a call ends with anything but a
// PayselError (a `WebAssembly.RuntimeError`, or an exception that cut a
// call short), the guard has wasm-bindgen build a fresh instance
// (`--experimental-reset-state-function`) and rethrows: the next call
// answers. An `Engine` made before that rebuilds itself, on its next call,
// from the last policy it accepted (and its signed-policy rollback floor).

/** @param {any} glue the wasm-bindgen module */
function wrap(glue) {
  const Raw = glue.Engine;
  // Bumped each time the instance is replaced; engines compare it.
  let generation = 0;
  // Nothing to reset before init().
  let ready = false;

  function recover(error) {
    if (!ready || (error instanceof Error && error.name === "PayselError")) return;
    try {
      glue.__wbg_reset_state();
      generation += 1;
    } catch {
      // The next call finds the instance broken and tries again.
    }
  }

  function call(fn) {
    try {
      return fn();
    } catch (e) {
      recover(e);
      throw e;
    }
  }

  const guard = (fn) => (fn === undefined ? undefined : (...args) => call(() => fn(...args)));
  const json = (value) => (typeof value === "string" ? value : JSON.stringify(value));
  const made = Symbol("an Engine from a static method");

  class Engine {
    #raw;
    #generation = generation;
    // What rebuilds this engine in a new instance: its last signed policy
    // (`[envelopeJson, trustedKeys, options]`, which also restores the
    // rollback floor) and, as JSON text, a plain policy applied after it.
    #signed = undefined;
    #plain = undefined;

    constructor(policy, raw) {
      if (policy === made) {
        this.#raw = raw;
        return;
      }
      this.#raw = call(() => new Raw(policy));
      if (policy !== undefined && policy !== null) this.#plain = json(policy);
    }

    static fromPolicyJson(text) {
      const engine = new Engine(made, call(() => Raw.fromPolicyJson(text)));
      engine.#plain = text;
      return engine;
    }

    static fromSignedPolicy(envelope, trustedKeys, options) {
      const signed = Engine.#signedArgs(envelope, trustedKeys, options);
      const engine = new Engine(made, call(() => Raw.fromSignedPolicy(envelope, trustedKeys, options)));
      engine.#signed = signed;
      return engine;
    }

    static fromSignedPolicyJson(envelopeJson, trustedKeys, options) {
      const signed = Engine.#signedArgs(envelopeJson, trustedKeys, options);
      const engine = new Engine(made, call(() => Raw.fromSignedPolicyJson(envelopeJson, trustedKeys, options)));
      engine.#signed = signed;
      return engine;
    }

    // The clock is read here when options omit it, so that a rebuild
    // verifies at the same time the engine first did.
    static #signedArgs(envelope, trustedKeys, options) {
      const now = Math.floor(Date.now() / 1000);
      const verify = { now_unix_seconds: options?.now_unix_seconds ?? now };
      if (options?.min_version !== undefined && options?.min_version !== null) verify.min_version = options.min_version;
      return () => [json(envelope), JSON.parse(JSON.stringify(trustedKeys)), verify];
    }

    #current() {
      // A freed engine must not reach the module: the glue would throw, and
      // the guard would take that for a broken instance.
      if (this.#raw === null) throw new Error("paysel: this Engine has been freed");
      if (this.#generation !== generation) {
        this.#raw = call(() => {
          const raw = this.#signed ? Raw.fromSignedPolicyJson(...this.#signed()) : new Raw();
          if (this.#plain !== undefined) raw.applyPolicyJson(this.#plain);
          return raw;
        });
        this.#generation = generation;
      }
      return this.#raw;
    }

    applyPolicy(policy) {
      call(() => this.#current().applyPolicy(policy));
      this.#plain = json(policy);
    }

    applyPolicyJson(text) {
      call(() => this.#current().applyPolicyJson(text));
      this.#plain = text;
    }

    applySignedPolicy(envelope, trustedKeys, options) {
      const signed = Engine.#signedArgs(envelope, trustedKeys, options);
      call(() => this.#current().applySignedPolicy(envelope, trustedKeys, options));
      [this.#signed, this.#plain] = [signed, undefined];
    }

    applySignedPolicyJson(envelopeJson, trustedKeys, options) {
      const signed = Engine.#signedArgs(envelopeJson, trustedKeys, options);
      call(() => this.#current().applySignedPolicyJson(envelopeJson, trustedKeys, options));
      [this.#signed, this.#plain] = [signed, undefined];
    }

    get signedVersion() {
      return call(() => this.#current().signedVersion);
    }

    decide(context, options) {
      return call(() => this.#current().decide(context, options));
    }

    decideJson(contextJson, options) {
      return call(() => this.#current().decideJson(contextJson, options));
    }

    detect(userAgent, hints) {
      return call(() => this.#current().detect(userAgent, hints));
    }

    free() {
      if (this.#raw !== null && this.#generation === generation) this.#raw.free();
      this.#raw = null;
    }
  }
  if (Symbol.dispose) Engine.prototype[Symbol.dispose] = Engine.prototype.free;

  // Signed policies exist in `paysel/signed` only.
  if (Raw.fromSignedPolicy === undefined) {
    for (const name of ["fromSignedPolicy", "fromSignedPolicyJson"]) delete Engine[name];
    for (const name of ["applySignedPolicy", "applySignedPolicyJson", "signedVersion"]) delete Engine.prototype[name];
  }

  const api = { Engine };
  for (const [name, value] of Object.entries(glue)) {
    if (typeof value === "function" && !["default", "initSync", "Engine", "__wbg_reset_state"].includes(name)) {
      api[name] = guard(value);
    }
  }
  // V8 compiles each WebAssembly function on its first call. One decision
  // while the module loads moves compiling the whole decision path (reading,
  // detecting, deciding, writing) out of the checkout's first decide().
  const compileTheDecisionPath = () =>
    glue.decide({
      user_agent: "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36 MicroMessenger/8.0.48",
      currency: "CNY",
      amount: 1200,
      country: "CN",
      subject_id: "s",
      last_used: ["alipay"],
      probes: { apple_pay: "ready" },
    });
  api.init = async (input) => {
    await glue.default(input);
    ready = true;
    compileTheDecisionPath();
  };
  api.initSync = (input) => {
    glue.initSync(input);
    ready = true;
    compileTheDecisionPath();
  };
  return api;
}
