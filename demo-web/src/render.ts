// Renders a decision: the checkout panel (shown rails) and the hidden list.

import type { Decision } from "paysel";
import type { Source } from "./capabilities";
import { h, svg } from "./dom";
import { evidenceLine } from "./evidence";
import { BROWSERS, FORM_FACTORS, PLATFORMS, hostName, label, launchWords, placementWords, railLook, reasonSentence } from "./labels";

type Shown = Decision["shown"][number];
type Score = NonNullable<Shown["score"]>;

/** A rail's colour chip: an inline SVG, no external asset or font. */
export function chip(rail: string): SVGElement {
  const look = railLook(rail);
  const body: SVGElement[] = [
    svg("rect", {
      x: "0.5",
      y: "0.5",
      width: "39",
      height: "27",
      rx: "6",
      fill: look.bg,
      stroke: look.outline ? "#c4c9d4" : "none",
    }),
  ];
  if (rail === "card") {
    body.push(
      svg("rect", { x: "9", y: "7", width: "22", height: "14", rx: "2", fill: "none", stroke: look.fg, "stroke-width": "1.6" }),
      svg("rect", { x: "9", y: "10.5", width: "22", height: "2.6", fill: look.fg }),
    );
  } else {
    body.push(
      svg(
        "text",
        {
          x: "20",
          y: "19",
          "text-anchor": "middle",
          fill: look.fg,
          "font-family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
          "font-size": look.glyph.length > 1 ? "11" : "15",
          "font-weight": "700",
        },
        look.glyph,
      ),
    );
  }
  return svg("svg", { class: "chip", viewBox: "0 0 40 28", width: "40", height: "28", "aria-hidden": "true" }, ...body);
}

/** "190 = 80 weight + 100 in-host bonus + 10 boost wechat_pay_lower_tier_cities". */
export function scoreWords(score: Score): string {
  const terms = [`${score.base} weight`];
  if (score.host_native !== 0) terms.push(`${score.host_native} in-host bonus`);
  for (const b of score.boosts) terms.push(`${b.delta} boost ${b.source}`);
  for (const e of score.experiments) terms.push(`${e.delta} experiment ${e.source}`);
  if (terms.length === 1) return `${score.total} (weight)`;
  return `${score.total} = ${terms.join(" + ").replace(/\+ -/g, "− ")}`;
}

/** The "why" line of one shown rail: its placement, and its score with explain on. */
export function whyLine(shown: Shown): string {
  const place = placementWords(shown.placement);
  if (!shown.score) return place;
  return shown.placement === "score" ? `${place}: ${scoreWords(shown.score)}` : `${place} (score ${scoreWords(shown.score)})`;
}

/** The amount in major units, e.g. "¥2,499.00", or null when it cannot be shown. */
export function formatAmount(amount: unknown, currency: unknown): string | null {
  if (typeof amount !== "number" || typeof currency !== "string") return null;
  try {
    const fmt = new Intl.NumberFormat("en", { style: "currency", currency });
    const digits = fmt.resolvedOptions().maximumFractionDigits ?? 2;
    return fmt.format(amount / 10 ** digits);
  } catch {
    return null;
  }
}

/** "Android · Phone · inside WeChat", or "… · in a system browser (Safari)". */
export function environmentWords(env: Decision["environment"]): string {
  const family = env.browser ? ` (${label(BROWSERS, env.browser)})` : "";
  const where = env.host === "browser" ? `in a system browser${family}` : `inside ${hostName(env.host)}`;
  return `${label(PLATFORMS, env.platform)} · ${label(FORM_FACTORS, env.form_factor)} · ${where}`;
}

/** Why a rail has no evidence line: explain is off, or no capability cell decided it. */
function noEvidence(explain: boolean, id: string): HTMLElement {
  return h(
    "p",
    { class: "evidence none", id, "data-level": "" },
    explain ? "No capability cell decided this." : "Turn on Explain to see what this rests on.",
  );
}

/** Every source key a decision cites (built-in levels only; policy paths are not sources). */
export function citedSources(decision: Decision): Set<string> {
  const cited = new Set<string>();
  const add = (e: { level: string; source: string } | undefined) => {
    if (e && e.level !== "policy") cited.add(e.source);
  };
  for (const s of decision.shown) {
    add(s.evidence);
    add(s.escape_evidence);
  }
  for (const x of decision.hidden) add(x.evidence);
  return cited;
}

/** The shown rails as a mock checkout: radio buttons, preselected one checked, each with its evidence. */
export function renderShown(decision: Decision, sources: ReadonlyMap<string, Source>, explain: boolean): HTMLElement {
  if (decision.shown.length === 0) {
    return h("p", { class: "empty" }, "No rail can be shown for this context: the shopper cannot pay here.");
  }
  const host = decision.environment.host;
  const list = h("ol", { class: "rails", id: "shown-rails" });
  decision.shown.forEach((shown, i) => {
    const look = railLook(shown.rail);
    const pre = decision.preselected === shown.rail;
    const inputId = `rail-${i}`;
    const guide = shown.launch === "open_in_browser";
    const evidenceId = `${inputId}-evidence`;
    // The decision names a policy override even without explain.
    const decided = shown.evidence ?? (shown.policy_override ? { level: "policy" as const, source: shown.policy_override } : undefined);
    const evidence = decided ? evidenceLine(decided, sources, { id: evidenceId }) : noEvidence(explain, evidenceId);
    const escape =
      shown.escape && shown.escape_evidence
        ? evidenceLine(shown.escape_evidence, sources, { id: `${inputId}-escape`, lead: `Escape (${shown.escape})` })
        : null;
    list.append(
      h(
        "li",
        {
          class: `rail${pre ? " preselected" : ""}${guide ? " guide" : ""}`,
          "data-rail": shown.rail,
          "data-launch": shown.launch,
          "data-placement": shown.placement,
        },
        h("input", {
          type: "radio",
          name: "checkout-rail",
          id: inputId,
          value: shown.rail,
          checked: pre,
          "aria-describedby": `${inputId}-launch ${inputId}-why ${evidenceId}${escape ? ` ${inputId}-escape` : ""}`,
        }),
        h(
          "label",
          { for: inputId },
          chip(shown.rail),
          h(
            "span",
            { class: "rail-text" },
            h(
              "span",
              { class: "rail-name" },
              look.label,
              pre ? h("span", { class: "badge" }, "Preselected") : null,
            ),
            h("span", { class: "rail-launch", id: `${inputId}-launch` }, launchWords(shown.launch, host)),
            h("span", { class: "rail-why", id: `${inputId}-why` }, whyLine(shown)),
          ),
          h("span", { class: "rail-pos", "aria-hidden": "true" }, String(i + 1)),
        ),
        h("div", { class: "rail-evidence" }, evidence, escape),
      ),
    );
  });
  return list;
}

/** Every hidden rail with its reason in plain language, the engine's detail and its evidence. */
export function renderHidden(decision: Decision, sources: ReadonlyMap<string, Source>, explain: boolean): HTMLElement {
  if (decision.hidden.length === 0) {
    return h("p", { class: "empty" }, "No rail is hidden.");
  }
  const host = decision.environment.host;
  const list = h("ul", { class: "hidden-rails", id: "hidden-rails" });
  decision.hidden.forEach((hidden, i) => {
    const evidenceId = `hidden-${i}-evidence`;
    list.append(
      h(
        "li",
        { "data-rail": hidden.rail, "data-reason": hidden.reason },
        chip(hidden.rail),
        h(
          "div",
          { class: "hidden-text" },
          h(
            "p",
            { class: "hidden-head" },
            h("strong", {}, railLook(hidden.rail).label),
            " ",
            h("span", { class: "reason-sentence" }, reasonSentence(hidden.reason, host)),
          ),
          h("p", { class: "hidden-detail" }, h("code", { class: "code-tag" }, hidden.reason), " ", hidden.detail),
          hidden.evidence ? evidenceLine(hidden.evidence, sources, { id: evidenceId }) : noEvidence(explain, evidenceId),
        ),
      ),
    );
  });
  return list;
}

/** A one-line summary for screen readers and the page title. */
export function summary(decision: Decision): string {
  const first = decision.shown[0];
  if (!first) return `No rail shown, ${decision.hidden.length} hidden.`;
  return `${railLook(first.rail).label} first, ${decision.shown.length} shown, ${decision.hidden.length} hidden.`;
}
