// The host × rail matrix: for one platform, form factor and browser, what
// every built-in rail does in every host, and what that rests on.
//
// The page holds no rule for it: each row is a decision of the engine, with
// explain, for a policy that enables every built-in rail without currency,
// country or amount limits (keeping the edited policy's own `capabilities`
// and `apple_pay_js_sdk`, so its overrides show as "your policy"), in a
// context with every device wallet ready and no wallet app probed.

import { Engine } from "paysel";
import type { BrowserFamily, CheckoutContext, Decision, EvidenceLevel, FormFactor, Host, Platform, Policy } from "paysel";
import { h } from "./dom";
import { levelBadge, sourceAnchor } from "./evidence";
import { BUILTIN_RAILS, type BuiltinRail } from "./generated/core";
import { BROWSERS, FORM_FACTORS, HOSTS, LAUNCH_SHORT, PLATFORMS, REASON_SHORT, label, railLook } from "./labels";

/** What the matrix is computed for. */
export interface MatrixInput {
  platform: Platform;
  form_factor: FormFactor;
  browser: BrowserFamily | undefined;
  country: string | undefined;
  /** The schema string of the default policy. */
  schema: string;
  /** The edited policy's `capabilities`, when it is valid. */
  capabilities: Policy["capabilities"];
  /** The edited policy's `apple_pay_js_sdk`. */
  apple_pay_js_sdk: boolean | undefined;
}

/** One cell: a launch or a hidden reason, and its evidence. */
export interface MatrixCell {
  rail: BuiltinRail;
  /** A `Launch` when shown, a `HiddenReason` when hidden. */
  answer: string;
  shown: boolean;
  level: EvidenceLevel | null;
  source: string | null;
}

export interface Matrix {
  rows: { host: Host; cells: MatrixCell[] }[];
  /** Set when the edited policy's capabilities could not be used. */
  note: string | null;
}

/** The matrix policy: every built-in rail, nothing that hides one for the merchant's reasons. */
function matrixPolicy(input: MatrixInput, withOverrides: boolean): Policy {
  const policy: Policy = { schema: input.schema, version: 0, rails: BUILTIN_RAILS.map((id) => ({ id })) };
  if (withOverrides && input.capabilities) policy.capabilities = input.capabilities;
  if (input.apple_pay_js_sdk !== undefined) policy.apple_pay_js_sdk = input.apple_pay_js_sdk;
  return policy;
}

function cellsOf(decision: Decision): MatrixCell[] {
  return BUILTIN_RAILS.map((rail): MatrixCell => {
    const shown = decision.shown.find((s) => s.rail === rail);
    if (shown) {
      return { rail, answer: shown.launch, shown: true, level: shown.evidence?.level ?? null, source: shown.evidence?.source ?? null };
    }
    const hidden = decision.hidden.find((x) => x.rail === rail);
    return {
      rail,
      answer: hidden?.reason ?? "missing",
      shown: false,
      level: hidden?.evidence?.level ?? null,
      source: hidden?.evidence?.source ?? null,
    };
  });
}

/** Decides once per host; throws what the engine throws. */
export function computeMatrix(input: MatrixInput): Matrix {
  let note: string | null = null;
  let engine: Engine;
  try {
    engine = new Engine(matrixPolicy(input, true));
  } catch (e) {
    // The overrides may name a merchant rail the matrix policy lacks.
    engine = new Engine(matrixPolicy(input, false));
    note = `Your policy's capabilities are left out here: ${e instanceof Error ? e.message : String(e)}`;
  }
  try {
    const base: CheckoutContext = {
      platform: input.platform,
      form_factor: input.form_factor,
      probes: { apple_pay: "ready", google_pay: "ready", payment_request: "ready" },
    };
    if (input.browser) base.browser = input.browser;
    if (input.country) base.country = input.country;
    const rows = (Object.keys(HOSTS) as Host[]).map((host) => ({
      host,
      cells: cellsOf(engine.decide({ ...base, host }, { explain: true })),
    }));
    return { rows, note };
  } finally {
    engine.free();
  }
}

/** A stable key of the input, to recompute only when it changes. */
export function matrixKey(input: MatrixInput): string {
  return JSON.stringify(input);
}

function cellNode(cell: MatrixCell): HTMLTableCellElement {
  const answer = cell.shown ? label(LAUNCH_SHORT, cell.answer) : label(REASON_SHORT, cell.answer);
  return h(
    "td",
    {
      class: `cell ${cell.shown ? "works" : "hidden"}${cell.level ? ` lvl-${cell.level}` : ""}`,
      "data-rail": cell.rail,
      "data-answer": cell.answer,
      "data-level": cell.level ?? "",
      "data-source": cell.source ?? "",
    },
    h("span", { class: "answer" }, answer),
    cell.level ? levelBadge(cell.level) : null,
    cell.source ? h("span", { class: "cell-source" }, cell.source) : null,
  );
}

/** The matrix as a table; `markCurrentHost` marks the context's own row. */
export function renderMatrix(matrix: Matrix): HTMLTableElement {
  const head = h(
    "tr",
    {},
    h("th", { scope: "col" }, "Host"),
    ...BUILTIN_RAILS.map((rail) => h("th", { scope: "col", "data-rail": rail }, railLook(rail).label)),
  );
  const body = h("tbody", {});
  for (const row of matrix.rows) {
    const assumed = row.cells.some((c) => c.level === "assumed");
    body.append(
      h(
        "tr",
        { "data-host": row.host, "data-assumed": assumed ? "true" : "false" },
        h(
          "th",
          { scope: "row" },
          h("span", { class: "host-name" }, label(HOSTS, row.host)),
          " ",
          h("code", {}, row.host),
          h("span", { class: "here", hidden: true }, "this context"),
        ),
        ...row.cells.map(cellNode),
      ),
    );
  }
  return h("table", { id: "matrix", class: "matrix" }, h("thead", {}, head), body);
}

/** "iOS / iPadOS · Phone · Safari · mainland China (CN)". */
export function matrixScope(input: MatrixInput): string {
  const parts = [label(PLATFORMS, input.platform), label(FORM_FACTORS, input.form_factor)];
  parts.push(input.browser ? label(BROWSERS, input.browser) : "browser family unknown");
  parts.push(input.country ? `country ${input.country}` : "no country");
  return parts.join(" · ");
}

/** Counts for the filter's status line. */
export function matrixCounts(matrix: Matrix): { cells: number; assumed: number; hosts: number } {
  let cells = 0;
  let assumed = 0;
  let hosts = 0;
  for (const row of matrix.rows) {
    cells += row.cells.length;
    const n = row.cells.filter((c) => c.level === "assumed").length;
    assumed += n;
    if (n > 0) hosts += 1;
  }
  return { cells, assumed, hosts };
}

/** The distinct sources behind the cells (or only the assumed ones), as links to the sources panel. */
export function matrixSources(matrix: Matrix, onlyAssumed: boolean): HTMLElement {
  const cited = (c: MatrixCell) => (c.level !== "policy" && (!onlyAssumed || c.level === "assumed") ? c.source : null);
  const keys = [...new Set(matrix.rows.flatMap((r) => r.cells.map(cited)))]
    .filter((k): k is string => k !== null)
    .sort();
  return h(
    "p",
    { class: "note matrix-sources" },
    `Sources behind ${onlyAssumed ? "the assumed" : "these"} cells (${keys.length}): `,
    ...keys.flatMap((key, i) => [i > 0 ? ", " : "", h("a", { href: `#${sourceAnchor(key)}`, class: "source-link" }, h("code", {}, key))]),
  );
}
