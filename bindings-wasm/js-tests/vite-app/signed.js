// The `paysel/signed` entry in the same app: an engine from a signed policy
// envelope the test puts in the URL fragment (JSON of `{ envelope,
// trusted_keys, now }`).
import init, { Engine } from "paysel/signed";

const out = document.getElementById("decision");
try {
  await init();
  const { envelope, trusted_keys, now } = JSON.parse(decodeURIComponent(location.hash.slice(1)));
  const engine = Engine.fromSignedPolicy(envelope, trusted_keys, { now_unix_seconds: now });
  out.textContent = JSON.stringify({ signed_version: engine.signedVersion, decision: engine.decide({}) });
  engine.free();
} catch (e) {
  out.textContent = JSON.stringify({ failed: `${e.name}: ${e.code ?? ""} ${e.message}` });
}
document.documentElement.dataset.ready = "true";
