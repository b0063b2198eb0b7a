// Renders a decision: the checkout panel (shown rails) and the hidden list.

import type { Decision } from "paysel";
import { h, svg } from "./dom";
import { hostName, launchWords, placementWords, railLook, reasonSentence, FORM_FACTORS, PLATFORMS } from "./labels";

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

/** "Android · Phone · inside WeChat". */
export function environmentWords(env: Decision["environment"]): string {
  const where = env.host === "browser" ? "in a system browser" : `inside ${hostName(env.host)}`;
  return `${PLATFORMS[env.platform] ?? env.platform} · ${FORM_FACTORS[env.form_factor] ?? env.form_factor} · ${where}`;
}

/** The shown rails as a mock checkout: radio buttons, preselected one checked. */
export function renderShown(decision: Decision): HTMLElement {
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
          "aria-describedby": `${inputId}-launch ${inputId}-why`,
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
      ),
    );
  });
  return list;
}

/** Every hidden rail with its reason in plain language and the engine's detail. */
export function renderHidden(decision: Decision): HTMLElement {
  if (decision.hidden.length === 0) {
    return h("p", { class: "empty" }, "No rail is hidden.");
  }
  const host = decision.environment.host;
  const list = h("ul", { class: "hidden-rails", id: "hidden-rails" });
  for (const hidden of decision.hidden) {
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
        ),
      ),
    );
  }
  return list;
}

/** A one-line summary for screen readers and the page title. */
export function summary(decision: Decision): string {
  const first = decision.shown[0];
  if (!first) return `No rail shown, ${decision.hidden.length} hidden.`;
  return `${railLook(first.rail).label} first, ${decision.shown.length} shown, ${decision.hidden.length} hidden.`;
}
