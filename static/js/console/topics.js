// The console's Topics panel: who offers and seeks each topic of the room, drawn from the
// same `stats` numbers as the rest of the console, and the two things an organizer can do
// for a topic nobody offers: ask the room for help, or declare it the same as another one
// (aliases.js).
import { $, el, onClick } from "../lib/dom.js";
import { _, ngettext, topicLabel } from "../lib/i18n.js";
import { openSame, setRoomTopics } from "./aliases.js";
import { draftAnnouncement } from "./announce.js";

const SHOWN = 12; // rows before "Show all", so the people list stays within reach

let topics = [];
let drawnTopics = ""; // what the table shows: a push that changes nothing redraws nothing
let showAll = false;

const unmet = (t) => t.offers === 0 && t.seeks > 0;
const numbers = new Intl.NumberFormat(document.documentElement.lang || "en");
const number = (n) => numbers.format(n);

/** The announcement "Ask the room" suggests; the organizer edits it and sends it. */
export function askText(topic, waiting) {
  const params = { topic: topicLabel(topic) };
  if (waiting > 1) {
    return ngettext(
      "Can anyone here help with %(topic)s? Add it to what you offer in Mixer — %(count)s person is waiting to meet you.",
      "Can anyone here help with %(topic)s? Add it to what you offer in Mixer — %(count)s people are waiting to meet you.",
      waiting,
      params,
    );
  }
  return waiting === 1
    ? _("Can anyone here help with %(topic)s? Add it to what you offer in Mixer — someone is waiting to meet you.", params)
    : _("Can anyone here help with %(topic)s? Add it to what you offer in Mixer — someone here is looking for it.", params);
}

function actionButton(action, topic, text, label) {
  const button = el("button", { type: "button", class: "small", "data-action": action, "data-topic": topic }, text);
  button.setAttribute("aria-label", label);
  return button;
}

function flag(t) {
  if (!unmet(t)) return null;
  return el("span", { class: t.waiting ? "flag" : "flag calm" }, _("nobody offers this"));
}

function row(t) {
  const topic = topicLabel(t.topic);
  const ask = t.waiting > 0 || unmet(t)
    ? actionButton("ask", t.topic, _("Ask the room"), _("Ask the room about %(topic)s", { topic }))
    : null;
  const same = actionButton("same", t.topic, _("Same as…"), _("Declare %(topic)s the same as another topic", { topic }));
  same.disabled = topics.length < 2;
  const attrs = { "data-topic": t.topic };
  if (unmet(t) && t.waiting) attrs["data-unmet"] = "waiting";
  return el(
    "tr",
    attrs,
    el("th", { scope: "row" }, el("span", { class: "topic-name" }, topic), " ", flag(t)),
    el("td", { class: "num-cell" }, number(t.offers)),
    el("td", { class: "num-cell" }, number(t.seeks)),
    el("td", { class: t.waiting ? "num-cell waiting" : "num-cell" }, number(t.waiting)),
    el("td", {}, el("span", { class: "row-actions" }, ask, same)),
  );
}

function topicButton(action, topic) {
  return [...$("topics").querySelectorAll("button")].find(
    (b) => b.dataset.action === action && b.dataset.topic === topic,
  );
}

// A redraw replaces the buttons: give focus back to the same one, so a keyboard user
// is not thrown to the top of the page by a push.
function focused() {
  const active = document.activeElement;
  return active && $("topics").contains(active) ? active.dataset : null;
}

function drawTable() {
  const shown = showAll ? topics : topics.slice(0, SHOWN);
  const was = focused();
  $("topics").replaceChildren(...shown.map(row));
  if (was) (topicButton(was.action, was.topic) || $("topics-title")).focus();
  const more = $("topics-more");
  $("topics-more-line").hidden = topics.length <= SHOWN;
  more.textContent = showAll
    ? ngettext("Show the first %(count)s only", "Show the first %(count)s only", SHOWN)
    : ngettext("Show all %(count)s topic", "Show all %(count)s topics", topics.length);
  more.setAttribute("aria-expanded", String(showAll));
}

/** Draw the panel from a `stats` answer or push. */
export function drawTopics(stats) {
  const next = Array.isArray(stats.topics) ? stats.topics : [];
  const key = JSON.stringify([stats.attendees.total > 0, next]);
  if (key === drawnTopics) return;
  drawnTopics = key;
  topics = next;
  setRoomTopics(topics);
  const empty = $("topics-empty");
  if (!Array.isArray(stats.topics)) empty.textContent = _("Topic numbers are not available on this server yet.");
  else if (!stats.attendees.total) empty.textContent = _("Nobody has joined yet — topics appear here as people join.");
  else empty.textContent = _("Nobody here has named a topic yet.");
  empty.hidden = topics.length > 0;
  $("topics-wrap").hidden = topics.length === 0;
  $("topics-count").textContent = topics.length ? `(${number(topics.length)})` : "";
  drawTable();
}

function askRoom(topic) {
  const found = topics.find((t) => t.topic === topic);
  draftAnnouncement(askText(topic, found ? found.waiting : 0));
}

export function setupTopics() {
  $("topics-more").addEventListener("click", () => {
    showAll = !showAll;
    drawTable();
  });
  onClick($("topics"), "button[data-action]", (button) => {
    $("topics-done").textContent = "";
    if (button.dataset.action === "ask") askRoom(button.dataset.topic);
    else openSame(button.dataset.topic);
  });
}
