// A person's topics on their phone: the words each field asks for, how Mixer read what was
// typed (with an undo), and, while nobody is introduced yet, topics of the room to add.
import { api, el } from "./live.js";
import { normalise } from "./typeahead.js";

// The label, hint and "(optional)" of each topic field follow the intent (the wording
// table is rendered by the server into data-wording, so both pages say the same).
export function wordTopicFields(root, intent) {
  for (const field of root.querySelectorAll("[data-wording]")) {
    const wording = JSON.parse(field.dataset.wording);
    const words = wording[intent] || wording[""];
    field.querySelector("[data-label]").textContent = words.label;
    field.querySelector("[data-hint]").textContent = words.hint;
    field.querySelector("[data-optional]").hidden = !words.optional;
  }
}

const SIDES = { offers: "You offer", seeks: "You seek" };
const ADD_TO = { no_topic_match: "seeks", already_met: "seeks", nobody_seeks_yours: "offers" };
const FIELD_WORDS = { offers: "what you offer", seeks: "what you seek" };

const unquoted = (typed) => typed.replace(/^["“”](.*)["“”]$/, "$1");
// Worth showing: a reading that changed the words, or none at all (own words).
const differs = (u) => u.as.length !== 1 || normalise(u.as[0]) !== normalise(u.typed);

let me = null; // the attendee as last drawn: the lists an undo or an added topic start from

function understoodRow(side, u) {
  if (!u.as.length) {
    return el("li", {}, el("span", {}, unquoted(u.typed), " ", el("span", { class: "muted" }, "(your own words)")));
  }
  const undo = el("button", { type: "button", class: "small quiet", "data-undo": side, "data-typed": u.typed }, "Undo");
  undo.setAttribute("aria-label", `Undo: keep “${u.typed}” as your own words`);
  return el("li", {}, el("span", {}, u.typed, " → ", el("strong", {}, u.as.join(", "))), undo);
}

// Redrawn only when it changed: a button replaced under a finger would swallow the tap.
function unchanged(node, value) {
  const key = JSON.stringify(value);
  if (node.dataset.drawn === key) return true;
  node.dataset.drawn = key;
  return false;
}

export function showUnderstood(attendee) {
  me = attendee;
  const list = document.getElementById("understood");
  if (unchanged(list, attendee.understood || null)) return;
  document.getElementById("understood-status").textContent = ""; // about the previous reading
  const parts = [];
  for (const [side, title] of Object.entries(SIDES)) {
    const rows = (attendee.understood ? attendee.understood[side] : []).filter(differs);
    if (rows.length) parts.push(el("h3", {}, title), el("ul", {}, ...rows.map((u) => understoodRow(side, u))));
  }
  list.replaceChildren(...parts);
  document.getElementById("understood-box").hidden = parts.length === 0;
}

// Why nobody is introduced yet, in the server's words, with the room's closest topics as
// chips that add one to the right field. Without a reason the page's own text stays.
export function showWaiting(attendee) {
  me = attendee;
  const waiting = attendee.waiting;
  const text = document.getElementById("empty-text");
  text.dataset.generic ??= text.textContent;
  const message = waiting ? waiting.message : text.dataset.generic;
  if (text.textContent !== message) document.getElementById("waiting-status").textContent = ""; // stale once the reason moved on
  text.textContent = message;
  document.getElementById("empty").dataset.reason = waiting ? waiting.reason : "";
  const side = waiting && ADD_TO[waiting.reason];
  const topics = side ? waiting.topics : [];
  const chips = document.getElementById("waiting-topics");
  if (unchanged(chips, [side, topics])) return;
  document.getElementById("waiting-add").hidden = topics.length === 0;
  document.getElementById("waiting-add-label").textContent = side ? `Tap a topic to add it to ${FIELD_WORDS[side]}:` : "";
  chips.replaceChildren(
    ...topics.map((t) => el("button", { type: "button", class: "chip add", "data-add": side, "data-topic": t }, t)),
  );
}

async function save(eventQuery, side, list) {
  const { attendee } = await api("PATCH", `/api/v1/me?${eventQuery}`, { [side]: list });
  return attendee;
}

// Clicks on "Undo" and on the waiting chips; `onSaved(attendee)` redraws the home.
export function setupTopics(eventQuery, onSaved) {
  document.getElementById("understood-box").addEventListener("click", async (e) => {
    const button = e.target.closest("button[data-undo]");
    if (!button || !me) return;
    const side = button.dataset.undo;
    const typed = button.dataset.typed;
    const status = document.getElementById("understood-status");
    button.disabled = true;
    try {
      // In quotes a topic is kept as the person's own words and never read again.
      const list = me[side].map((t) => (t === typed ? `"${t}"` : t));
      onSaved(await save(eventQuery, side, list));
      status.textContent = `Kept “${typed}” as your own words.`;
    } catch (err) {
      status.textContent = err.message;
    } finally {
      button.disabled = false; // redrawn away on success, unless the answer changed nothing
    }
  });
  document.getElementById("waiting-topics").addEventListener("click", async (e) => {
    const chip = e.target.closest("button[data-add]");
    if (!chip || !me) return;
    const side = chip.dataset.add;
    const topic = chip.dataset.topic;
    const status = document.getElementById("waiting-status");
    const chips = [...chip.parentElement.children];
    for (const b of chips) b.disabled = true; // one change at a time: each builds on the last
    try {
      const has = me[side].some((t) => normalise(t) === normalise(topic));
      onSaved(has ? me : await save(eventQuery, side, [...me[side], topic]));
      status.textContent = `Added “${topic}” to ${FIELD_WORDS[side]}.`;
    } catch (err) {
      status.textContent = err.message;
    } finally {
      for (const b of chips) b.disabled = false;
    }
  });
}
