// Types of the browser and bundler entry (`paysel.js`): the API, generated
// from the Rust types (`paysel.d.ts`), and the loader, written here because
// wasm-bindgen's own loader declarations expose the raw WebAssembly exports.

export * from "./paysel.js";

/** Where {@link init} finds the `.wasm`: its URL, a `fetch` response, its bytes, or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** What {@link initSync} accepts: the `.wasm` bytes or a compiled module. */
export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Loads the WebAssembly module. Await it once before calling anything else;
 * later calls return at once. Without an argument it fetches `paysel_bg.wasm`
 * next to `paysel.js` (bundlers such as Vite rewrite that URL to the emitted
 * asset). In Node, `import` has already loaded the module and this is a no-op.
 */
export default function init(
  module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>,
): Promise<void>;

/** Loads the WebAssembly module synchronously from its bytes or a compiled module. */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): void;
