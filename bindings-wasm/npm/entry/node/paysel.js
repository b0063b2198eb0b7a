// Node's `require("paysel")`: wasm-bindgen's CommonJS glue
// (glue/paysel.js, which reads glue/paysel_bg.wasm at load) behind the trap
// guard.
"use strict";
const glue = require("./glue/paysel.js");

/* @include wrap.js */

module.exports = wrap(glue);
