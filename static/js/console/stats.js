// The room's numbers: who is here, the introductions so far, and who waits or is full.
import { $, el } from "../lib/dom.js";
import { percent } from "../lib/format.js";
import { newestOnly } from "../lib/live.js";
import { drawBalance } from "./balance.js";
import { personButton } from "./person.js";
import { drawWarm } from "./warm.js";

const COUNTS = [
  ["Here", "here"], ["Givers", "give"], ["Seekers", "seek"], ["Both", "both"],
  ["In a conversation", "busy"], ["Left", "left"],
];
const INTRO_COUNTS = [
  ["Suggested", "suggested"], ["Accepted", "accepted"], ["Met", "met"],
  ["Declined", "declined"], ["Expired", "expired"],
];

const newest = newestOnly();

function tile(label, value) {
  return el("li", {}, el("span", { class: "num" }, String(value)), el("span", { class: "label" }, label));
}

function names(list, emptyText) {
  return list.length
    ? list.map((p) => el("li", {}, personButton(p)))
    : [el("li", { class: "muted" }, emptyText)];
}

/** Draw the numbers of a `stats` answer or push; false for one older than those drawn. */
export function drawNumbers(stats) {
  if (!newest(stats)) return false; // an older answer overtaken by a push
  const a = stats.attendees;
  $("counts").replaceChildren(...COUNTS.map(([label, key]) => tile(label, a[key] ?? 0)));
  $("room-empty").hidden = a.total > 0;
  drawBalance(stats);
  $("intro-counts").replaceChildren(
    ...INTRO_COUNTS.map(([label, key]) => tile(label, stats.introductions[key] ?? 0)),
  );
  const accepted = stats.acceptance_rate == null ? "no answers yet" : `${percent(stats.acceptance_rate)} of answered introductions`;
  const met = stats.met_rate == null ? "no introductions yet" : `${percent(stats.met_rate)} of all introductions suggested`;
  $("rates").textContent = `Accepted: ${accepted} · Met: ${met}`;
  drawWarm(stats);
  $("waiting").replaceChildren(...names(stats.seekers_without_introduction, "Nobody waiting."));
  $("full").replaceChildren(...names(stats.givers_at_capacity, "Nobody is at capacity."));
  return true;
}
