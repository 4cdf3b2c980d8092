// What the console advises when seekers wait, worked out from the numbers it already has.
// Each piece of advice names a cause the numbers show; capacity is advised only when the
// topics people wait on are offered and the givers are full, never as a catch-all.
import { $, el } from "../lib/dom.js";
import { plural } from "../lib/format.js";

const LISTED = 4; // topics named in one sentence; more are counted

export function listed(names) {
  const shown = names.slice(0, LISTED);
  const more = names.length - shown.length;
  if (more > 0) return `${shown.join(", ")} and ${more} more`;
  if (shown.length <= 1) return shown.join("");
  return `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}`;
}

// Per-topic counts overlap (one seeker may wait on two topics), so their sum is capped by
// the number of seekers waiting at all.
function seekersOn(topics, waiting) {
  return Math.min(waiting, topics.reduce((sum, t) => sum + t.waiting, 0));
}

function unofferedAdvice(topics, waiting, exact) {
  // The server counts the seekers none of whose topics anybody offers; older servers did not.
  const n = Number.isInteger(exact) && exact > 0 ? exact : seekersOn(topics, waiting);
  const which = topics.length === 1 ? "a topic" : "topics";
  return `${plural(n, "seeker waits", "seekers wait")} on ${which} nobody here offers: ${listed(topics.map((t) => t.topic))}. `
    + "Ask the room for people who can help, or declare a topic the same as one offered.";
}

function capacityAdvice(topics, waiting) {
  const n = seekersOn(topics, waiting);
  return `${plural(n, "seeker waits", "seekers wait")} on ${listed(topics.map((t) => t.topic))}: `
    + `the givers who offer ${topics.length === 1 ? "it" : "them"} are full. `
    + "Ask givers to take one more introduction, or start a round.";
}

/** Advice for the room as it is: a list of { kind, text }, empty when nobody waits. */
export function advice(stats, event) {
  const waiting = stats.balance.seekers_waiting;
  if (!stats.attendees.total || !waiting || (event && event.status === "closed")) return [];
  const out = [];
  if (event && event.status === "paused") {
    out.push({ kind: "paused", text: `Matching is paused, so ${plural(waiting, "seeker waits", "seekers wait")}. Resume matching when the room is ready.` });
  }
  const topics = Array.isArray(stats.topics) ? stats.topics : [];
  const unoffered = topics.filter((t) => t.waiting > 0 && t.offers === 0);
  const offered = topics.filter((t) => t.waiting > 0 && t.offers > 0);
  const exact = stats.balance.seekers_no_topic_match;
  if (unoffered.length) out.push({ kind: "unoffered", text: unofferedAdvice(unoffered, waiting, exact) });
  const rounds = event && event.mode === "rounds";
  const full = stats.balance.giver_free_capacity === 0 || stats.givers_at_capacity.length > 0;
  if (offered.length && full && !rounds && event?.status !== "paused") {
    out.push({ kind: "capacity", text: capacityAdvice(offered, waiting) });
  }
  if (rounds && event.status === "open") {
    out.push({ kind: "rounds", text: "Introductions come in rounds here: start a round to give everyone who waits a partner." });
  }
  if (!out.length) {
    out.push({
      kind: "other",
      text: `${plural(waiting, "seeker waits", "seekers wait")} although their topics are offered by givers with free places: `
        + "they may have met everyone who offers them. Introduce them yourself, or re-balance now.",
    });
  }
  return out;
}

let drawn = ""; // the list is live: redraw (and announce) only what changed

/** Draw the advice once the numbers are in (the event may still be on its way). */
export function drawAdvice(stats, event) {
  if (!stats) return;
  const items = advice(stats, event);
  const key = JSON.stringify(items);
  if (key === drawn) return;
  drawn = key;
  // Topic advice points to the panel below, where its fixes are ("Ask the room", "Same as…").
  const link = (a) => (a.kind === "unoffered" ? [" ", el("a", { href: "#topics-panel" }, "See the topics")] : []);
  $("advice").replaceChildren(...items.map((a) => el("li", { "data-kind": a.kind }, a.text, ...link(a))));
}
