// Topics the organizer declares the same: "Same as…" on a row of the Topics panel, the
// list of those declared (each with a Remove), and a word of the organizer's own.
// Aliases are saved through PATCH …/events/<code>; the server re-reads everyone's topics.
import { $, el, onClick } from "../lib/dom.js";
import { api, fieldErrors } from "../lib/http.js";
import { _, topicLabel } from "../lib/i18n.js";
import { UNREACHABLE } from "./messages.js";
import { base } from "./page.js";

let topics = []; // the room's topics, as the panel last drew them
let aliases = {};
let drawnAliases = "";
let sameFor = null; // the topic the "Same as…" form was opened for
let sending = false; // one alias change at a time: a double click must not send twice
let onEvent = () => {};

function problem(err) {
  if (!err.status) return UNREACHABLE;
  // "Some fields need fixing." alone does not say which: the field's own message does.
  const fields = Object.values(fieldErrors(err));
  return [err.message, ...fields.filter((m) => m !== err.message)].join(" ");
}

const numbers = new Intl.NumberFormat(document.documentElement.lang || "en");

// A translated message whose %(name)s placeholders become elements (a name in bold, say):
// the words around them stay in the order the language puts them.
function withParts(message, parts) {
  return message.split(/(%\(\w+\)s)/).filter(Boolean).map((bit) => {
    const key = /^%\((\w+)\)s$/.exec(bit);
    return key && key[1] in parts ? parts[key[1]] : bit;
  });
}

function say(box, text) {
  box.textContent = text;
  box.hidden = !text;
}

/** The room's topics: the choices for "Same as…" and for "read it as". */
export function setRoomTopics(next) {
  topics = next;
  $("alias-topics").replaceChildren(...topics.map((t) => el("option", { value: t.topic })));
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
  const label = _("%(topic)s — offered by %(offers)s, sought by %(seeks)s", {
    topic: topicLabel(t.topic),
    offers: numbers.format(t.offers),
    seeks: numbers.format(t.seeks),
  });
  return el("option", { value: t.topic, selected }, label);
}

// An inline form rather than a dialog: the table stays in view to compare topics.
// Preselect only a topic spelled the same but for spaces, punctuation or a plural;
// anything less certain is the organizer's choice to make.
export function openSame(topic) {
  sameFor = topic;
  const squashed = squash(topic);
  const others = choices(topic);
  const twin = others.find((t) => squash(t.topic) === squashed);
  $("same-topic").textContent = topicLabel(topic);
  $("same-target").replaceChildren(
    el("option", { value: "", selected: !twin }, _("Choose a topic…")),
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

// Cancelling puts focus back on the row's button the form was opened from.
function cancelSame() {
  const topic = closeSame();
  const back = [...$("topics").querySelectorAll("button[data-action=same]")].find((b) => b.dataset.topic === topic);
  (back || $("topics-title")).focus();
}

async function saveAliases(next, button, box) {
  sending = true;
  button.disabled = true;
  say(box, "");
  try {
    const { event } = await api("PATCH", base, { topic_aliases: next });
    onEvent(event);
    return true;
  } catch (err) {
    say(box, problem(err));
    return false;
  } finally {
    sending = false;
    button.disabled = false;
  }
}

// ---- declared aliases -----------------------------------------------------------------

function aliasItem([typed, topic]) {
  const remove = el("button", { type: "button", class: "small quiet", "data-alias": typed }, _("Remove"));
  remove.setAttribute("aria-label", _("Remove: %(typed)s counts as %(topic)s", { typed, topic: topicLabel(topic) }));
  const text = withParts(_("“%(typed)s” counts as “%(topic)s”"), {
    typed: el("strong", {}, typed),
    topic: el("strong", {}, topicLabel(topic)),
  });
  return el("li", {}, el("span", { class: "alias-text" }, ...text), " ", remove);
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

// ---- the forms ------------------------------------------------------------------------

// `saved(event)` redraws the console from the event the server saved.
export function setupAliases(saved) {
  onEvent = saved;
  $("same-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    if (sending || !sameFor) return;
    const target = $("same-target").value;
    if (!target) {
      say($("same-error"), _("Choose the topic it is the same as."));
      $("same-target").focus();
      return;
    }
    const from = sameFor;
    if (await saveAliases({ ...aliases, [from]: target }, $("same-confirm"), $("same-error"))) {
      closeSame();
      say($("topics-error"), "");
      $("topics-done").textContent = _("'%(typed)s' now counts as '%(topic)s'.", { typed: from, topic: topicLabel(target) });
      $("topics-title").focus(); // its row is gone once the room is re-read
    }
  });
  $("same-cancel").addEventListener("click", cancelSame);
  $("same-form").addEventListener("keydown", (e) => {
    if (e.key === "Escape") cancelSame();
  });

  onClick($("aliases"), "button[data-alias]", async (button) => {
    if (sending) return;
    const typed = button.dataset.alias;
    const next = { ...aliases };
    delete next[typed];
    $("topics-done").textContent = "";
    if (await saveAliases(next, button, $("topics-error"))) {
      $("topics-done").textContent = _("'%(typed)s' is its own topic again.", { typed });
      $("aliases-title").focus(); // the button went with its line
    }
  });

  // A word of the organizer's own, read as one of the room's topics (or any Mixer knows).
  $("alias-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    if (sending) return;
    const typed = $("alias-typed").value.trim();
    const topic = $("alias-topic").value.trim();
    if (!typed || !topic) {
      say($("alias-error"), _("Fill in both: the word people type, and the topic it means."));
      (typed ? $("alias-topic") : $("alias-typed")).focus();
      return;
    }
    $("topics-done").textContent = "";
    if (await saveAliases({ ...aliases, [typed]: topic }, $("alias-add"), $("alias-error"))) {
      $("alias-form").reset();
      $("topics-done").textContent = _("'%(typed)s' now counts as '%(topic)s'.", { typed, topic: topicLabel(topic) });
    }
  });
}
