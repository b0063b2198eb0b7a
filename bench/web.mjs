// The web package's figures for `cargo xtask bench`, each with its target
// (issue 19's budgets), and the size breakdown. Prints one JSON object:
// `{ figures: [{metric, value, unit, target}], size_breakdown, raw }`, where
// `target` is `[comparison, bound]` or null.
//
//   node web.mjs [--quick] [TWIGGY]
//
// `--quick` checks that every part runs on the current package layout (one
// cold load per kind, brief timings): a test runs it (js-tests'
// bench.test.mjs) so that a layout change cannot break the benchmark
// unnoticed; its figures mean nothing.
import { coldLoads } from './browser.mjs';
import { nodeFigures } from './node.mjs';
import { sizes } from './sizes.mjs';

export async function webFigures({ quick = false, twiggy } = {}) {
  const size = await sizes({ twiggy });
  const node = nodeFigures({ quick });
  const chromium = await coldLoads({ runs: quick ? 1 : 9 });
  const figures = [];
  const fig = (metric, value, unit, target = null) => figures.push({ metric, value, unit, target });

  const [base, signed] = [size.entries.paysel, size.entries['paysel/signed']];
  fig('size.paysel_gzip_bytes', base.total_gzip, 'bytes', ['<=', 100_000]);
  fig('size.paysel_wasm_gzip_bytes', base.wasm_gzip, 'bytes');
  fig('size.paysel_js_gzip_bytes', base.js_gzip, 'bytes');
  fig('size.paysel_wasm_raw_bytes', base.wasm_raw, 'bytes');
  fig('size.paysel_signed_gzip_bytes', signed.total_gzip, 'bytes', ['<=', 115_000]);
  fig('size.paysel_signed_wasm_gzip_bytes', signed.wasm_gzip, 'bytes');
  fig('size.tarball_packed_bytes', size.tarball.packed, 'bytes', ['<=', 300_000]);
  fig('size.tarball_unpacked_bytes', size.tarball.unpacked, 'bytes');
  fig('size.tarball_wasm_files', size.tarball.wasm_files, 'files', ['<=', 2]);
  fig('size.ua_parser_js_min_gzip_bytes', size.ua_parser_js.gzip, 'bytes');
  fig('size.inapp_spy_min_gzip_bytes', size.inapp_spy.gzip, 'bytes');

  fig('node.decide_default_ns', node.decideNs.default, 'ns', ['<=', 15_000]);
  fig('node.decide_json_default_ns', node.decideJsonNs.default, 'ns', ['<=', 20_000]);
  fig('node.decide_12_rails_ns', node.decideNs['12_rails'], 'ns');
  fig('node.decide_json_12_rails_ns', node.decideJsonNs['12_rails'], 'ns');
  fig('node.detect_ns_per_ua', node.detectNs.paysel, 'ns');
  fig('node.ua_parser_js_ns_per_ua', node.detectNs.ua_parser_js, 'ns');
  fig('node.inapp_spy_ns_per_ua', node.detectNs.inapp_spy, 'ns');
  fig('node.detect_speedup_vs_ua_parser_js', node.detectNs.ua_parser_js / node.detectNs.paysel, 'x', ['>=', 10]);
  fig('node.detect_speedup_vs_inapp_spy', node.detectNs.inapp_spy / node.detectNs.paysel, 'x');
  const bestPeer = Math.max(node.hostAccuracy.ua_parser_js, node.hostAccuracy.inapp_spy);
  fig('node.host_accuracy', node.hostAccuracy.paysel, 'ratio', ['>=', bestPeer]);
  fig('node.ua_parser_js_host_accuracy', node.hostAccuracy.ua_parser_js, 'ratio');
  fig('node.inapp_spy_host_accuracy', node.hostAccuracy.inapp_spy, 'ratio');
  fig('node.corpus_size', node.corpus_size, 'UAs');

  for (const rate of ['1x', '4x']) {
    const p = chromium.paysel[rate];
    const budget = rate === '4x';
    fig(`chromium.${rate}.import_ms`, p.import_ms, 'ms');
    fig(`chromium.${rate}.instantiate_ms`, p.instantiate_ms, 'ms');
    fig(`chromium.${rate}.first_decision_ms`, p.first_decision_ms, 'ms', budget ? ['<=', 5] : null);
    fig(`chromium.${rate}.second_decision_ms`, p.second_decision_ms, 'ms');
    fig(`chromium.${rate}.import_to_first_decision_ms`, p.import_to_first_decision_ms, 'ms', budget ? ['<=', 60] : null);
    const raw = chromium.paysel_unbundled[rate];
    fig(`chromium.${rate}.unbundled_import_ms`, raw.import_ms, 'ms');
    fig(`chromium.${rate}.unbundled_import_to_first_decision_ms`, raw.import_to_first_decision_ms, 'ms');
    const u = chromium.ua_parser_js[rate];
    fig(`chromium.${rate}.ua_parser_js_import_ms`, u.import_ms, 'ms');
    fig(`chromium.${rate}.ua_parser_js_first_parse_ms`, u.first_parse_ms, 'ms');
    fig(`chromium.${rate}.ua_parser_js_import_to_first_parse_ms`, u.import_to_first_parse_ms, 'ms');
  }
  fig('chromium.cold_loads_per_median', chromium.runs, 'loads', quick ? null : ['>=', 9]);
  fig('chromium.decide_default_ns', chromium.warm_decide_ns.default, 'ns');
  fig('chromium.decide_12_rails_ns', chromium.warm_decide_ns['12_rails'], 'ns');

  const size_breakdown = Object.fromEntries(
    Object.entries(size.entries).map(([name, e]) => [name, { files: e.files, wasm_gzip: e.wasm_gzip, js_gzip: e.js_gzip, total_gzip: e.total_gzip, twiggy: e.breakdown ?? null }]),
  );
  return { figures, size_breakdown, raw: { size, node, chromium } };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const twiggy = args.find((a) => a !== '--quick');
  console.log(JSON.stringify(await webFigures({ quick, twiggy })));
}
