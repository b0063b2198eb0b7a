// The labelled UA corpus and the benchmark inputs, shared by the Node and
// browser benchmarks.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** Every labelled line of tests/ua/*.jsonl, in file order. */
export function corpus() {
  const dir = join(root, 'tests/ua');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) =>
      readFileSync(join(dir, f), 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l)),
    );
}

/** The 12-rail policy and the contexts the native benchmark uses too. */
export function inputs() {
  return {
    policy12: JSON.parse(readFileSync(join(root, 'tests/bench/policy-12-rails.json'), 'utf8')),
    contexts: JSON.parse(readFileSync(join(root, 'tests/bench/contexts.json'), 'utf8')),
  };
}

/** Nanoseconds per call of `fn`, over at least `ms` milliseconds. */
export function perCall(fn, ms) {
  let calls = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0n;
  while (elapsed < BigInt(ms) * 1_000_000n) {
    fn();
    calls += 1;
    elapsed = process.hrtime.bigint() - start;
  }
  return Number(elapsed) / calls;
}

/**
 * Mean nanoseconds per item of `fn` over `items`: repeat whole passes until
 * `minMs` has elapsed, after a warm-up of the same length.
 */
export function perItem(items, fn, minMs = 400) {
  const pass = () => {
    for (const item of items) fn(item);
  };
  perCall(pass, minMs);
  return perCall(pass, minMs) / items.length;
}
