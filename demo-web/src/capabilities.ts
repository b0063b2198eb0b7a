// The capability catalogue: `paysel capabilities --json`, written next to
// the page by build.mjs. The citations live here, not in the .wasm, which
// is on a size budget: a decision carries only each answer's evidence level
// and source key, and the page looks the key up in this file.

import type { EvidenceLevel, FormFactor, Host, Launch, Platform } from "paysel";
import type { BuiltinRail } from "./generated/core";

/** One row of the built-in table, as the CLI lists it. */
export interface CatalogueCell {
  rail: BuiltinRail;
  hosts: Host[];
  platforms: Platform[];
  form_factors: FormFactor[];
  browsers: string[];
  mainland_china: boolean | null;
  apple_pay_js_sdk: boolean | null;
  answer: Launch | "blocked" | "unsupported";
  level: EvidenceLevel;
  source: string;
  note: string;
}

/** One citation. */
export interface Source {
  key: string;
  /** The evidence file's label, e.g. `[DOC]`. */
  strength: string;
  /** The evidence file's section, e.g. `B2`. */
  section: string;
  citation: string;
  origin: string;
}

export interface Catalogue {
  cells: CatalogueCell[];
  sources: Source[];
}

/** The file the build writes beside app.js. */
export const CATALOGUE_FILE = "capabilities.json";

/**
 * Loads the catalogue. Resolves to null, with the reason, when it cannot:
 * the page still works, and shows the source keys without their citations.
 */
export async function loadCatalogue(url: URL): Promise<{ catalogue: Catalogue } | { error: string }> {
  try {
    const res = await fetch(url);
    if (!res.ok) return { error: `${url.pathname}: HTTP ${res.status}` };
    const data: unknown = await res.json();
    const { cells, sources } = (data ?? {}) as { cells?: unknown; sources?: unknown };
    if (!Array.isArray(cells) || !Array.isArray(sources)) return { error: `${url.pathname} has no cells and sources` };
    return { catalogue: { cells: cells as CatalogueCell[], sources: sources as Source[] } };
  } catch (e) {
    return { error: `${url.pathname}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * The parts of a source's origin, `;`-separated. A part that starts with an
 * address (`https://...`, or a bare `host.tld/path`) links it; the words
 * after it (`(Web views)`) stay text.
 */
export function originParts(origin: string): { href: string | null; link: string; text: string }[] {
  return origin
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => {
      const m = /^((https?:\/\/)?[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(\/[^\s,]*)?)(.*)$/i.exec(part);
      if (!m || !m[1]) return { href: null, link: "", text: part };
      return { href: m[2] ? m[1] : `https://${m[1]}`, link: m[1], text: m[5] ?? "" };
    });
}
