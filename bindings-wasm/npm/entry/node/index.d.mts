// Types of Node's ESM entry (`node/index.mjs`): the same API as browsers,
// already loaded at import.

export * from "../paysel.js";

/** A no-op in Node, where `import` has already loaded the module; kept for code shared with the browser. */
export default function init(module_or_path?: unknown): Promise<void>;

/** A no-op in Node, where `import` has already loaded the module. */
export function initSync(module?: unknown): void;
