// WASM in Node, in one process: paysel's detect next to ua-parser-js and
// inapp-spy on the same corpus (time per UA and host accuracy), and decide
// per call with the JS<->WASM conversions included (Engine.decide with an
// object, Engine.decideJson with text).
import { detect, Engine } from 'paysel';
import { corpus, inputs, perItem } from './corpus.mjs';
import { uaParserHost, inappSpyHost, UAParserRaw, InAppSpyRaw } from './peers.mjs';

/** `quick` runs each timing briefly: for checking that the benchmark runs, not for its figures. */
export function nodeFigures({ quick = false } = {}) {
  const ms = quick ? 20 : 400;
  const lines = corpus();
  const uas = lines.map((l) => l.ua);
  const hintsOf = (l) => l.hints ?? {};
  const accuracy = (host) => lines.filter((l) => host(l) === l.host).length / lines.length;
  const detectNs = {
    paysel: perItem(uas, (ua) => detect(ua), ms),
    ua_parser_js: perItem(uas, UAParserRaw, ms),
    inapp_spy: perItem(uas, InAppSpyRaw, ms),
  };
  const hostAccuracy = {
    paysel: accuracy((l) => detect(l.ua, hintsOf(l)).host),
    ua_parser_js: accuracy((l) => uaParserHost(l.ua)),
    inapp_spy: accuracy((l) => inappSpyHost(l.ua)),
  };
  const { policy12, contexts } = inputs();
  const texts = contexts.map((c) => JSON.stringify(c));
  const engines = { default: new Engine(), '12_rails': new Engine(policy12) };
  const decideNs = Object.fromEntries(Object.entries(engines).map(([name, e]) => [name, perItem(contexts, (c) => e.decide(c), ms)]));
  const decideJsonNs = Object.fromEntries(Object.entries(engines).map(([name, e]) => [name, perItem(texts, (t) => e.decideJson(t), ms)]));
  return { corpus_size: lines.length, detectNs, hostAccuracy, decideNs, decideJsonNs };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(nodeFigures({ quick: process.argv[2] === '--quick' })));
}
