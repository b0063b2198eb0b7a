// What a decision rests on: the evidence badge of a rail (documented,
// reported, assumed, or your policy) with its source, and the sources
// panel the badges link to.
//
// The level and the source come from the decision (`explain`); the page
// only looks the source key up in the catalogue for its citation.

import type { Evidence } from "paysel";
import { originParts, type Source } from "./capabilities";
import { h } from "./dom";
import { levelLook } from "./labels";

/** The sources panel's element id for a source key. */
export function sourceAnchor(key: string): string {
  return `src-${key}`;
}

/** The level as a coloured badge; its meaning is its tooltip and, for screen readers, part of its name. */
export function levelBadge(level: string): HTMLElement {
  const look = levelLook(level);
  return h("span", { class: `level level-${level}`, title: look.meaning }, look.badge);
}

/**
 * One line of evidence: "Evidence: [Assumed] source d2-wallet-rivalry [FOLK]",
 * the key linked to its entry in the sources panel; for the policy level,
 * the JSON path of the policy value, linked to the policy editor.
 */
export function evidenceLine(
  evidence: Evidence,
  sources: ReadonlyMap<string, Source>,
  attrs: { id: string; lead?: string },
): HTMLElement {
  const level = evidence.level;
  const source = sources.get(evidence.source);
  const where =
    level === "policy"
      ? [h("a", { href: "#policy", class: "source-link", "data-policy-path": evidence.source }, h("code", {}, evidence.source)), " in your policy"]
      : [
          "source ",
          h("a", { href: `#${sourceAnchor(evidence.source)}`, class: "source-link" }, h("code", {}, evidence.source)),
          source ? h("span", { class: "strength" }, ` ${source.strength}`) : null,
        ];
  return h(
    "p",
    { class: "evidence", id: attrs.id, "data-level": level, "data-source": evidence.source },
    h("span", { class: "evidence-lead" }, `${attrs.lead ?? "Evidence"}:`),
    " ",
    levelBadge(level),
    h("span", { class: "visually-hidden" }, `, ${levelLook(level).meaning} `),
    " ",
    ...where,
  );
}

/** The sources panel: every source of the catalogue, those cited by the decision marked. */
export function renderSources(sources: readonly Source[]): HTMLElement {
  const list = h("ol", { class: "sources", id: "sources" });
  for (const s of sources) {
    const origin = originParts(s.origin).flatMap((part, i) => [
      i > 0 ? "; " : "",
      part.href ? h("a", { href: part.href, rel: "noopener noreferrer", target: "_blank" }, part.link) : "",
      part.text,
    ]);
    list.append(
      h(
        "li",
        { id: sourceAnchor(s.key), "data-source": s.key, tabindex: "-1" },
        h(
          "p",
          { class: "source-head" },
          h("code", { class: "source-key" }, s.key),
          " ",
          h("span", { class: "strength" }, s.strength),
          s.section && s.section !== "-" ? h("span", { class: "section" }, ` · section ${s.section}`) : null,
          h("span", { class: "cited-tag" }, "Cited by this decision"),
        ),
        h("p", { class: "citation" }, s.citation),
        h("p", { class: "origin" }, h("span", { class: "origin-label" }, "Origin: "), ...origin),
      ),
    );
  }
  return list;
}

/** Marks the panel's entries for the source keys the current decision cites. */
export function markCited(panel: HTMLElement, cited: ReadonlySet<string>): void {
  for (const li of panel.querySelectorAll<HTMLElement>("li[data-source]")) {
    li.classList.toggle("cited", cited.has(li.dataset.source ?? ""));
  }
}
