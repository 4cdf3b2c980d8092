// The console's Topics panel: who offers and seeks each topic of the room, drawn from the
// same `stats` numbers as the rest of the console, and the two things an organizer can do
// for a topic nobody offers: ask the room for help, or declare it the same as another one
// (aliases.js).
import { $, el, onClick } from "../lib/dom.js";
import { openSame, setRoomTopics } from "./aliases.js";
import { draftAnnouncement } from "./announce.js";

const SHOWN = 12; // rows before "Show all", so the people list stays within reach

let topics = [];
let drawnTopics = ""; // what the table shows: a push that changes nothing redraws nothing
let showAll = false;

const unmet = (t) => t.offers === 0 && t.seeks > 0;

/** The announcement "Ask the room" suggests; the organizer edits it and sends it. */
export function askText(topic, waiting) {
  const who = waiting > 1 ? `${waiting} people are waiting to meet you`
    : waiting === 1 ? "someone is waiting to meet you" : "someone here is looking for it";
  return `Can anyone here help with ${topic}? Add it to what you offer in Mixer — ${who}.`;
}

function actionButton(action, topic, text, label) {
  const button = el("button", { type: "button", class: "small", "data-action": action, "data-topic": topic }, text);
  button.setAttribute("aria-label", label);
  return button;
}

function flag(t) {
  if (!unmet(t)) return null;
  return el("span", { class: t.waiting ? "flag" : "flag calm" }, "nobody offers this");
}

function row(t) {
  const ask = t.waiting > 0 || unmet(t)
    ? actionButton("ask", t.topic, "Ask the room", `Ask the room about ${t.topic}`)
    : null;
  const same = actionButton("same", t.topic, "Same as…", `Declare ${t.topic} the same as another topic`);
  same.disabled = topics.length < 2;
  const attrs = { "data-topic": t.topic };
  if (unmet(t) && t.waiting) attrs["data-unmet"] = "waiting";
  return el(
    "tr",
    attrs,
    el("th", { scope: "row" }, el("span", { class: "topic-name" }, t.topic), " ", flag(t)),
    el("td", { class: "num-cell" }, String(t.offers)),
    el("td", { class: "num-cell" }, String(t.seeks)),
    el("td", { class: t.waiting ? "num-cell waiting" : "num-cell" }, String(t.waiting)),
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
  more.textContent = showAll ? `Show the first ${SHOWN} only` : `Show all ${topics.length} topics`;
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
  if (!Array.isArray(stats.topics)) empty.textContent = "Topic numbers are not available on this server yet.";
  else if (!stats.attendees.total) empty.textContent = "Nobody has joined yet — topics appear here as people join.";
  else empty.textContent = "Nobody here has named a topic yet.";
  empty.hidden = topics.length > 0;
  $("topics-wrap").hidden = topics.length === 0;
  $("topics-count").textContent = topics.length ? `(${topics.length})` : "";
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
