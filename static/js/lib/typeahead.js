// Suggestions under a comma-separated topic field, as an ARIA 1.2 combobox: the input keeps
// focus and points at the highlighted option with aria-activedescendant. Without JavaScript
// the field stays a plain text input, so typing "a, b, c" always works.
import { _, ngettext } from "./i18n.js";

const SHOWN = 6; // about what fits above a phone's keyboard

// The token being typed: whatever follows the last comma.
function split(value) {
  const cut = value.lastIndexOf(",") + 1;
  return { before: value.slice(0, cut), token: value.slice(cut).trim() };
}

function chosen(before) {
  return new Set(before.split(",").map((part) => part.trim().toLowerCase()).filter(Boolean));
}

const QUOTED = /^["“”]/; // typed in quotes: the person's own words, nothing to suggest

function node(tag, attrs, text) {
  const made = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) made.setAttribute(key, value);
  if (text) made.textContent = text;
  return made;
}

// `source(text, signal)` answers [{ topic, detail }], best first; it may throw (offline) and
// is aborted when a newer keystroke supersedes it. `delay` debounces network sources.
// `browse`: with nothing typed yet (on focus, after a pick) ask the source for its best
// topics too, so a phone can add several with a tap each.
export function typeahead(input, { source, delay = 0, browse = false }) {
  const id = input.id + "-options";
  const list = node("ul", { id, role: "listbox", "aria-label": _("Topic suggestions"), class: "options" });
  const status = node("p", { role: "status", class: "sr-only" });
  const wrap = node("div", { class: "combo" });
  input.replaceWith(wrap);
  wrap.append(input, list);
  wrap.after(status);
  list.hidden = true;
  for (const [key, value] of Object.entries({
    role: "combobox", "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": id, autocomplete: "off",
  })) input.setAttribute(key, value);

  let items = [];
  let active = -1;
  let timer = null;
  let pending = null; // the AbortController of the request in flight
  let said = 0; // how many suggestions the screen reader last heard of
  let added = ""; // the topic just picked, said before the next suggestions

  function close() {
    clearTimeout(timer);
    if (pending) pending.abort();
    pending = null;
    items = [];
    active = -1;
    said = 0;
    list.hidden = true;
    list.replaceChildren();
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function highlight(index) {
    active = index;
    for (const [i, option] of [...list.children].entries()) option.setAttribute("aria-selected", String(i === index));
    input.setAttribute("aria-activedescendant", `${id}-${index}`);
  }

  function move(step) {
    highlight((active + step + items.length) % items.length);
    list.children[active].scrollIntoView({ block: "nearest" });
  }

  function show(found) {
    const taken = chosen(split(input.value).before);
    items = found.filter((f) => !taken.has(f.topic.toLowerCase())).slice(0, SHOWN);
    if (!items.length) {
      close();
      return;
    }
    const opening = list.hidden;
    list.replaceChildren(
      ...items.map((item, i) => {
        const option = node("li", { id: `${id}-${i}`, role: "option", "aria-selected": "false" });
        option.append(node("span", { class: "topic" }, item.topic));
        if (item.detail) option.append(node("span", { class: "detail" }, item.detail));
        return option;
      }),
    );
    list.hidden = false;
    list.scrollTop = 0;
    input.setAttribute("aria-expanded", "true");
    highlight(0); // Enter takes the best guess, as in a search box
    if (opening || items.length !== said) announce(items.length);
    if (opening) reveal();
  }

  // Said once per change, not on every keystroke, so a screen reader is not flooded.
  function announce(count) {
    said = count;
    const choose = ngettext(
      "%(count)s suggestion: up and down arrows to choose, Enter to add.",
      "%(count)s suggestions: up and down arrows to choose, Enter to add.",
      count,
    );
    status.textContent = added ? _("Added %(topic)s.", { topic: added }) + " " + choose : choose;
    added = "";
  }

  // A phone's keyboard covers the lower half of the screen: scroll just enough to see the list.
  function reveal() {
    const bottom = list.getBoundingClientRect().bottom;
    const visible = window.visualViewport ? window.visualViewport.height : window.innerHeight;
    if (bottom > visible) list.scrollIntoView({ block: "nearest" });
  }

  async function query(always = false) {
    const { token } = split(input.value);
    if (pending) pending.abort();
    if ((!token && !always) || QUOTED.test(token)) {
      close();
      return;
    }
    const controller = new AbortController();
    pending = controller;
    let found;
    try {
      found = await source(token, controller.signal);
    } catch {
      if (!controller.signal.aborted) close(); // offline or refused: quietly no suggestions
      return;
    }
    if (controller.signal.aborted || document.activeElement !== input) return;
    pending = null;
    show(found);
  }

  function pick(index) {
    const topic = items[index].topic;
    const { before } = split(input.value);
    const kept = before.trim();
    input.value = (kept ? kept + " " : "") + topic + ", ";
    input.setSelectionRange(input.value.length, input.value.length);
    close();
    status.textContent = _("Added %(topic)s.", { topic });
    added = topic;
    input.dispatchEvent(new Event("input", { bubbles: true })); // chips and forms see the change
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => query(browse), delay);
  });
  input.addEventListener("focus", () => {
    if (browse && !split(input.value).token) query(true);
  });
  input.addEventListener("keydown", (e) => {
    if (e.isComposing) return; // the phone keyboard is still composing a word
    const open = !list.hidden;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (!open) query(true);
      else move(e.key === "ArrowDown" ? 1 : -1);
    } else if (e.key === "Enter" && open) {
      e.preventDefault(); // add the topic, do not send the form
      pick(active);
    } else if (e.key === "Escape" && open) {
      e.preventDefault();
      close();
    } else if (e.key === "Tab") {
      close(); // leave the field with what was typed
    }
  });
  input.addEventListener("blur", close);
  // Keep the focus (and the phone's keyboard) in the field while an option is tapped.
  list.addEventListener("mousedown", (e) => e.preventDefault());
  list.addEventListener("click", (e) => {
    const option = e.target.closest("[role=option]");
    if (option) pick([...list.children].indexOf(option));
  });
}

// Comparable text, as the server's vocabulary aliases are: lower case, Latin accents off,
// punctuation as spaces (but c#, c++ and .net keep theirs).
export function normalise(text) {
  return text
    .normalize("NFKD")
    .replace(/(?<=[a-z])\p{M}+/giu, "")
    .toLowerCase()
    .replace(/\s*&\s*/g, " and ")
    .replace(/[^\p{L}\p{N}#+.]+/gu, " ")
    .trim();
}
