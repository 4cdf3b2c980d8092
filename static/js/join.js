// The join form: tappable topic chips, suggestions while typing a topic, wording that follows
// why the person came, and the capacity question only for people who give.
import { $ } from "./lib/dom.js";
import { _ } from "./lib/i18n.js";
import { wordTopicFields } from "./lib/topic-fields.js";
import { normalise, typeahead } from "./lib/typeahead.js";

const form = $("join-form");

// Not (or no longer) joined here: whatever this phone kept of a past profile for this event
// goes, even if a last answer from the server stored it again while "forget me" ran.
try {
  localStorage.removeItem("mixer:me:" + form.dataset.event);
  const unsent = "mixer:outbox:" + form.dataset.event + ":"; // answers tapped offline, never sent
  for (const key of Object.keys(localStorage)) if (key.startsWith(unsent)) localStorage.removeItem(key);
} catch {
  /* storage disabled: nothing kept */
}

function tags(input) {
  return input.value.split(",").map((part) => part.trim()).filter(Boolean);
}

function syncChips() {
  for (const box of form.querySelectorAll("[data-chips]")) {
    const chosen = new Set(tags(form.elements[box.dataset.chips]).map((tag) => tag.toLowerCase()));
    for (const chip of box.querySelectorAll("button[data-topic]")) {
      chip.setAttribute("aria-pressed", String(chosen.has(chip.dataset.topic)));
    }
  }
}

function syncIntent() {
  const intent = form.elements.intent.value;
  for (const block of form.querySelectorAll("[data-for-givers]")) block.hidden = intent === "seek";
  wordTopicFields(form, intent);
}

// The phone is not signed in yet, so suggestions come from the event's public vocabulary,
// fetched once (the first time the person touches the form) and searched here, which keeps
// working when the venue's Wi-Fi drops. A failed fetch is retried on the next keystroke.
let vocabulary = null;
function loadVocabulary() {
  vocabulary ??= fetch(`/e/${encodeURIComponent(form.dataset.event)}/vocabulary.json`)
    .then((response) => (response.ok ? response.json() : Promise.reject(new Error(response.statusText))))
    .then(({ topics }) => topics.map(({ topic, aliases }) => ({ topic, keys: [normalise(topic), ...aliases] })))
    .catch((err) => {
      vocabulary = null;
      throw err;
    });
  return vocabulary;
}

// How well a topic fits what is typed, best first, and through which alias: the exact name
// or alias ("ml"), the name starting with it, an alias starting with it, a later word of
// either, anywhere inside. Null: no fit.
const TESTS = [
  (key, text) => key === text,
  (key, text) => key.startsWith(text),
  (key, text) => key.includes(" " + text),
  (key, text) => text.length > 2 && key.includes(text),
];
function fit([name, ...aliases], text) {
  for (const [i, test] of TESTS.entries()) {
    if (test(name, text)) return { score: 2 * i, via: null };
    const alias = aliases.find((a) => test(a, text));
    if (alias) return { score: 2 * i + 1, via: alias };
  }
  return null;
}

// Shown beside a suggestion: why it is there when its name does not say.
function detail({ own, via }) {
  if (own) return _("this event");
  return via ? _("includes “%(via)s”", { via }) : "";
}

async function suggest(typed) {
  const text = normalise(typed);
  if (!text) return [];
  const chips = form.querySelectorAll("[data-chips=offers] [data-topic]");
  const own = new Set([...chips].map((chip) => normalise(chip.dataset.topic)));
  const found = [];
  for (const { topic, keys } of await loadVocabulary()) {
    const match = fit(keys, text);
    if (match) found.push({ topic, ...match, own: own.has(keys[0]) });
  }
  // The event's own topics first, then the closest fit, then the shortest name.
  found.sort((a, b) => b.own - a.own || a.score - b.score || a.topic.length - b.topic.length || a.topic.localeCompare(b.topic));
  return found.map((f) => ({ topic: f.topic, detail: detail(f) }));
}


// What was typed is kept on this phone only (sessionStorage: this tab, until it is closed),
// so a reload does not lose a half-filled form; the phone's home clears it once joined.
// The one-time nonce is kept with it: a join whose answer was lost, sent again after a
// reload, is still the same person.
const DRAFT = "mixer:join-draft:" + form.dataset.event;
const KEPT = (el) => el.name && el.name !== "csrf_token" && el.type !== "submit" && el.type !== "button";

function saveDraft() {
  const draft = {};
  for (const el of form.elements) {
    if (!KEPT(el)) continue;
    if (el.type === "radio") {
      if (el.checked) draft[el.name] = el.value;
    } else draft[el.name] = el.type === "checkbox" ? el.checked : el.value;
  }
  try {
    sessionStorage.setItem(DRAFT, JSON.stringify(draft));
  } catch {
    /* storage disabled: nothing kept */
  }
}

function keepDraft() {
  // A form the server sent back with errors already holds what was sent: keep that.
  const sentBack = form.querySelector(".invalid, .error");
  let draft = null;
  try {
    draft = JSON.parse(sessionStorage.getItem(DRAFT) || "null");
  } catch {
    draft = null;
  }
  if (draft && !sentBack) {
    for (const el of form.elements) {
      if (!KEPT(el) || !(el.name in draft)) continue;
      if (el.type === "radio") el.checked = el.value === draft[el.name];
      else if (el.type === "checkbox") el.checked = Boolean(draft[el.name]);
      else el.value = draft[el.name];
    }
  }
  saveDraft();
  form.addEventListener("input", saveDraft);
  form.addEventListener("change", saveDraft);
}

// Checked on the phone, in the server's words: what every person must give. The rest (the
// topics each intent needs, formats) is the server's to say, next to its field.
function problems() {
  const found = [];
  if (!form.elements.name.value.trim()) found.push(["name", _("Enter your name.")]);
  if (!form.elements.intent.value) found.push(["intent", _("Choose give, seek or both.")]);
  return found;
}

function fieldOf(name) {
  const input = form.elements[name];
  return (input instanceof RadioNodeList ? input[0] : input).closest(".field");
}

function clearErrors() {
  for (const box of form.querySelectorAll(".field.invalid")) box.classList.remove("invalid");
  for (const line of form.querySelectorAll(".field .error")) line.remove();
  for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
}

function showErrors(found) {
  clearErrors();
  for (const [name, message] of found) {
    const box = fieldOf(name);
    box.classList.add("invalid");
    const line = document.createElement("p");
    line.className = "error";
    line.id = "e-" + name;
    line.textContent = message;
    box.append(line);
    const input = form.elements[name];
    if (!(input instanceof RadioNodeList)) {
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", [input.getAttribute("aria-describedby"), line.id].filter(Boolean).join(" "));
    }
  }
  focusFirstError();
}

// The first field in error comes into view with the cursor in it (or, for an error about
// the whole form, its message), so nobody hunts for what to fix on a small screen.
function focusFirstError() {
  const box = form.querySelector(".field.invalid");
  let target = box && box.querySelector("input:not([type=hidden]), textarea, select");
  if (box && box.matches(".intent")) target = box.querySelector("input:checked") || target;
  if (!target) {
    target = form.querySelector(".error[role=alert]");
    if (!target) return;
    target.tabIndex = -1;
  }
  target.scrollIntoView({ block: "center" });
  target.focus({ preventScroll: true });
}

function setSending(sending) {
  const button = form.querySelector("button[type=submit]");
  button.disabled = sending;
  button.setAttribute("aria-busy", String(sending));
  button.textContent = sending ? _("Joining…") : _("Join");
}

// One tap sends the form once: the button is off until the answer comes (a page of its
// own: home, or the form again with what to fix). The server makes one person of repeats
// anyway (the form's nonce), for a phone that sends twice all the same.
function send(event) {
  const found = problems();
  if (found.length) {
    event.preventDefault();
    showErrors(found);
    return;
  }
  saveDraft();
  setSending(true);
}

if (form) {
  form.addEventListener("click", (e) => {
    const chip = e.target.closest("button[data-topic]");
    if (!chip) return;
    const input = form.elements[chip.closest("[data-chips]").dataset.chips];
    const current = tags(input);
    const topic = chip.dataset.topic;
    const kept = current.filter((tag) => tag.toLowerCase() !== topic);
    input.value = (kept.length === current.length ? [...current, topic] : kept).join(", ");
    syncChips();
  });
  form.addEventListener("input", syncChips);
  form.addEventListener("change", syncIntent);
  form.addEventListener("focusin", () => loadVocabulary().catch(() => {}), { once: true });
  for (const input of form.querySelectorAll("input[data-topics]")) typeahead(input, { source: suggest });
  keepDraft();
  syncChips();
  syncIntent();
  form.addEventListener("submit", send);
  // Back to this page (its joined state kept by the browser): the button works again.
  window.addEventListener("pageshow", () => setSending(false));
  focusFirstError();
}
