// A Node ESM consumer (module nodenext, no DOM types): the `node.import`
// entry needs no browser types and no init().
import init, { decide, detect, type Decision } from "paysel";

await init();
const decision: Decision = decide({ host: "alipay", platform: "ios", currency: "CNY" });
export const rails: string[] = decision.shown.map((s) => s.rail);
export const platform: string = detect("Mozilla/5.0").platform;
