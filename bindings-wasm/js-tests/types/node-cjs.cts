// A CommonJS consumer (module nodenext, no DOM types): the `node.require` entry.
import paysel = require("paysel");

const decision: paysel.Decision = paysel.decide({ platform: "android", host: "native" });
const engine = new paysel.Engine(paysel.defaultPolicy());
export const preselected: string | null = decision.preselected;
export const host: paysel.Host = engine.detect("Mozilla/5.0").host;
engine.free();

import signed = require("paysel/signed");
export const floor: number | undefined = signed.Engine.fromSignedPolicyJson("{}", []).signedVersion;
