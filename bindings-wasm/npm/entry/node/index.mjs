// Node's `import "paysel"`: the module browsers load (../paysel.js), loaded
// synchronously from its .wasm, so `import { decide } from "paysel"` works
// without `await init()`. `init` stays exported (a no-op here) so that code
// shared with the browser runs unchanged.
import { readFileSync } from "node:fs";
import { initSync } from "../paysel.js";

initSync({ module: readFileSync(new URL("../glue/paysel_bg.wasm", import.meta.url)) });

export * from "../paysel.js";
export { default } from "../paysel.js";
