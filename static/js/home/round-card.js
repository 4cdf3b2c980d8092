// The round partner, on top of the phone's home: who, where, why, how to start, and the
// time left, live. A round needs no Accept to meet (the organizer sent everyone to
// someone); "Keep in touch" is the accept, and contacts still need both to agree.
// The countdown runs from the server's `remaining`, so a phone with a wrong clock still
// shows the room's time; a paused round shows its frozen time.
import { countdown, mmss } from "../lib/countdown.js";
import { $, el } from "../lib/dom.js";
import { _, ngettext } from "../lib/i18n.js";
import { opener, topics, withNode } from "./cards.js";

const ENDED_FOR = 8000; // ms the ended round's card stays, saying so, before it goes

let partners = []; // the introductions of this round, as last drawn
let endedAt = 0; // when this phone saw the round end (0: not ended)
let calledOff = 0; // the number of a round the organizer undid, to say so
let redraw = () => {};
const clock = countdown(tick);

/** Whether the round is over (or undone), so its card has moved away. */
function gone() {
  const round = clock.round;
  return !round || (clock.left() === 0 && !round.paused && Date.now() - endedAt > ENDED_FOR);
}

/** The introductions that belong on the round card now (the rest are ordinary cards). */
export function roundIntros(intros) {
  if (gone()) return [];
  return intros.filter((i) => i.round === clock.round.number && i.status !== "declined" && i.status !== "expired");
}

const lang = document.documentElement.lang || "en";
// "Ana, Ben and Cy" in the page's language (English keeps its own, comma-free "and").
const together = lang === "en" ? null : new Intl.ListFormat(lang, { type: "conjunction" });

function names(list) {
  const first = list.map((i) => i.other.name.split(/\s+/)[0] || i.other.name);
  if (together) return together.format(first);
  return first.length > 1 ? `${first.slice(0, -1).join(", ")} and ${first.at(-1)}` : first[0];
}

function bannerText(round, left) {
  const said = { number: round.number, time: mmss(left) };
  if (!round.paused && left === 0) return _("Round %(number)s has ended", said);
  if (partners.length) {
    said.names = names(partners);
    said.spot = partners[0].spot;
    if (round.paused) {
      return said.spot
        ? _("Round %(number)s · meet %(names)s at %(spot)s · paused at %(time)s", said)
        : _("Round %(number)s · meet %(names)s · paused at %(time)s", said);
    }
    return said.spot
      ? _("Round %(number)s · meet %(names)s at %(spot)s · %(time)s left", said)
      : _("Round %(number)s · meet %(names)s · %(time)s left", said);
  }
  if (round.paused) return _("Round %(number)s · paused at %(time)s", said);
  return _("Round %(number)s · %(time)s left", said);
}

function tick(round, left) {
  const banner = $("round");
  if (!round) {
    banner.textContent = calledOff
      ? _("Round %(number)s was called off by the organizer. Wait for the next one.", { number: calledOff })
      : "";
    banner.dataset.paused = "no";
    banner.hidden = !calledOff;
    return;
  }
  if (left === 0 && !round.paused && !endedAt) {
    endedAt = Date.now();
    setTimeout(() => redraw(), ENDED_FOR + 50); // the card moves away, its cards rejoin the list
  }
  banner.hidden = false;
  banner.textContent = bannerText(round, left);
  banner.dataset.paused = round.paused ? "yes" : "no";
  const time = $("round-clock");
  if (!time) return;
  const clockTime = { time: mmss(left) };
  if (round.paused) time.textContent = _("Paused · %(time)s left", clockTime);
  else time.textContent = left > 0 ? _("%(time)s left", clockTime) : _("Time's up");
}

/** A round from GET /me or a push (null: none). Returns whether the phone must resync. */
export function setRound(next, me) {
  if (next && (next.undone || (next.changed || []).includes(me))) {
    if (next.undone) {
      calledOff = next.number;
      clock.set(null);
    } else {
      clock.stop(); // this phone's partners changed: the server's answer brings the round
      clock.redraw();
    }
    return true; // introductions were withdrawn or re-formed: redraw from the server
  }
  if (next) calledOff = 0;
  const round = clock.round;
  if (next && (!round || round.number !== next.number || clock.left() > 0 || next.paused)) endedAt = 0;
  clock.set(next);
  return false;
}

export function onRoundGone(fn) {
  redraw = fn;
}

function wildcardNote(intro) {
  if (!intro.wildcard) return null;
  const none = !intro.for_you.length && !intro.for_them.length;
  return el(
    "p",
    { class: "wildcard" },
    none
      ? _("A wildcard round: no shared topics this time — say hello anyway.")
      : _("A wildcard round: little to trade this time — say hello anyway."),
  );
}

function partner(intro, closed) {
  const o = intro.other;
  const button = (action, label, cls) =>
    el("button", { type: "button", class: cls, "data-action": action, "data-id": String(intro.id) }, label);
  const open = !closed && (intro.status === "suggested" || intro.status === "accepted");
  const row = el("div", { class: "actions" });
  if (open) row.append(button("met", _("We met"), "primary"));
  if (!closed && !intro.you_accepted && (intro.status === "suggested" || intro.status === "met")) {
    row.append(button("accept", _("Keep in touch"), ""));
  }
  let keep = null;
  if (intro.you_accepted && intro.they_accepted) {
    keep = _("You both want to keep in touch: contacts are shared where allowed.");
  } else if (intro.you_accepted) {
    keep = _("You'd like to keep in touch. If %(name)s agrees too, you keep each other's contact.", { name: o.name });
  } else if (intro.they_accepted) keep = _("%(name)s would like to keep in touch.", { name: o.name });
  return el(
    "div",
    { class: "partner", "data-intro": String(intro.id) },
    el("h3", {}, o.name),
    o.headline ? el("p", { class: "muted" }, el("bdi", {}, o.headline)) : null,
    wildcardNote(intro),
    topics(_("For you:"), intro.for_you),
    topics(_("For them:"), intro.for_them),
    opener(intro),
    intro.status === "met" ? el("p", { class: "nudge" }, _("✓ You met")) : null,
    keep ? el("p", { class: "muted" }, keep) : null,
    row.children.length ? row : null,
  );
}

/** Draw (or hide) the round card from this round's introductions. */
export function drawRoundCard(intros, { closed = false } = {}) {
  partners = intros;
  const box = $("round-card");
  const round = clock.round;
  if (!intros.length || !round) {
    box.hidden = true;
    box.replaceChildren();
    clock.redraw();
    return;
  }
  const left = clock.left();
  const over = left === 0 && !round.paused;
  const spot = intros[0].spot;
  box.className = "card round-card" + (over ? " over" : "") + (intros.some((i) => i.wildcard) ? " wild" : "");
  const time = el("p", { class: "round-clock", id: "round-clock", role: "timer" });
  time.setAttribute("aria-live", "off"); // read on demand, not every second
  const parts = [
    el(
      "p",
      { class: "status" },
      ngettext("Round %(number)s · your partner", "Round %(number)s · your partners", intros.length, {
        number: round.number,
      }),
    ),
    spot ? el("p", { class: "spot" }, ...withNode(_("Meet at %(spot)s"), "spot", el("strong", {}, spot))) : null,
    time,
    over ? el("p", { class: "nudge" }, _("This round is over: thank them, and keep an eye out for the next one.")) : null,
    ...intros.map((i) => partner(i, closed)),
  ];
  box.replaceChildren(...parts.filter(Boolean));
  box.hidden = false;
  clock.redraw();
}
