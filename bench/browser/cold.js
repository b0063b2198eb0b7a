// One cold load of a checkout page that loads a library when the payment
// step renders (import() on demand), timed in parts inside the page:
// `?lib=paysel` imports paysel bundled as a web app ships it (one module,
// the .wasm beside it; `?lib=paysel-package` the package's own entry
// unbundled), runs init() (fetch, compile and instantiate the .wasm, and
// the one decision that compiles the decision path) and decides twice;
// `?lib=ua-parser-js` imports ua-parser-js, bundled the same way, and
// parses once: the same kind of page for a library most checkouts carry. `?warm=1`
// also times warm decisions afterwards. The figures land in window.__bench.
const params = new URLSearchParams(location.search);
const WECHAT = { host: 'wechat', platform: 'android', currency: 'CNY', amount: 249900 };
const IOS = { platform: 'ios', probes: { apple_pay: 'ready' }, currency: 'USD', amount: 999, country: 'US' };
const UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0 Mobile Safari/537.36 MicroMessenger/8.0.48.2580(0x28003036) WeChat/arm64';

async function paysel() {
  const t0 = performance.now();
  const url = params.get('lib') === 'paysel-package' ? '/bindings-wasm/pkg/paysel.js' : '/target/bench/paysel/paysel.mjs';
  const lib = await import(url);
  const t1 = performance.now();
  await lib.default();
  const t2 = performance.now();
  const first = lib.decide(WECHAT);
  const t3 = performance.now();
  lib.decide(IOS);
  const t4 = performance.now();
  if (first.shown[0].rail !== 'wechat_pay') throw new Error(`unexpected first decision ${JSON.stringify(first.shown[0])}`);
  const figures = {
    import_ms: t1 - t0,
    instantiate_ms: t2 - t1,
    first_decision_ms: t3 - t2,
    second_decision_ms: t4 - t3,
    import_to_first_decision_ms: t3 - t0,
  };
  if (params.has('warm')) figures.warm_decide_ns = await warm(lib);
  return figures;
}

async function uaParser() {
  const t0 = performance.now();
  const { UAParser } = await import('/target/bench/ua-parser-js.mjs');
  const t1 = performance.now();
  const browser = new UAParser(UA).getResult().browser;
  const t2 = performance.now();
  if (!browser.name) throw new Error('ua-parser-js found no browser');
  return { import_ms: t1 - t0, first_parse_ms: t2 - t1, import_to_first_parse_ms: t2 - t0 };
}

/** Warm decisions per call, with an engine for the default and the 12-rail policy. */
async function warm(lib) {
  const contexts = await (await fetch('/tests/bench/contexts.json')).json();
  const policy12 = await (await fetch('/tests/bench/policy-12-rails.json')).json();
  const perCall = (engine, ms) => {
    let calls = 0;
    const start = performance.now();
    while (performance.now() - start < ms) {
      for (const ctx of contexts) engine.decide(ctx);
      calls += contexts.length;
    }
    return ((performance.now() - start) * 1e6) / calls;
  };
  const out = {};
  for (const [name, engine] of [['default', new lib.Engine()], ['12_rails', new lib.Engine(policy12)]]) {
    perCall(engine, 300);
    out[name] = perCall(engine, 700);
  }
  return out;
}

try {
  window.__bench = await (params.get('lib') === 'ua-parser-js' ? uaParser() : paysel());
} catch (e) {
  window.__bench = { failed: String(e) };
}
document.getElementById('status').textContent = JSON.stringify(window.__bench);
