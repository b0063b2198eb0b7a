// Compiled with `tsc --noEmit --strict` against the built package: the
// `paysel/signed` entry types signed policies, and the `paysel` entry does
// not offer them.
import init, { Engine, decide, type Decision, type Envelope, type TrustedKey, type VerifyOptions } from "paysel/signed";
import { Engine as DefaultEngine } from "paysel";

export async function fromCdn(envelope: Envelope, pinned: TrustedKey[]): Promise<Decision> {
  await init();
  const options: VerifyOptions = { now_unix_seconds: Math.floor(Date.now() / 1000), min_version: 3 };
  const engine = Engine.fromSignedPolicy(envelope, pinned, options);
  engine.applySignedPolicy(envelope, pinned);
  engine.applySignedPolicyJson(JSON.stringify(envelope), pinned);
  const floor: number | undefined = engine.signedVersion;
  console.log(floor, decide({}).policy_version);
  try {
    return engine.decide({ host: "wechat" });
  } finally {
    engine.free();
  }
}

// @ts-expect-error: the default entry has no signed policies
DefaultEngine.fromSignedPolicy("{}", []);
// @ts-expect-error: trusted keys are objects
Engine.fromSignedPolicyJson("{}", ["key"]);
// @ts-expect-error: an envelope object is not JSON text
Engine.fromSignedPolicy("{}", []);
