// The conformance vectors in the browser: both entries of the packed
// package (bindings-wasm/pkg) loaded as a browser loads them, the ESM entry
// and its `init()`, and every case of a vector file run by runner.mjs, the
// runner Node uses. The page is served from the repository root, so the
// vector files are fetched from tests/vectors/. test/vectors.browser.test.mjs
// calls `window.runVectorFile(file)` once per file.
import init, * as base from "../../pkg/paysel.js";
import initSigned, * as signed from "../../pkg/signed/paysel.js";
import { bindingEntriesOf, entriesOf, runBindingCase, runCase } from "./runner.mjs";

const entries = { paysel: base, "paysel/signed": signed };
await Promise.all([init(), initSigned()]);

const fetchVectors = async (file) => {
  const response = await fetch(new URL(`../../../tests/vectors/${file}`, import.meta.url));
  if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
  return response.json();
};

// The first failures, each cut around where actual and expected part, so
// that a broken case reads in the test's output without megabytes of JSON.
const MAX_FAILURES = 20;

function excerpt(actual, expected) {
  const [a, b] = [String(actual), String(expected)];
  let at = 0;
  while (at < a.length && a[at] === b[at]) at += 1;
  const cut = (s) => (at > 60 ? "…" : "") + s.slice(Math.max(0, at - 60), at + 140) + (s.length > at + 140 ? "…" : "");
  return { at, actual: cut(a), expected: cut(b) };
}

/** Runs every case of one vector file (and errors.json's binding cases) through each of its entries. */
window.runVectorFile = async (file) => {
  const suite = await fetchVectors(file);
  const result = { paysel: 0, "paysel/signed": 0, comparisons: 0, events: 0, plans: 0, bindingCalls: 0, failures: [] };
  const equal = (actual, expected, what) => {
    result.comparisons += 1;
    if (actual !== expected && result.failures.push({ what, ...excerpt(actual, expected) }) >= MAX_FAILURES) {
      throw new Error(`${MAX_FAILURES} failures, stopped`);
    }
  };
  try {
    for (const c of suite.cases) {
      for (const name of entriesOf(c)) {
        const tally = runCase(entries[name], c, equal);
        result[name] += 1;
        result.events += tally.events;
        result.plans += tally.plans;
      }
    }
    if (suite.binding_cases !== undefined) {
      const envelopes = await fetchVectors("envelopes.json");
      for (const c of suite.binding_cases) {
        for (const name of bindingEntriesOf(c)) result.bindingCalls += runBindingCase(entries[name], c, envelopes, equal);
      }
    }
  } catch (e) {
    result.failures.push({ what: "the run", actual: String(e?.stack ?? e), expected: "no exception" });
  }
  return result;
};

document.documentElement.dataset.ready = "";
