// Types of Node's `require("paysel")` (node/paysel.js): the ES module it
// loads, so CommonJS and ESM code see one API.
export * from "../paysel.js";
