// Building and finding the page's nodes. Everything from a person is set as text, never
// as markup, so a name cannot carry a script (the Content-Security-Policy is the second wall).

export const $ = (id) => document.getElementById(id);

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key.startsWith("data-")) node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Clicks on `selector` anywhere inside `box`, even on nodes drawn after this call. */
export function onClick(box, selector, handle) {
  box.addEventListener("click", (e) => {
    const target = e.target.closest(selector);
    if (target) handle(target, e);
  });
}
