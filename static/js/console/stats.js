// The room's numbers: who is here, the introductions so far, and who waits or is full.
import { $, el } from "../lib/dom.js";
import { percent } from "../lib/format.js";
import { _ } from "../lib/i18n.js";
import { newestOnly } from "../lib/live.js";
import { drawBalance } from "./balance.js";
import { personButton } from "./person.js";
import { drawWarm } from "./warm.js";

const COUNTS = [
  [_("Here"), "here"], [_("Givers"), "give"], [_("Seekers"), "seek"], [_("Both"), "both"],
  [_("In a conversation"), "busy"], [_("Left"), "left"],
];
const INTRO_COUNTS = [
  [_("Suggested"), "suggested"], [_("Accepted"), "accepted"], [_("Met"), "met"],
  [_("Declined"), "declined"], [_("Expired"), "expired"],
];
const numbers = new Intl.NumberFormat(document.documentElement.lang || "en");

const newest = newestOnly();

function tile(label, value) {
  return el("li", {}, el("span", { class: "num" }, numbers.format(value)), el("span", { class: "label" }, label));
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
  const accepted = stats.acceptance_rate == null
    ? _("no answers yet")
    : _("%(percent)s of answered introductions", { percent: percent(stats.acceptance_rate) });
  const met = stats.met_rate == null
    ? _("no introductions yet")
    : _("%(percent)s of all introductions suggested", { percent: percent(stats.met_rate) });
  $("rates").textContent = _("Accepted: %(accepted)s · Met: %(met)s", { accepted, met });
  drawWarm(stats);
  $("waiting").replaceChildren(...names(stats.seekers_without_introduction, _("Nobody waiting.")));
  $("full").replaceChildren(...names(stats.givers_at_capacity, _("Nobody is at capacity.")));
  return true;
}
