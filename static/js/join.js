// The join form: tappable topic chips, suggestions while typing a topic, wording that follows
// why the person came, and the capacity question only for people who give.
import { wordTopicFields } from "./topics.js";
import { normalise, typeahead } from "./typeahead.js";

const form = document.getElementById("join-form");

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
  return input.value.split(",").map((t) => t.trim()).filter(Boolean);
}

function syncChips() {
  for (const box of form.querySelectorAll("[data-chips]")) {
    const chosen = new Set(tags(form.elements[box.dataset.chips]).map((t) => t.toLowerCase()));
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
  if (own) return "this event";
  return via ? `includes “${via}”` : "";
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

if (form) {
  form.addEventListener("click", (e) => {
    const chip = e.target.closest("button[data-topic]");
    if (!chip) return;
    const input = form.elements[chip.closest("[data-chips]").dataset.chips];
    const current = tags(input);
    const topic = chip.dataset.topic;
    const kept = current.filter((t) => t.toLowerCase() !== topic);
    input.value = (kept.length === current.length ? [...current, topic] : kept).join(", ");
    syncChips();
  });
  form.addEventListener("input", syncChips);
  form.addEventListener("change", syncIntent);
  form.addEventListener("focusin", () => loadVocabulary().catch(() => {}), { once: true });
  for (const input of form.querySelectorAll("input[data-topics]")) typeahead(input, { source: suggest });
  syncChips();
  syncIntent();
}
