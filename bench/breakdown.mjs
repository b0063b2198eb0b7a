// Where a .wasm's bytes are, by crate and by component: twiggy (from
// crates.io, installed by `cargo xtask bench`) lists every function and data
// segment of a build that kept its names; each item is put in one crate (the
// first path segment of its name, or of the type it implements a trait for)
// and one component (what the code is for). Names are only kept in a copy:
// the shipped file is the same code without them.
//
// `node breakdown.mjs TWIGGY FILE.wasm` prints the breakdown as JSON.
import { execFileSync } from 'node:child_process';

// The first rule that matches an item's name gives its component, so the
// specific ones come first.
const COMPONENTS = [
  ['data (strings, tables, the default policy)', /^data segment|^data\[/],
  ['serde_path_to_error (JSON paths of errors)', /serde_path_to_error/],
  ['serde derived Deserialize', /Deserialize for|de::Visitor for|__FieldVisitor|__Visitor|DeserializeSeed for/],
  ['serde derived Serialize', /Serialize for|ser::Serialize/],
  ['serde_json', /serde_json/],
  ['serde-wasm-bindgen', /serde_wasm_bindgen/],
  ['formatting and float printing', /core(\[[0-9a-f]+\])?::fmt|flt2dec|core(\[[0-9a-f]+\])?::num::fmt|Debug>::fmt|Display>::fmt|::fmt::/],
  ['allocation', /dlmalloc|talc|alloc(\[[0-9a-f]+\])?::(alloc|raw_vec)|__rust_(alloc|dealloc|realloc)|__rdl_|RawVec/],
  ['wasm-bindgen and js-sys', /wasm_bindgen|js_sys|__wbg|__wbindgen|externref/],
  ['Ed25519 (signed policies)', /curve25519|ed25519|sha2|Sha512|FieldElement|EdwardsPoint/],
  ['paysel_core', /paysel_core/],
  ['the binding (paysel_wasm)', /paysel_wasm/],
];

/** The crate an item belongs to: `core`, `serde_json`, `paysel_core`... */
function crateOf(name) {
  const trait = name.match(/^<(?:&(?:mut )?)?([A-Za-z_][A-Za-z0-9_]*)/);
  const plain = name.match(/^([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::/);
  const crate = (trait ?? plain)?.[1];
  if (/^(data segment|data\[)/.test(name)) return 'data';
  if (!crate || /^(func|elem|type|import|export|table|memory|global)$/.test(crate)) return 'other';
  return crate;
}

/** `{ total, code_and_data, by_crate: {name: bytes}, by_component: {name: bytes} }`. */
export function breakdown(twiggy, wasm) {
  const csv = execFileSync(twiggy, ['top', '--format', 'csv', '-n', '1000000', wasm], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const byCrate = {};
  const byComponent = {};
  let total = 0;
  for (const line of csv.split('\n').slice(1)) {
    const m = line.match(/^("(?:[^"]|"")*"|[^,]*),(\d+),/);
    if (!m) continue;
    const name = m[1].startsWith('"') ? m[1].slice(1, -1).replaceAll('""', '"') : m[1];
    const bytes = Number(m[2]);
    // Sections that are not code or data (names, producers) do not ship.
    if (/subsection|custom section|^"?name"?$|producers|target_features/.test(name)) continue;
    total += bytes;
    const component = COMPONENTS.find(([, re]) => re.test(name))?.[0] ?? 'Rust std and core (other)';
    byComponent[component] = (byComponent[component] ?? 0) + bytes;
    const crate = crateOf(name);
    byCrate[crate] = (byCrate[crate] ?? 0) + bytes;
  }
  const sorted = (o) => Object.fromEntries(Object.entries(o).sort((a, b) => b[1] - a[1]));
  return { code_and_data: total, by_crate: sorted(byCrate), by_component: sorted(byComponent) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(breakdown(process.argv[2], process.argv[3]), null, 1));
}
