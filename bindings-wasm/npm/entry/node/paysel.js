// Node's `require("paysel")`: the ESM entry (index.mjs) through require()
// of an ES module (Node 20.19+ and 22.12+), so that CommonJS and ESM code
// share one instance of the module and the package ships one .wasm per
// entry.
"use strict";
module.exports = require("./index.mjs");
