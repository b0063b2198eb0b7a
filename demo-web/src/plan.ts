// The plan card: what a server-rendered page would embed for this context
// (the package's `plan()`), and the decision `paysel/plan` picks on the
// phone for each answer its probes can give.

import type { Plan } from "paysel";
import { h } from "./dom";
import { PROBES, railLook } from "./labels";

/** A probe's answer as its digit in a plan key (the `Plan` type's documentation: yes 0, no 1, unknown 2). */
const ANSWERS = ["yes", "no", "unknown"] as const;

/** The answers that key `key` of a plan with `count` probes stands for: its base-3 digits, the first probe most significant. */
function answersOf(key: number, count: number): string[] {
  const digits: string[] = [];
  for (let i = 0, rest = key; i < count; i++, rest = Math.floor(rest / 3)) digits.unshift(ANSWERS[rest % 3] ?? "unknown");
  return digits;
}

/** The shown rails of a decision in order, the preselected one marked. */
function railsOf(decision: Plan["decisions"][number]): Node {
  if (decision.shown.length === 0) return h("span", { class: "empty" }, "no rail");
  return h(
    "ol",
    { class: "plan-rails" },
    ...decision.shown.map((s) =>
      h("li", { "data-rail": s.rail }, railLook(s.rail).label, decision.preselected === s.rail ? " " : null, decision.preselected === s.rail ? h("span", { class: "badge" }, "Preselected") : null),
    ),
  );
}

/** The plan: which probes the page runs, and a row per answer with the decision it picks. */
export function renderPlan(plan: Plan): Node {
  const bytes = new TextEncoder().encode(JSON.stringify(plan)).length;
  const size = `${plan.decisions.length} distinct decision${plan.decisions.length === 1 ? "" : "s"}, ${bytes.toLocaleString("en-US")} bytes of JSON to embed in the page.`;
  if (plan.probes.length === 0) {
    return h(
      "div",
      { id: "plan", "data-probes": "" },
      h("p", { id: "plan-summary" }, "No probe can change this decision: the page shows it as it is, without running any. ", size),
    );
  }
  const names = plan.probes.map((p) => PROBES[p]);
  const table = h(
    "table",
    { class: "matrix plan-table" },
    h("caption", { class: "visually-hidden" }, "The decision for each answer of the probes"),
    h("thead", {}, h("tr", {}, ...names.map((n) => h("th", { scope: "col" }, n)), h("th", { scope: "col" }, "Rails shown"))),
    h(
      "tbody",
      {},
      ...plan.pick.map((index, key) => {
        const answers = answersOf(key, plan.probes.length);
        const decision = plan.decisions[index];
        return h(
          "tr",
          { "data-key": String(key), "data-answers": answers.join(","), "data-decision": String(index) },
          ...answers.map((a) => h("td", { class: `answer ${a}` }, a)),
          h("td", {}, decision ? railsOf(decision) : "no decision"),
        );
      }),
    ),
  );
  return h(
    "div",
    { id: "plan", "data-probes": plan.probes.join(",") },
    h(
      "p",
      { id: "plan-summary" },
      `The page runs ${names.length === 1 ? "one probe" : `${names.length} probes`} (${names.join(", ")}) and picks from ${plan.pick.length} answers: `,
      size,
    ),
    h("div", { class: "matrix-wrap", role: "region", "aria-label": "Plan", tabindex: "0" }, table),
  );
}
