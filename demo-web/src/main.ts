// The paysel QA page: edit a context and a policy, see the decision the
// engine makes, and share the exact case as a link.
//
// Everything runs in the page through the npm package `paysel` (WASM): the
// page holds no decision logic of its own, only labels for the wire codes.

import init, { Engine, contextFromBrowser, defaultPolicy, detect, plan, version } from "paysel";
import type { CheckoutContext, Decision, Detection, Policy } from "paysel";
import { CATALOGUE_FILE, loadCatalogue, type Source } from "./capabilities";
import { byId, fillSelect, h, setSelect } from "./dom";
import { levelBadge, markCited, renderSources } from "./evidence";
import { BUILTIN_RAILS } from "./generated/core";
import {
  AVAILABILITY,
  BROWSERS,
  FORM_FACTORS,
  HOSTS,
  LEVELS,
  PLATFORMS,
  PROBES,
  READINESS,
  WALLET_APPS,
  hostName,
  label,
  railLook,
} from "./labels";
import {
  computeMatrix,
  matrixCounts,
  matrixKey,
  matrixScope,
  matrixSources,
  renderMatrix,
  type Matrix,
  type MatrixInput,
} from "./matrix";
import { renderPlan } from "./plan";
import { PRESETS } from "./presets";
import { citedSources, environmentWords, formatAmount, renderHidden, renderShown, summary } from "./render";
import { decodeHash, encodeHash, type Shared, type WireContext } from "./state";
import { UA_SAMPLES } from "./ua_samples";

/** Set by the build: the file name of the package's `.wasm`, copied next to app.js. */
declare const __PAYSEL_WASM__: string;

/** A paysel error (or any other throw) as the page shows it. */
interface Failure {
  code: string;
  path: string;
  message: string;
}

function failure(e: unknown): Failure {
  if (e instanceof Error) {
    const { code, path } = e as Error & { code?: unknown; path?: unknown };
    return {
      code: typeof code === "string" ? code : e.name,
      path: typeof path === "string" ? path : "",
      message: e.message,
    };
  }
  return { code: "error", path: "", message: String(e) };
}

// ---------------------------------------------------------------- elements

const el = {
  boot: byId("boot", HTMLElement),
  app: byId("app", HTMLElement),
  linkError: byId("link-error", HTMLElement),
  share: byId("share-url", HTMLInputElement),
  copyLink: byId("copy-link", HTMLButtonElement),
  presets: byId("presets", HTMLElement),
  useBrowser: byId("use-browser", HTMLButtonElement),
  browserNote: byId("browser-note", HTMLElement),
  form: byId("context-form", HTMLFormElement),
  platform: byId("f-platform", HTMLSelectElement),
  formFactor: byId("f-form_factor", HTMLSelectElement),
  host: byId("f-host", HTMLSelectElement),
  browser: byId("f-browser", HTMLSelectElement),
  extraFields: byId("extra-fields", HTMLElement),
  wallets: byId("wallets", HTMLElement),
  probes: byId("probes", HTMLElement),
  preferred: byId("f-preferred_rail", HTMLSelectElement),
  lastUsed: byId("f-last_used", HTMLInputElement),
  railIds: byId("rail-ids", HTMLDataListElement),
  subject: byId("f-subject_id", HTMLInputElement),
  amount: byId("f-amount", HTMLInputElement),
  amountHint: byId("f-amount-hint", HTMLElement),
  currency: byId("f-currency", HTMLInputElement),
  country: byId("f-country", HTMLInputElement),
  tier: byId("f-region_tier", HTMLSelectElement),
  contextError: byId("context-error", HTMLElement),
  uaSample: byId("ua-sample", HTMLSelectElement),
  uaInput: byId("ua-input", HTMLTextAreaElement),
  uaDetect: byId("ua-detect", HTMLButtonElement),
  uaApply: byId("ua-apply", HTMLButtonElement),
  uaResult: byId("ua-result", HTMLElement),
  policy: byId("policy", HTMLTextAreaElement),
  policyStatus: byId("policy-status", HTMLElement),
  policyError: byId("policy-error", HTMLElement),
  policyFormat: byId("policy-format", HTMLButtonElement),
  policyReset: byId("policy-reset", HTMLButtonElement),
  explain: byId("explain", HTMLInputElement),
  decisionError: byId("decision-error", HTMLElement),
  decisionBody: byId("decision-body", HTMLElement),
  total: byId("checkout-total", HTMLElement),
  env: byId("checkout-env", HTMLElement),
  shown: byId("shown", HTMLElement),
  experiments: byId("experiments", HTMLElement),
  summary: byId("summary", HTMLElement),
  hidden: byId("hidden", HTMLElement),
  planBody: byId("plan-body", HTMLElement),
  decisionJson: byId("decision-json", HTMLElement),
  exposureJson: byId("exposure-json", HTMLElement),
  contextJson: byId("context-json", HTMLElement),
  matrixScope: byId("matrix-scope", HTMLElement),
  matrixLegend: byId("matrix-legend", HTMLElement),
  matrixNote: byId("matrix-note", HTMLElement),
  matrixAssumed: byId("matrix-assumed", HTMLInputElement),
  matrixCount: byId("matrix-count", HTMLElement),
  matrixTable: byId("matrix-table", HTMLElement),
  matrixSources: byId("matrix-sources", HTMLElement),
  sources: byId("sources-list", HTMLElement),
  sourcesNote: byId("sources-note", HTMLElement),
  copyStatus: byId("copy-status", HTMLElement),
  version: byId("version", HTMLElement),
};

const walletSelects = new Map<string, HTMLSelectElement>();
const probeSelects = new Map<string, HTMLSelectElement>();

// ------------------------------------------------------------------- state

/** The embedded default policy, pretty-printed, and its schema string. */
let defaultPolicyText = "";
let defaultSchema = "";
/** The edited policy text, or null for the embedded default. */
let policyText: string | null = null;
/** The engine for `policyText`, or null when that policy is broken. */
let engine: Engine | null = null;
let engineFor: string | null | undefined = undefined;
let policyError: Failure | null = null;
/** The last decision that succeeded, greyed out while the inputs are broken. */
let lastGood: Decision | null = null;
/** Context fields the editor has no control for (e.g. `user_agent` from a link), kept as they are. */
let extra: WireContext = {};
let lastDetection: Detection | null = null;
/** The citations by source key, from the catalogue the build wrote (empty until it loads). */
let sources: ReadonlyMap<string, Source> = new Map();
/** The matrix shown, and the input it was computed for. */
let matrix: Matrix | null = null;
let matrixFor = "";

// ------------------------------------------------------------- the editor

const MANAGED = new Set([
  "platform",
  "form_factor",
  "host",
  "browser",
  "installed_wallets",
  "probes",
  "preferred_rail",
  "last_used",
  "amount",
  "currency",
  "country",
  "region_tier",
  "subject_id",
]);

/**
 * Select options "Label (id)" for a wire enum, after an "unset" option. The
 * labels are a `Record` over the enum, so the menu has every value.
 */
function options(labels: Record<string, string>, unset: string): [string, string][] {
  return [["", unset], ...Object.entries(labels).map(([id, label]): [string, string] => [id, `${label} (${id})`])];
}

function buildEditor(): void {
  fillSelect(el.platform, options(PLATFORMS, "Not set (from the User-Agent)"));
  fillSelect(el.formFactor, options(FORM_FACTORS, "Not set (from the User-Agent)"));
  fillSelect(el.host, options(HOSTS, "Not set (from the User-Agent)"));
  fillSelect(el.browser, options(BROWSERS, "Not set (from the User-Agent)"));
  el.matrixLegend.replaceChildren(
    ...Object.entries(LEVELS).map(([level, look]) => h("li", {}, levelBadge(level), " ", look.meaning)),
  );
  fillSelect(el.tier, [
    ["", "Not set"],
    ["1", "1 (largest cities)"],
    ["2", "2"],
    ["3", "3"],
    ["4", "4"],
    ["5", "5 (rural)"],
  ]);
  for (const [app, label] of Object.entries(WALLET_APPS)) {
    const select = h("select", { id: `f-wallet-${app}`, name: `installed_wallets.${app}` });
    fillSelect(select, Object.entries(AVAILABILITY));
    walletSelects.set(app, select);
    el.wallets.append(h("div", { class: "field" }, h("label", { for: select.id }, label), select));
  }
  for (const [probe, label] of Object.entries(PROBES)) {
    const select = h("select", { id: `f-probe-${probe}`, name: `probes.${probe}` });
    fillSelect(select, Object.entries(READINESS));
    probeSelects.set(probe, select);
    el.probes.append(h("div", { class: "field" }, h("label", { for: select.id }, label), select));
  }
  for (const preset of PRESETS) {
    const button = h("button", { type: "button", class: "preset", "data-preset": preset.id, "aria-pressed": "false" }, preset.label);
    button.addEventListener("click", () => {
      writeForm(preset.context);
      update();
    });
    el.useBrowser.before(button);
  }
  fillSelect(el.uaSample, [["", "Pick a sample User-Agent…"], ...UA_SAMPLES.map(([label]): [string, string] => [label, label])]);
}

/** The rail ids of the current policy (or the default one while it is broken). */
function policyRails(): string[] {
  for (const text of [policyText, defaultPolicyText]) {
    if (text === null) continue;
    try {
      const parsed: unknown = JSON.parse(text);
      const rails = (parsed as { rails?: unknown }).rails;
      if (Array.isArray(rails)) {
        const ids = rails.map((r) => (r as { id?: unknown }).id).filter((id): id is string => typeof id === "string");
        if (ids.length > 0) return ids;
      }
    } catch {
      // fall through to the default policy
    }
  }
  return [...BUILTIN_RAILS];
}

function refreshRailChoices(): void {
  const current = el.preferred.value;
  const ids = policyRails();
  fillSelect(el.preferred, [["", "None"], ...ids.map((id): [string, string] => [id, `${railLook(id).label} (${id})`])]);
  if (current !== "") setSelect(el.preferred, current);
  el.railIds.replaceChildren(...ids.map((id) => h("option", { value: id })));
}

/** The context the editor describes, in the wire format, with only the fields that are set. */
function readForm(): WireContext {
  const ctx: WireContext = {};
  const set = (key: string, value: string) => {
    if (value !== "") ctx[key] = value;
  };
  set("platform", el.platform.value);
  set("form_factor", el.formFactor.value);
  set("host", el.host.value);
  set("browser", el.browser.value);
  const wallets: Record<string, string> = {};
  for (const [app, select] of walletSelects) if (select.value !== "unknown") wallets[app] = select.value;
  if (Object.keys(wallets).length > 0) ctx.installed_wallets = wallets;
  const probes: Record<string, string> = {};
  for (const [probe, select] of probeSelects) if (select.value !== "unknown") probes[probe] = select.value;
  if (Object.keys(probes).length > 0) ctx.probes = probes;
  set("preferred_rail", el.preferred.value);
  const lastUsed = el.lastUsed.value
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (lastUsed.length > 0) ctx.last_used = lastUsed;
  const amount = el.amount.value.trim();
  // A well-formed integer is sent as a number; anything else as typed, so
  // the core names the problem (`context_malformed` at `amount`).
  if (amount !== "") ctx.amount = /^\d{1,15}$/.test(amount) ? Number(amount) : amount;
  set("currency", el.currency.value.trim());
  set("country", el.country.value.trim());
  if (el.tier.value !== "") ctx.region_tier = Number(el.tier.value);
  set("subject_id", el.subject.value);
  return { ...ctx, ...extra };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Shows a context in the editor. Fields it cannot show are kept in `extra`. */
function writeForm(ctx: WireContext): void {
  extra = {};
  for (const [key, value] of Object.entries(ctx)) if (!MANAGED.has(key)) extra[key] = value;
  const str = (key: string, control: HTMLInputElement) => {
    const v = ctx[key];
    if (v === undefined || typeof v === "string") control.value = v ?? "";
    else {
      control.value = "";
      extra[key] = v;
    }
  };
  const choose = (key: string, select: HTMLSelectElement) => {
    const v = ctx[key];
    if (v === undefined) select.value = "";
    else if (typeof v === "string" || typeof v === "number") setSelect(select, String(v));
    else {
      select.value = "";
      extra[key] = v;
    }
  };
  choose("platform", el.platform);
  choose("form_factor", el.formFactor);
  choose("host", el.host);
  choose("browser", el.browser);
  const group = (key: string, selects: Map<string, HTMLSelectElement>) => {
    const v = ctx[key] ?? {};
    if (!isRecord(v)) {
      extra[key] = v;
      return;
    }
    for (const [name, select] of selects) {
      const value = v[name];
      setSelect(select, typeof value === "string" ? value : "unknown");
    }
    const unknownKeys = Object.keys(v).filter((k) => !selects.has(k));
    if (unknownKeys.length > 0) extra[key] = v;
  };
  group("installed_wallets", walletSelects);
  group("probes", probeSelects);
  refreshRailChoices();
  choose("preferred_rail", el.preferred);
  const lastUsed = ctx.last_used;
  if (lastUsed === undefined) el.lastUsed.value = "";
  else if (Array.isArray(lastUsed) && lastUsed.every((r) => typeof r === "string")) el.lastUsed.value = lastUsed.join(", ");
  else {
    el.lastUsed.value = "";
    extra.last_used = lastUsed;
  }
  const amount = ctx.amount;
  if (typeof amount === "number" || typeof amount === "string") el.amount.value = String(amount);
  else {
    el.amount.value = "";
    if (amount !== undefined) extra.amount = amount;
  }
  str("currency", el.currency);
  str("country", el.country);
  choose("region_tier", el.tier);
  str("subject_id", el.subject);
  renderExtra();
}

function renderExtra(): void {
  const keys = Object.keys(extra);
  el.extraFields.hidden = keys.length === 0;
  if (keys.length === 0) {
    el.extraFields.replaceChildren();
    return;
  }
  const clear = h("button", { type: "button", class: "small" }, "Remove them");
  clear.addEventListener("click", () => {
    extra = {};
    renderExtra();
    update();
  });
  el.extraFields.replaceChildren(
    "Also in the context, without a control here: ",
    ...keys.flatMap((k, i) => [i > 0 ? ", " : "", h("code", {}, k)]),
    ". ",
    clear,
  );
}

// ------------------------------------------------------------------ policy

function ensureEngine(): void {
  if (engineFor === policyText && (engine !== null || policyError !== null)) return;
  engine?.free();
  engine = null;
  policyError = null;
  engineFor = policyText;
  try {
    engine = policyText === null ? new Engine() : Engine.fromPolicyJson(policyText);
  } catch (e) {
    policyError = failure(e);
  }
}

function policyVersion(): string | null {
  if (!engine) return null;
  try {
    const v = (JSON.parse(policyText ?? defaultPolicyText) as { version?: unknown }).version;
    return typeof v === "number" ? String(v) : null;
  } catch {
    return null;
  }
}

function renderPolicyState(): void {
  const v = policyVersion();
  if (policyError) {
    el.policyStatus.textContent = "Invalid: not used";
    el.policyStatus.className = "pill bad";
  } else if (policyText === null) {
    el.policyStatus.textContent = `Embedded default${v ? ` · v${v}` : ""}`;
    el.policyStatus.className = "pill";
  } else {
    el.policyStatus.textContent = `Edited${v ? ` · v${v}` : ""}`;
    el.policyStatus.className = "pill edited";
  }
  el.policyReset.disabled = policyText === null;
  showError(el.policyError, policyError, "The policy is not used");
  el.policy.setAttribute("aria-invalid", policyError ? "true" : "false");
  const at = policyError?.message.match(/line (\d+) column (\d+)/);
  if (at) {
    const button = h("button", { type: "button", class: "small" }, `Go to line ${at[1]}, column ${at[2]}`);
    button.addEventListener("click", () => goTo(Number(at[1]), Number(at[2])));
    el.policyError.append(button);
  }
}

/** Puts the caret at a 1-based line and column of the policy text. */
function goTo(line: number, column: number): void {
  const lines = el.policy.value.split("\n");
  let offset = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) offset += (lines[i]?.length ?? 0) + 1;
  offset = Math.min(offset + Math.max(column - 1, 0), el.policy.value.length);
  el.policy.focus();
  el.policy.setSelectionRange(offset, offset);
  const lineHeight = parseFloat(getComputedStyle(el.policy).lineHeight) || 18;
  el.policy.scrollTop = Math.max(0, (line - 4) * lineHeight);
}

/** Fills an inline error box with the code, the JSON path and the message. */
function showError(box: HTMLElement, error: Failure | null, lead: string): void {
  box.hidden = error === null;
  if (!error) {
    box.replaceChildren();
    return;
  }
  box.replaceChildren(
    h("p", { class: "error-lead" }, h("strong", {}, lead), ": ", h("code", { class: "error-code" }, error.code), " at ", pathNode(error.path)),
    h("p", { class: "error-message" }, error.message),
  );
}

function pathNode(path: string): Node {
  return path === "" ? h("span", { class: "error-path" }, "the top level") : h("code", { class: "error-path" }, path);
}

// --------------------------------------------------------------- decision

let contextError: Failure | null = null;

/** The control a context error path points at, e.g. `installed_wallets.wechat`. */
function controlFor(path: string): HTMLElement | null {
  const [head, sub] = path.split(/[.[]/, 2);
  if (head === "installed_wallets" && sub) return walletSelects.get(sub) ?? null;
  if (head === "probes" && sub) return probeSelects.get(sub) ?? null;
  if (!head) return null;
  return document.getElementById(`f-${head}`);
}

function update(): void {
  const ctx = readForm();
  ensureEngine();
  renderPolicyState();
  let decision: Decision | null = null;
  contextError = null;
  if (engine) {
    try {
      decision = engine.decide(ctx as CheckoutContext, { explain: el.explain.checked });
      lastGood = decision;
    } catch (e) {
      contextError = failure(e);
    }
  }
  showError(el.contextError, contextError, "The context is not valid");
  for (const control of el.form.querySelectorAll("[aria-invalid]")) control.removeAttribute("aria-invalid");
  if (contextError) controlFor(contextError.path)?.setAttribute("aria-invalid", "true");
  renderDecision(decision, ctx);
  if (decision) updateMatrix(decision, ctx);
  updatePlan(ctx, decision !== null);
  renderPresetState(ctx);
  updateShare(ctx);
  const hint = formatAmount(ctx.amount, ctx.currency);
  el.amountHint.textContent = hint ? `= ${hint}` : "Integer, e.g. 249900 for ¥2,499.00";
}

/** The plan for this context and policy, when the checkout has a decision. */
function updatePlan(ctx: WireContext, decided: boolean): void {
  if (!decided) {
    el.planBody.replaceChildren(h("p", { class: "empty" }, "No plan without a valid context and policy."));
    return;
  }
  try {
    const policy = policyText === null ? null : (JSON.parse(policyText) as Policy);
    el.planBody.replaceChildren(renderPlan(plan(ctx as CheckoutContext, { policy })));
  } catch (e) {
    const f = failure(e);
    el.planBody.replaceChildren(h("p", { class: "empty" }, `No plan: ${f.code} at ${f.path || "the top level"}: ${f.message}`));
  }
}

function renderDecision(decision: Decision | null, ctx: WireContext): void {
  const shownDecision = decision ?? lastGood;
  const broken = policyError ?? contextError;
  el.decisionError.hidden = broken === null;
  if (broken) {
    const which = policyError ? "policy" : "context";
    el.decisionError.replaceChildren(
      h(
        "p",
        {},
        h("strong", {}, `No decision: the ${which} is not valid. `),
        h("code", { class: "error-code" }, broken.code),
        " at ",
        pathNode(broken.path),
      ),
      h("p", {}, broken.message),
      h(
        "p",
        { class: "stale-note" },
        lastGood ? "Below, greyed out: the last valid decision, for comparison." : "There is no earlier valid decision to show.",
      ),
    );
  }
  const stale = decision === null;
  el.decisionBody.classList.toggle("stale", stale);
  el.decisionBody.setAttribute("aria-hidden", stale ? "true" : "false");
  el.decisionBody.inert = stale;
  el.hidden.classList.toggle("stale", stale);
  el.hidden.setAttribute("aria-hidden", stale ? "true" : "false");
  el.hidden.inert = stale;
  if (!shownDecision) {
    el.total.textContent = "";
    el.env.textContent = "";
    el.shown.replaceChildren();
    el.hidden.replaceChildren();
    el.experiments.hidden = true;
  } else {
    const amount = stale ? null : formatAmount(ctx.amount, ctx.currency);
    el.total.textContent = amount ? `Pay ${amount}` : stale ? "Last valid decision" : "Pay (no amount set)";
    el.env.textContent = environmentWords(shownDecision.environment);
    const explain = el.explain.checked;
    el.shown.replaceChildren(renderShown(shownDecision, sources, explain));
    el.hidden.replaceChildren(renderHidden(shownDecision, sources, explain));
    markCited(el.sources, citedSources(shownDecision));
    const experiments = shownDecision.experiments;
    el.experiments.hidden = experiments.length === 0;
    el.experiments.textContent =
      experiments.length === 0
        ? ""
        : `Experiments: ${experiments.map((a) => `${a.experiment} → ${a.variant}`).join(", ")}`;
  }
  el.summary.textContent = decision ? summary(decision) : broken ? `No decision: ${broken.code} at ${broken.path || "the top level"}.` : "";
  document.title = decision ? `paysel QA · ${summary(decision)}` : "paysel QA · no decision";
  el.decisionJson.textContent = decision
    ? JSON.stringify(decision, null, 2)
    : JSON.stringify({ error: broken }, null, 2);
  el.exposureJson.textContent = decision ? JSON.stringify(decision.exposure, null, 2) : "(no decision)";
  el.contextJson.textContent = JSON.stringify(ctx, null, 2);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

function renderPresetState(ctx: WireContext): void {
  const now = canonical(ctx);
  for (const button of el.presets.querySelectorAll<HTMLButtonElement>("button[data-preset]")) {
    const preset = PRESETS.find((p) => p.id === button.dataset.preset);
    button.setAttribute("aria-pressed", preset && canonical(preset.context) === now ? "true" : "false");
  }
}

// ------------------------------------------------------------------ matrix

/** The edited policy, parsed, when it is valid; the default policy otherwise. */
function currentPolicy(): Partial<Policy> {
  try {
    const parsed: unknown = JSON.parse(engine ? (policyText ?? defaultPolicyText) : defaultPolicyText);
    return isRecord(parsed) ? (parsed as Partial<Policy>) : {};
  } catch {
    return {};
  }
}

/** Recomputes the matrix when the decision's environment, country or the policy's overrides change. */
function updateMatrix(decision: Decision, ctx: WireContext): void {
  const policy = currentPolicy();
  const input: MatrixInput = {
    platform: decision.environment.platform,
    form_factor: decision.environment.form_factor,
    browser: decision.environment.browser,
    country: typeof ctx.country === "string" ? ctx.country : undefined,
    schema: defaultSchema,
    capabilities: policy.capabilities,
    apple_pay_js_sdk: policy.apple_pay_js_sdk,
  };
  const key = matrixKey(input);
  if (key !== matrixFor) {
    matrixFor = key;
    showMatrix(input);
  }
  markCurrentHost(decision.environment.host);
}

/** Marks the row of the context's own host. */
function markCurrentHost(host: string): void {
  for (const row of el.matrixTable.querySelectorAll<HTMLTableRowElement>("tbody tr")) {
    const current = row.dataset.host === host;
    row.classList.toggle("current", current);
    row.querySelector(".here")?.toggleAttribute("hidden", !current);
  }
}

function showMatrix(input: MatrixInput): void {
  el.matrixScope.textContent = `For ${matrixScope(input)}.`;
  try {
    matrix = computeMatrix(input);
  } catch (e) {
    matrix = null;
    const f = failure(e);
    el.matrixNote.hidden = false;
    el.matrixNote.textContent = `The matrix could not be computed: ${f.code}: ${f.message}`;
    el.matrixTable.replaceChildren();
    el.matrixSources.replaceChildren();
    return;
  }
  el.matrixNote.hidden = matrix.note === null;
  el.matrixNote.textContent = matrix.note ?? "";
  el.matrixTable.replaceChildren(renderMatrix(matrix));
  filterMatrix();
}

/** Applies the "only assumed cells" filter and says what it shows. */
function filterMatrix(): void {
  if (!matrix) return;
  const only = el.matrixAssumed.checked;
  const table = el.matrixTable.querySelector("table");
  table?.classList.toggle("only-assumed", only);
  for (const row of el.matrixTable.querySelectorAll<HTMLTableRowElement>("tbody tr")) {
    row.hidden = only && row.dataset.assumed !== "true";
  }
  el.matrixSources.replaceChildren(matrixSources(matrix, only));
  const { cells, assumed, hosts } = matrixCounts(matrix);
  el.matrixCount.textContent = only
    ? `Showing the ${hosts} hosts with an assumed cell (${assumed} of ${cells} cells are assumed).`
    : `${matrix.rows.length} hosts × ${BUILTIN_RAILS.length} rails: ${assumed} of ${cells} cells are assumed, in ${hosts} hosts.`;
}

// ----------------------------------------------------------------- sources

async function loadSources(): Promise<void> {
  const loaded = await loadCatalogue(new URL(CATALOGUE_FILE, import.meta.url));
  if ("error" in loaded) {
    el.sourcesNote.textContent = `The citations could not be loaded (${loaded.error}); the decisions still name their source keys.`;
    return;
  }
  sources = new Map(loaded.catalogue.sources.map((s) => [s.key, s]));
  el.sourcesNote.textContent = `${loaded.catalogue.sources.length} sources behind ${loaded.catalogue.cells.length} rows of the built-in table, from paysel capabilities --json when this page was built.`;
  el.sources.replaceChildren(renderSources(loaded.catalogue.sources));
}

/**
 * Links inside the page (`#src-...`, `#policy`, the skip link) move the
 * focus there instead of changing the address: the hash carries the shared
 * case.
 */
function followInPageLink(event: MouseEvent): void {
  const link = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>("a[href^='#']") : null;
  if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  event.preventDefault();
  focusAnchor(link.getAttribute("href")?.slice(1) ?? "");
}

function focusAnchor(id: string): void {
  const target = id ? document.getElementById(id) : null;
  if (!target) return;
  if (!target.hasAttribute("tabindex") && !(target instanceof HTMLTextAreaElement)) target.setAttribute("tabindex", "-1");
  target.scrollIntoView({ block: "center" });
  target.focus({ preventScroll: true });
  target.classList.remove("flash");
  void target.offsetWidth;
  target.classList.add("flash");
}

// ------------------------------------------------------------------- share

function updateShare(ctx: WireContext): void {
  const shared: Shared = { context: ctx, policyText, explain: el.explain.checked };
  const hash = encodeHash(shared);
  if (location.hash !== hash) history.replaceState(null, "", hash);
  el.share.value = location.href;
}

function restore(shared: Shared): void {
  policyText = shared.policyText === defaultPolicyText ? null : shared.policyText;
  el.policy.value = policyText ?? defaultPolicyText;
  el.explain.checked = shared.explain;
  writeForm(shared.context);
}

function restoreFromHash(): void {
  // An in-page anchor (a source opened in a new tab) is not a case.
  const anchor = location.hash.slice(1);
  if (anchor !== "" && !anchor.includes("=") && document.getElementById(anchor)) {
    focusAnchor(anchor);
    return;
  }
  const shared = decodeHash(location.hash);
  el.linkError.hidden = true;
  if (shared === null) return;
  if ("error" in shared) {
    el.linkError.hidden = false;
    el.linkError.textContent = `This link could not be restored: ${shared.error}. Showing the default case instead.`;
    return;
  }
  restore(shared);
}

// --------------------------------------------------------------------- UA

function showDetection(): void {
  const ua = el.uaInput.value;
  lastDetection = null;
  el.uaApply.disabled = true;
  if (ua.trim() === "") {
    el.uaResult.replaceChildren();
    return;
  }
  try {
    const d = detect(ua);
    lastDetection = d;
    el.uaApply.disabled = false;
    const row = (label: string, value: string, key: string) =>
      h("div", { class: "kv", "data-key": key }, h("dt", {}, label), h("dd", {}, value));
    el.uaResult.replaceChildren(
      h(
        "dl",
        { id: "ua-detection" },
        row("Platform", `${label(PLATFORMS, d.platform)} (${d.platform})`, "platform"),
        row("Form factor", `${label(FORM_FACTORS, d.form_factor)} (${d.form_factor})`, "form_factor"),
        row("Host", `${hostName(d.host)} (${d.host})`, "host"),
        row("Host version", d.host_version ?? "none in the User-Agent", "host_version"),
        row("Embedded webview", d.webview ? "yes" : "no", "webview"),
      ),
    );
  } catch (e) {
    const box = h("div", { class: "inline-error" });
    showError(box, failure(e), "Cannot detect");
    el.uaResult.replaceChildren(box);
  }
}

function applyDetection(): void {
  if (!lastDetection) return;
  setSelect(el.platform, lastDetection.platform);
  setSelect(el.formFactor, lastDetection.form_factor);
  setSelect(el.host, lastDetection.host);
  update();
  el.browserNote.textContent = `Applied: ${environmentWords(lastDetection)}.`;
}

function useThisBrowser(): void {
  try {
    const fromBrowser = contextFromBrowser() as WireContext;
    const { user_agent: ua, ...rest } = fromBrowser;
    const current = readForm();
    for (const key of ["platform", "form_factor", "host", "browser", "installed_wallets", "probes", "user_agent"]) delete current[key];
    writeForm({ ...current, ...rest });
    if (typeof ua === "string") {
      el.uaInput.value = ua;
      el.uaSample.value = "";
      showDetection();
    }
    update();
    const env = { platform: String(rest.platform), form_factor: String(rest.form_factor), host: String(rest.host) };
    el.browserNote.textContent = `Filled from this browser: ${environmentWords(env as Decision["environment"])}.`;
  } catch (e) {
    const f = failure(e);
    el.browserNote.textContent = `Could not read this browser: ${f.code}: ${f.message}`;
  }
}

// ------------------------------------------------------------------- copy

async function copyText(text: string, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Clipboard API refused (permissions, insecure context): select and copy.
    const area = h("textarea", { class: "visually-hidden", readonly: true });
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
  el.copyStatus.textContent = `Copied the ${what}.`;
  el.copyLink.textContent = what === "link" ? "Copied" : "Copy link";
  if (what === "link") setTimeout(() => (el.copyLink.textContent = "Copy link"), 1500);
}

// ------------------------------------------------------------------- wire

function debounce(fn: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
}

function wire(): void {
  el.form.addEventListener("submit", (e) => e.preventDefault());
  el.form.addEventListener("input", () => update());
  el.form.addEventListener("change", () => update());
  el.explain.addEventListener("change", () => update());
  el.matrixAssumed.addEventListener("change", filterMatrix);
  document.addEventListener("click", followInPageLink);
  const onPolicy = debounce(() => {
    policyText = el.policy.value === defaultPolicyText ? null : el.policy.value;
    refreshRailChoices();
    update();
  }, 150);
  el.policy.addEventListener("input", onPolicy);
  el.policyFormat.addEventListener("click", () => {
    try {
      el.policy.value = JSON.stringify(JSON.parse(el.policy.value), null, 2);
      policyText = el.policy.value === defaultPolicyText ? null : el.policy.value;
      update();
    } catch {
      // Not JSON: the inline error already says where.
      el.policy.focus();
    }
  });
  el.policyReset.addEventListener("click", () => {
    policyText = null;
    el.policy.value = defaultPolicyText;
    refreshRailChoices();
    update();
  });
  el.useBrowser.addEventListener("click", useThisBrowser);
  el.uaSample.addEventListener("change", () => {
    const sample = UA_SAMPLES.find(([label]) => label === el.uaSample.value);
    if (sample) {
      el.uaInput.value = sample[1];
      showDetection();
    }
  });
  el.uaInput.addEventListener("input", debounce(showDetection, 150));
  el.uaDetect.addEventListener("click", showDetection);
  el.uaApply.addEventListener("click", applyDetection);
  el.copyLink.addEventListener("click", () => void copyText(el.share.value, "link"));
  for (const button of document.querySelectorAll<HTMLButtonElement>("button[data-copy]")) {
    const target = byId(button.dataset.copy ?? "", HTMLElement);
    const what = button.parentElement?.querySelector("h3")?.textContent?.toLowerCase() ?? "JSON";
    button.setAttribute("aria-label", `Copy the ${what} JSON`);
    button.addEventListener("click", () => void copyText(target.textContent ?? "", `${what} JSON`));
  }
  window.addEventListener("hashchange", () => {
    restoreFromHash();
    update();
  });
}

async function main(): Promise<void> {
  const catalogue = loadSources();
  await init({ module_or_path: new URL(__PAYSEL_WASM__, import.meta.url) });
  await catalogue;
  el.version.textContent = `paysel ${version()}`;
  const policy = defaultPolicy();
  defaultPolicyText = JSON.stringify(policy, null, 2);
  defaultSchema = policy.schema;
  el.policy.value = defaultPolicyText;
  buildEditor();
  refreshRailChoices();
  wire();
  const first = PRESETS[0];
  if (first) writeForm(first.context);
  restoreFromHash();
  update();
  el.boot.hidden = true;
  el.app.hidden = false;
  document.documentElement.dataset.ready = "true";
}

main().catch((e: unknown) => {
  const f = failure(e);
  el.boot.textContent = `The paysel engine failed to load: ${f.message}`;
  el.boot.classList.add("error");
  console.error(e);
});
