// Small DOM helpers. Data is always inserted as text (textContent, attributes), never as HTML, so
// customer text cannot inject markup.

/** The element with `id`, checked to be of the expected kind: the page and the code must agree. */
export function element<T extends Element>(id: string, kind: { new (): T; prototype: T }): T {
  const node = document.getElementById(id);
  if (!(node instanceof kind)) throw new Error(`#${id} is missing from the page or not a ${kind.name}`);
  return node;
}

export const $ = (id: string): HTMLElement => element(id, HTMLElement);
export const input = (id: string): HTMLInputElement => element(id, HTMLInputElement);
export const select = (id: string): HTMLSelectElement => element(id, HTMLSelectElement);

/** Sets the text of the element `id` (status lines, errors). */
export function say(id: string, text: string): void {
  $(id).textContent = text;
}

/** Shows or hides `id`; a hidden fieldset is also disabled so its fields do not block validation. */
export function show(id: string, on: boolean): void {
  const node = $(id);
  node.hidden = !on;
  if (node instanceof HTMLFieldSetElement) node.disabled = !on;
}

/** Attributes of a new element; `class` and `text` set the class name and the text content. */
export type Props = Readonly<Record<string, string>>;
type Child = Node | string | null | undefined | false;

/** A new HTML element with attributes and children (falsy children are skipped). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

/** A new SVG element with attributes. */
export function svgEl<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Readonly<Record<string, string | number>>,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs `action` on the submit of form `id` instead of the browser's navigation. */
export function onSubmit(id: string, action: () => Promise<void>): void {
  $(id).addEventListener('submit', async (e) => {
    e.preventDefault();
    await action();
  });
}
