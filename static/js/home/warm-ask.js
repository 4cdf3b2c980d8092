// Warm introductions as the asker sees them: who we both know, the "Ask Kim…" form, and
// where each request stands ("Asked Kim", "Not this time", "Kim introduced you…").
import { el } from "../lib/dom.js";
import { firstName } from "../lib/format.js";
import { api } from "../lib/http.js";
import { _, ngettext } from "../lib/i18n.js";
import { noteForm } from "./note-form.js";
import { eventQuery } from "./page.js";

const boxes = new Map(); // "to:via" -> the form's node: a redraw keeps it open, draft and all
let asked = () => {};

/** `fn` runs once a request was taken: the home then redraws from the server. */
export function onAsked(fn) {
  asked = fn;
}

/** "Kim", "Kim and Lee", "Kim and 2 others". */
export function names(people) {
  const [first, ...rest] = people.map((p) => p.name);
  if (!rest.length) return first;
  if (rest.length === 1) return _("%(first)s and %(second)s", { first, second: rest[0] });
  return ngettext("%(first)s and %(count)s other", "%(first)s and %(count)s others", rest.length, { first });
}

/** "You both know Kim" (null when nobody is known to both). */
export function bothKnow(people) {
  return people.length ? el("p", { class: "warm-known" }, _("You both know %(names)s", { names: names(people) })) : null;
}

/** My requests to meet one person, newest first (warm_sent is newest first already). */
export function sentTo(state, personId) {
  const sent = (state && state.attendee.warm_sent) || [];
  return sent.filter((r) => r.to.id === personId);
}

/** Where my latest request stands, in a few words; null once the introduction shows. */
export function sentText(req, { long = false } = {}) {
  const kim = firstName(req.via.name);
  if (req.status === "asked") return long ? _("Asked %(name)s — we'll tell you when they answer", { name: kim }) : _("Asked %(name)s", { name: kim });
  if (req.status === "ended" || req.status === "declined") return _("Not this time");
  if (req.status === "introduced" && req.waiting_for_place) {
    return _("%(name)s introduced you — it will appear as soon as you both have a free place", { name: kim });
  }
  return null;
}

/**
 * What an asker can do about meeting `to` through `brokers` (people both know), given my
 * earlier requests: their state, or the form to ask the first broker not asked yet.
 */
export function warmAsk(to, brokers, sent, { short = false } = {}) {
  const latest = sent[0];
  const open = latest && latest.status !== "ended" && latest.status !== "declined";
  const said = latest ? sentText(latest, { long: true }) : null;
  const ended = latest && (latest.status === "ended" || latest.status === "declined");
  const line = said ? el("p", { class: "warm-state" + (ended ? " ended" : ""), role: "status" }, said) : null;
  if (open) return line;
  const tried = new Set(sent.map((r) => r.via.id));
  const via = brokers.find((b) => !tried.has(b.id));
  if (!via) return line;
  return el("div", { class: "warm-ask" }, line, askBox(to, via, short));
}

function askBox(to, via, short) {
  const key = `${to.id}:${via.id}:${short}`;
  if (!boxes.has(key)) {
    const kim = firstName(via.name);
    const box = noteForm({
      opener: short ? _("Ask %(name)s", { name: kim }) : _("Ask %(name)s to introduce you", { name: kim }),
      label: _("A line for %(name)s (optional)", { name: kim }),
      submit: _("Send"),
      openerClass: "",
      send: (note) => api("POST", `/api/v1/warm?${eventQuery}`, { to: to.id, via: via.id, note }),
      done: (data) => {
        boxes.delete(key);
        asked(data.warm);
      },
    });
    boxes.set(key, box);
  }
  return boxes.get(key);
}

/** An introduction someone made: "Introduced by Kim" and their line, on every state. */
export function introducedBy(intro) {
  if (!intro.via) return null;
  return el(
    "div",
    { class: "warm-by" },
    el("p", {}, el("strong", {}, _("Introduced by %(name)s", { name: intro.via.name }))),
    intro.via_note ? el("blockquote", {}, _("“%(note)s”", { note: intro.via_note })) : null,
  );
}
