// The console's Topics panel: who offers and seeks each topic of the room, drawn from the
// same `stats` numbers as the rest of the console, and the two things an organizer can do
// for a topic nobody offers: ask the room for help, or declare it the same as another one.
// Aliases are saved through PATCH …/events/<code>; the server re-reads everyone's topics.
import { api, el } from "./live.js";

const root = document.getElementById("console");
const base = `/api/v1/events/${encodeURIComponent(root.dataset.event)}`;
const $ = (id) => document.getElementById(id);
const SHOWN = 12; // rows before "Show all", so the people list stays within reach

let topics = [];
let aliases = {};
let drawnTopics = ""; // what the table shows: a push that changes nothing redraws nothing
let drawnAliases = "";
let showAll = false;
let sameFor = null; // the topic the "Same as…" form was opened for
let sending = false; // one alias change at a time: a double click must not send twice

// ---- messages -------------------------------------------------------------------------

function problem(err) {
  if (!err.status) return "Mixer could not be reached. Check this laptop's connection, then try again.";
  // "Some fields need fixing." alone does not say which: the field's own message does.
  const fields = Object.values((err.data && err.data.error && err.data.error.fields) || {});
  return [err.message, ...fields.filter((m) => m !== err.message)].join(" ");
}

function say(box, text) {
  box.textContent = text;
  box.hidden = !text;
}

const unmet = (t) => t.offers === 0 && t.seeks > 0;

/** The announcement "Ask the room" suggests; the organizer edits it and sends it. */
export function askText(topic, waiting) {
  const who = waiting > 1 ? `${waiting} people are waiting to meet you`
    : waiting === 1 ? "someone is waiting to meet you" : "someone here is looking for it";
  return `Can anyone here help with ${topic}? Add it to what you offer in Mixer — ${who}.`;
}

// ---- the table ------------------------------------------------------------------------

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

// A redraw replaces the buttons: give focus back to the same one, so a keyboard user
// is not thrown to the top of the page by a push.
function focused() {
  const active = document.activeElement;
  return active && $("topics").contains(active) ? active.dataset : null;
}

function refocus(was) {
  if (!was) return;
  const again = [...$("topics").querySelectorAll("button")].find(
    (b) => b.dataset.action === was.action && b.dataset.topic === was.topic,
  );
  (again || $("topics-title")).focus();
}

function drawTable() {
  const shown = showAll ? topics : topics.slice(0, SHOWN);
  const was = focused();
  $("topics").replaceChildren(...shown.map(row));
  refocus(was);
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
  fillChoices();
  const empty = $("topics-empty");
  if (!Array.isArray(stats.topics)) empty.textContent = "Topic numbers are not available on this server yet.";
  else if (!stats.attendees.total) empty.textContent = "Nobody has joined yet — topics appear here as people join.";
  else empty.textContent = "Nobody here has named a topic yet.";
  empty.hidden = topics.length > 0;
  $("topics-wrap").hidden = topics.length === 0;
  $("topics-count").textContent = topics.length ? `(${topics.length})` : "";
  drawTable();
}

$("topics-more").addEventListener("click", () => {
  showAll = !showAll;
  drawTable();
});

// ---- ask the room ---------------------------------------------------------------------

function askRoom(topic) {
  const found = topics.find((t) => t.topic === topic);
  const box = $("announce-message");
  box.value = askText(topic, found ? found.waiting : 0);
  box.dispatchEvent(new Event("input", { bubbles: true })); // console.js keeps the count
  box.focus();
  box.setSelectionRange(box.value.length, box.value.length);
  box.scrollIntoView({ block: "nearest" });
}

// ---- same as… -------------------------------------------------------------------------

// "Blorp ops" and "blorpop" squash alike: no case, spaces, punctuation or final "s".
const squash = (s) => s.toLocaleLowerCase().replace(/[^\p{L}\p{N}]+/gu, "").replace(/s$/, "");

// Offered topics first: the usual fix joins a topic nobody offers to one somebody does.
function choices(topic) {
  return topics
    .filter((t) => t.topic !== topic)
    .sort((a, b) => (b.offers > 0) - (a.offers > 0) || a.topic.localeCompare(b.topic));
}

function option(t, selected) {
  const label = `${t.topic} — offered by ${t.offers}, sought by ${t.seeks}`;
  return el("option", { value: t.topic, selected }, label);
}

// An inline form rather than a dialog: the table stays in view to compare topics.
// Preselect only a topic spelled the same but for spaces, punctuation or a plural;
// anything less certain is the organizer's choice to make.
function openSame(topic) {
  sameFor = topic;
  const squashed = squash(topic);
  const others = choices(topic);
  const twin = others.find((t) => squash(t.topic) === squashed);
  $("same-topic").textContent = topic;
  $("same-target").replaceChildren(
    el("option", { value: "", selected: !twin }, "Choose a topic…"),
    ...others.map((t) => option(t, t === twin)),
  );
  say($("same-error"), "");
  $("same-confirm").disabled = false;
  $("same-form").hidden = false;
  $("same-target").focus();
  $("same-form").scrollIntoView({ block: "nearest" });
}

function closeSame() {
  const topic = sameFor;
  sameFor = null;
  $("same-form").hidden = true;
  return topic;
}

async function saveAliases(next, button, box) {
  sending = true;
  button.disabled = true;
  say(box, "");
  try {
    const { event } = await api("PATCH", base, { topic_aliases: next });
    root.dispatchEvent(new CustomEvent("event-saved", { detail: event }));
    return true;
  } catch (err) {
    say(box, problem(err));
    return false;
  } finally {
    sending = false;
    button.disabled = false;
  }
}

$("same-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  if (sending || !sameFor) return;
  const target = $("same-target").value;
  if (!target) {
    say($("same-error"), "Choose the topic it is the same as.");
    $("same-target").focus();
    return;
  }
  const from = sameFor;
  if (await saveAliases({ ...aliases, [from]: target }, $("same-confirm"), $("same-error"))) {
    closeSame();
    say($("topics-error"), "");
    $("topics-done").textContent = `'${from}' now counts as '${target}'.`;
    $("topics-title").focus(); // its row is gone once the room is re-read
  }
});

// Cancelling puts focus back on the row's button the form was opened from.
function cancelSame() {
  const topic = closeSame();
  const back = [...$("topics").querySelectorAll("button[data-action=same]")].find((b) => b.dataset.topic === topic);
  (back || $("topics-title")).focus();
}

$("same-cancel").addEventListener("click", cancelSame);
$("same-form").addEventListener("keydown", (e) => {
  if (e.key === "Escape") cancelSame();
});

$("topics").addEventListener("click", (e) => {
  const button = e.target.closest("button[data-action]");
  if (!button) return;
  $("topics-done").textContent = "";
  if (button.dataset.action === "ask") askRoom(button.dataset.topic);
  else openSame(button.dataset.topic);
});

// ---- declared aliases -----------------------------------------------------------------

function aliasItem([typed, topic]) {
  const remove = el("button", { type: "button", class: "small quiet", "data-alias": typed }, "Remove");
  remove.setAttribute("aria-label", `Remove: ${typed} counts as ${topic}`);
  return el("li", {}, el("span", { class: "alias-text" }, "“", el("strong", {}, typed), "” counts as “", el("strong", {}, topic), "”"), " ", remove);
}

/** Draw the aliases from the Event object (an answer, or the `event` push). */
export function drawAliases(event) {
  aliases = { ...(event.topic_aliases || {}) };
  const entries = Object.entries(aliases).sort(([a], [b]) => a.localeCompare(b));
  const key = JSON.stringify(entries);
  if (key === drawnAliases) return;
  drawnAliases = key;
  $("aliases").replaceChildren(...entries.map(aliasItem));
  $("aliases").hidden = entries.length === 0;
  $("aliases-none").hidden = entries.length > 0;
}

$("aliases").addEventListener("click", async (e) => {
  const button = e.target.closest("button[data-alias]");
  if (!button || sending) return;
  const typed = button.dataset.alias;
  const next = { ...aliases };
  delete next[typed];
  $("topics-done").textContent = "";
  if (await saveAliases(next, button, $("topics-error"))) {
    $("topics-done").textContent = `'${typed}' is its own topic again.`;
    $("aliases-title").focus(); // the button went with its line
  }
});

// ---- a word of the organizer's own -------------------------------------------------------

// The room's topics as choices for "read it as", kept current with the table.
function fillChoices() {
  $("alias-topics").replaceChildren(...topics.map((t) => el("option", { value: t.topic })));
}

$("alias-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  if (sending) return;
  const typed = $("alias-typed").value.trim();
  const topic = $("alias-topic").value.trim();
  if (!typed || !topic) {
    say($("alias-error"), "Fill in both: the word people type, and the topic it means.");
    (typed ? $("alias-topic") : $("alias-typed")).focus();
    return;
  }
  $("topics-done").textContent = "";
  if (await saveAliases({ ...aliases, [typed]: topic }, $("alias-add"), $("alias-error"))) {
    $("alias-form").reset();
    $("topics-done").textContent = `'${typed}' now counts as '${topic}'.`;
  }
});
