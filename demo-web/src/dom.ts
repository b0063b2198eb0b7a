// Tiny DOM helpers. The page builds every dynamic node with these (never
// innerHTML), so decision text cannot inject markup and the strict CSP holds.

type Attrs = Record<string, string | boolean | undefined>;
type Child = Node | string | null | undefined | false;

/** `document.createElement` with attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** An SVG element with attributes and children. */
export function svg(tag: string, attrs: Attrs = {}, ...children: Child[]): SVGElement {
  const el = document.createElementNS(SVG_NS, tag) as SVGElement;
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function setAttrs(el: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (name === "class") el.setAttribute("class", String(value));
    else el.setAttribute(name, value === true ? "" : value);
  }
}

function append(el: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child);
  }
}

/** The element with this id, typed; throws when the page skeleton lacks it. */
export function byId<T extends HTMLElement>(id: string, type: { new (): T }): T {
  const el = document.getElementById(id);
  if (!(el instanceof type)) throw new Error(`the page has no ${type.name} #${id}`);
  return el;
}

/** Replaces a select's options with `[value, label]` pairs. */
export function fillSelect(select: HTMLSelectElement, options: [string, string][]): void {
  select.replaceChildren(...options.map(([value, label]) => h("option", { value }, label)));
}

/**
 * Selects `value`, adding an option for a value the page does not know (a
 * shared link from a newer build, or a deliberate typo), so it round-trips
 * and the core reports it instead of the page dropping it silently.
 */
export function setSelect(select: HTMLSelectElement, value: string): void {
  if (![...select.options].some((o) => o.value === value)) {
    select.append(h("option", { value, "data-extra": true }, `${value} (not a known value)`));
  }
  select.value = value;
}
