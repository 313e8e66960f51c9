// Builds DOM nodes from text only: cookie values are hostile, so nothing here parses HTML.

type Child = Node | string | null | undefined | false;

export interface Attrs {
  className?: string;
  id?: string;
  title?: string;
  [attr: string]: string | undefined;
}

/** createElement with attributes and text/element children; strings become text nodes. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined) continue;
    if (name === 'className') el.className = value;
    else el.setAttribute(name, value);
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** The element with this id, which index.html must contain. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`Session Lab: #${id} is missing from index.html.`);
  return el as T;
}
