// A person's topics on their phone: how Mixer read what was typed (with an undo), and,
// while nobody is introduced yet, topics of the room to add.
import { $, el, onClick } from "../lib/dom.js";
import { api } from "../lib/http.js";
import { _, topicLabel } from "../lib/i18n.js";
import { normalise } from "../lib/typeahead.js";
import { showReason } from "./waiting.js";

const SIDES = { offers: _("You offer"), seeks: _("You seek") };
const ADD_TO = { no_topic_match: "seeks", already_met: "seeks", nobody_seeks_yours: "offers" };
// Each side's sentences whole (the field's name sits differently in each language).
const ADD_LABEL = { offers: _("Tap a topic to add it to what you offer:"), seeks: _("Tap a topic to add it to what you seek:") };
const ADDED = {
  offers: (topic) => _("Added “%(topic)s” to what you offer.", { topic }),
  seeks: (topic) => _("Added “%(topic)s” to what you seek.", { topic }),
};

const unquoted = (typed) => typed.replace(/^["“”](.*)["“”]$/, "$1");
// Worth showing: a reading that changed the words, or none at all (own words).
const differs = (u) => u.as.length !== 1 || normalise(u.as[0]) !== normalise(u.typed);

let me = null; // the attendee as last drawn: the lists an undo or an added topic start from

function understoodRow(side, u) {
  if (!u.as.length) {
    return el("li", {}, el("span", {}, unquoted(u.typed), " ", el("span", { class: "muted" }, _("(your own words)"))));
  }
  const undo = el("button", { type: "button", class: "small quiet", "data-undo": side, "data-typed": u.typed }, _("Undo"));
  undo.setAttribute("aria-label", _("Undo: keep “%(typed)s” as your own words", { typed: u.typed }));
  return el("li", {}, el("span", {}, u.typed, " → ", el("strong", {}, u.as.map(topicLabel).join(", "))), undo);
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
  const list = $("understood");
  if (unchanged(list, attendee.understood || null)) return;
  $("understood-status").textContent = ""; // about the previous reading
  const parts = [];
  for (const [side, title] of Object.entries(SIDES)) {
    const rows = (attendee.understood ? attendee.understood[side] : []).filter(differs);
    if (rows.length) parts.push(el("h3", {}, title), el("ul", {}, ...rows.map((u) => understoodRow(side, u))));
  }
  list.replaceChildren(...parts);
  $("understood-box").hidden = parts.length === 0;
}

// Why nobody is introduced yet, in the server's words, with the room's closest topics as
// chips that add one to the right field. Without a reason the page's own text stays.
export function showWaiting(attendee) {
  me = attendee;
  const waiting = attendee.waiting;
  if (showReason(waiting)) $("waiting-status").textContent = ""; // stale once the reason moved on
  $("empty").dataset.reason = waiting ? waiting.reason : "";
  const side = waiting && ADD_TO[waiting.reason];
  const topics = side ? waiting.topics : [];
  const chips = $("waiting-topics");
  if (unchanged(chips, [side, topics])) return;
  $("waiting-add").hidden = topics.length === 0;
  $("waiting-add-label").textContent = side ? ADD_LABEL[side] : "";
  chips.replaceChildren(
    ...topics.map((t) => el("button", { type: "button", class: "chip add", "data-add": side, "data-topic": t }, topicLabel(t))),
  );
}

async function save(eventQuery, side, list) {
  const { attendee } = await api("PATCH", `/api/v1/me?${eventQuery}`, { [side]: list });
  return attendee;
}

// Clicks on "Undo" and on the waiting chips; `onSaved(attendee)` redraws the home.
export function setupTopics(eventQuery, onSaved) {
  onClick($("understood-box"), "button[data-undo]", async (button) => {
    if (!me) return;
    const { undo: side, typed } = button.dataset;
    button.disabled = true;
    try {
      // In quotes a topic is kept as the person's own words and never read again.
      const list = me[side].map((t) => (t === typed ? `"${t}"` : t));
      onSaved(await save(eventQuery, side, list));
      $("understood-status").textContent = _("Kept “%(typed)s” as your own words.", { typed });
    } catch (err) {
      $("understood-status").textContent = err.message;
    } finally {
      button.disabled = false; // redrawn away on success, unless the answer changed nothing
    }
  });
  onClick($("waiting-topics"), "button[data-add]", async (chip) => {
    if (!me) return;
    const { add: side, topic } = chip.dataset;
    const chips = [...chip.parentElement.children];
    for (const b of chips) b.disabled = true; // one change at a time: each builds on the last
    try {
      const has = me[side].some((t) => normalise(t) === normalise(topic));
      onSaved(has ? me : await save(eventQuery, side, [...me[side], topic]));
      $("waiting-status").textContent = ADDED[side](topicLabel(topic));
    } catch (err) {
      $("waiting-status").textContent = err.message;
    } finally {
      for (const b of chips) b.disabled = false;
    }
  });
}
