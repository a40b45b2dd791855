/**
 * The one way the player builds DOM: element, attributes, children. Strings become text nodes,
 * never markup, so card text such as `<img onerror=...>` or `</script>` shows up literally.
 */
export type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    // Event handlers are attached with addEventListener; an `on*` attribute is never set.
    if (/^on/i.test(name)) throw new Error(`refusing to set event attribute ${name}`);
    el.setAttribute(name, value === true ? '' : value);
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

/**
 * A list element with one child per item, appended in a loop: a spread of a data-sized array
 * (`h('ul', {}, ...items)`) overflows the call stack somewhere past 100,000 items.
 */
export function list<T>(tag: keyof HTMLElementTagNameMap, attrs: Record<string, string | boolean | undefined>, items: readonly T[], render: (item: T, index: number) => Child, ...before: Child[]): HTMLElement {
  const el = h(tag, attrs, ...before);
  const fragment = document.createDocumentFragment();
  items.forEach((item, i) => append(fragment, render(item, i)));
  el.appendChild(fragment);
  return el;
}

/** A button whose click runs `action`. */
export function button(label: Child[], action: () => void, attrs: Record<string, string | boolean | undefined> = {}): HTMLButtonElement {
  const el = h('button', { type: 'button', ...attrs }, ...label);
  el.addEventListener('click', action);
  return el;
}
