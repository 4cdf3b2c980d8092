// What the console advises when seekers wait, worked out from the numbers it already has.
// Each piece of advice names a cause the numbers show; capacity is advised only when the
// topics people wait on are offered and the givers are full, never as a catch-all.
import { $, el } from "../lib/dom.js";
import { _, ngettext, topicLabel } from "../lib/i18n.js";

const LISTED = 4; // topics named in one sentence; more are counted

const lang = document.documentElement.lang || "en";
const and = new Intl.ListFormat(lang, { type: "conjunction" });

/** "a, b and c" (the language's way), or "a, b, c, d and 3 more". */
export function listed(names) {
  const shown = names.slice(0, LISTED);
  const more = names.length - shown.length;
  if (more > 0) shown.push(ngettext("%(count)s more", "%(count)s more", more));
  return and.format(shown);
}

const topicsOf = (topics) => listed(topics.map((t) => topicLabel(t.topic)));

// Per-topic counts overlap (one seeker may wait on two topics), so their sum is capped by
// the number of seekers waiting at all.
function seekersOn(topics, waiting) {
  return Math.min(waiting, topics.reduce((sum, t) => sum + t.waiting, 0));
}

function unofferedAdvice(topics, waiting, exact) {
  // The server counts the seekers none of whose topics anybody offers; older servers did not.
  const n = Number.isInteger(exact) && exact > 0 ? exact : seekersOn(topics, waiting);
  const params = { topics: topicsOf(topics) };
  const waits = topics.length === 1
    ? ngettext(
      "%(count)s seeker waits on a topic nobody here offers: %(topics)s.",
      "%(count)s seekers wait on a topic nobody here offers: %(topics)s.",
      n,
      params,
    )
    : ngettext(
      "%(count)s seeker waits on topics nobody here offers: %(topics)s.",
      "%(count)s seekers wait on topics nobody here offers: %(topics)s.",
      n,
      params,
    );
  const fix = _("Ask the room for people who can help, or declare a topic the same as one offered.");
  return `${waits} ${fix}`;
}

function capacityAdvice(topics, waiting) {
  const n = seekersOn(topics, waiting);
  const params = { topics: topicsOf(topics) };
  const waits = topics.length === 1
    ? ngettext(
      "%(count)s seeker waits on %(topics)s: the givers who offer it are full.",
      "%(count)s seekers wait on %(topics)s: the givers who offer it are full.",
      n,
      params,
    )
    : ngettext(
      "%(count)s seeker waits on %(topics)s: the givers who offer them are full.",
      "%(count)s seekers wait on %(topics)s: the givers who offer them are full.",
      n,
      params,
    );
  const fix = _("Ask givers to take one more introduction, or start a round.");
  return `${waits} ${fix}`;
}

/** Advice for the room as it is: a list of { kind, text }, empty when nobody waits. */
export function advice(stats, event) {
  const waiting = stats.balance.seekers_waiting;
  if (!stats.attendees.total || !waiting || (event && event.status === "closed")) return [];
  const out = [];
  if (event && event.status === "paused") {
    out.push({
      kind: "paused",
      text: ngettext(
        "Matching is paused, so %(count)s seeker waits. Resume matching when the room is ready.",
        "Matching is paused, so %(count)s seekers wait. Resume matching when the room is ready.",
        waiting,
      ),
    });
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
    out.push({ kind: "rounds", text: _("Introductions come in rounds here: start a round to give everyone who waits a partner.") });
  }
  if (!out.length) {
    out.push({
      kind: "other",
      text: ngettext(
        "%(count)s seeker waits although their topics are offered by givers with free places: they may have met everyone who offers them. Introduce them yourself, or re-balance now.",
        "%(count)s seekers wait although their topics are offered by givers with free places: they may have met everyone who offers them. Introduce them yourself, or re-balance now.",
        waiting,
      ),
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
  const link = (a) => (a.kind === "unoffered" ? [" ", el("a", { href: "#topics-panel" }, _("See the topics"))] : []);
  $("advice").replaceChildren(...items.map((a) => el("li", { "data-kind": a.kind }, a.text, ...link(a))));
}
