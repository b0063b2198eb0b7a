// The `paysel` module for browsers, bundlers and Node: wasm-bindgen's glue
// (glue/paysel.js, which loads glue/paysel_bg.wasm) behind the trap guard.
import * as glue from "./glue/paysel.js";

/* @include wrap.js */

const paysel = wrap(glue);
export const {
  Engine,
  contextFromBrowser,
  decide,
  decideJson,
  defaultPolicy,
  detect,
  initSync,
  isPayselError,
  outcome,
  plan,
  selection,
  version,
} = paysel;
export default paysel.init;
