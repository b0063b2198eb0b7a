// WASM in Node, in one process: paysel's detect next to ua-parser-js and
// inapp-spy on the same corpus (time per UA and host accuracy), and decide
// per call including the JS<->WASM conversions. Prints one JSON object.
import { detect, Engine } from 'paysel';
import { corpus, inputs, perItem } from './corpus.mjs';
import { uaParserHost, inappSpyHost, UAParserRaw, InAppSpyRaw } from './peers.mjs';

const lines = corpus();
const uas = lines.map((l) => l.ua);
const hintsOf = (l) => l.hints ?? {};

const accuracy = (host) => lines.filter((l) => host(l) === l.host).length / lines.length;

const detectNs = {
  paysel: perItem(uas, (ua) => detect(ua)),
  ua_parser_js: perItem(uas, UAParserRaw),
  inapp_spy: perItem(uas, InAppSpyRaw),
};
const hostAccuracy = {
  paysel: accuracy((l) => detect(l.ua, hintsOf(l)).host),
  ua_parser_js: accuracy((l) => uaParserHost(l.ua)),
  inapp_spy: accuracy((l) => inappSpyHost(l.ua)),
};

const { policy12, contexts } = inputs();
const engines = { default: new Engine(), '12_rails': new Engine(policy12) };
const decideNs = Object.fromEntries(
  Object.entries(engines).map(([name, engine]) => [name, perItem(contexts, (ctx) => engine.decide(ctx))]),
);

console.log(JSON.stringify({ corpus_size: lines.length, detectNs, hostAccuracy, decideNs }));
