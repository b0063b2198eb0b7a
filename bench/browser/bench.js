// Runs in headless Chromium, served from 127.0.0.1 with the web build of the
// npm package beside it. Cold start: import the glue, fetch and instantiate
// the .wasm, make the first decision. Warm: decide per call with an Engine.
const t0 = performance.now();
const paysel = await import('./paysel.js');
await paysel.default();
const t1 = performance.now();
const first = paysel.decide({ host: 'wechat', platform: 'android', currency: 'CNY', amount: 249900 });
const t2 = performance.now();
if (first.shown[0].rail !== 'wechat_pay') throw new Error('unexpected first decision');

const contexts = await (await fetch('./contexts.json')).json();
const policy12 = await (await fetch('./policy-12-rails.json')).json();

function perCall(engine, ms) {
  let calls = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (const ctx of contexts) engine.decide(ctx);
    calls += contexts.length;
  }
  return ((performance.now() - start) * 1e6) / calls;
}

const warm = {};
for (const [name, engine] of [['default', new paysel.Engine()], ['12_rails', new paysel.Engine(policy12)]]) {
  perCall(engine, 300);
  warm[name] = perCall(engine, 700);
}
window.__bench = {
  cold_start_ms: t2 - t0,
  instantiate_ms: t1 - t0,
  first_decide_ms: t2 - t1,
  navigation_to_first_decision_ms: t2,
  warm_decide_ns: warm,
};
document.getElementById('status').textContent = JSON.stringify(window.__bench);
