// The page state that a shared link carries, and its encoding in the URL
// hash: `#c=<context>&p=<policy>&x=0`, each value base64url of UTF-8 JSON.
// The hash never reaches a server, so a link carries the exact case without
// sending it anywhere.

/**
 * A context as the editor holds it: the wire format, but not yet validated.
 * A value the shopper typed wrong (an amount of "12a") is kept as typed, so
 * the core reports it with its code and path instead of the page guessing.
 */
export type WireContext = Record<string, unknown>;

/** What a shared link restores. */
export interface Shared {
  context: WireContext;
  /** The policy text when edited; null means the embedded default policy. */
  policyText: string | null;
  /** Explain mode (score breakdowns), on unless the link says `x=0`. */
  explain: boolean;
}

export function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(encoded: string): string {
  const b64 = encoded.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}

/** The hash (with its `#`) for a state. */
export function encodeHash(state: Shared): string {
  const parts = [`c=${toBase64Url(JSON.stringify(state.context))}`];
  if (state.policyText !== null) parts.push(`p=${toBase64Url(state.policyText)}`);
  if (!state.explain) parts.push("x=0");
  return `#${parts.join("&")}`;
}

/**
 * Reads a hash made by `encodeHash`. Returns null for an empty hash, and an
 * error message for a hash that cannot be read (a truncated link).
 */
export function decodeHash(hash: string): Shared | { error: string } | null {
  const body = hash.replace(/^#/, "");
  if (body === "") return null;
  const params = new URLSearchParams(body);
  const c = params.get("c");
  if (c === null) return { error: "the link has no context (c=...)" };
  try {
    const context: unknown = JSON.parse(fromBase64Url(c));
    if (typeof context !== "object" || context === null || Array.isArray(context)) {
      return { error: "the link's context is not a JSON object" };
    }
    const p = params.get("p");
    return {
      context: context as WireContext,
      policyText: p === null ? null : fromBase64Url(p),
      explain: params.get("x") !== "0",
    };
  } catch (e) {
    return { error: `the link cannot be read (${e instanceof Error ? e.message : String(e)}); was it cut short?` };
  }
}
