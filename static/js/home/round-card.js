// The round partner, on top of the phone's home: who, where, why, how to start, and the
// time left, live. A round needs no Accept to meet (the organizer sent everyone to
// someone); "Keep in touch" is the accept, and contacts still need both to agree.
// The countdown runs from the server's `remaining`, so a phone with a wrong clock still
// shows the room's time; a paused round shows its frozen time.
import { countdown, mmss } from "../lib/countdown.js";
import { $, el } from "../lib/dom.js";

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

function names(list) {
  const first = list.map((i) => i.other.name.split(/\s+/)[0] || i.other.name);
  return first.length > 1 ? `${first.slice(0, -1).join(", ")} and ${first.at(-1)}` : first[0];
}

function bannerText(round, left) {
  const who = partners.length ? ` · meet ${names(partners)}${partners[0].spot ? " at " + partners[0].spot : ""}` : "";
  if (round.paused) return `Round ${round.number}${who} · paused at ${mmss(left)}`;
  if (left === 0) return `Round ${round.number} has ended`;
  return `Round ${round.number}${who} · ${mmss(left)} left`;
}

function tick(round, left) {
  const banner = $("round");
  if (!round) {
    banner.textContent = calledOff ? `Round ${calledOff} was called off by the organizer. Wait for the next one.` : "";
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
  if (time) time.textContent = round.paused ? `Paused · ${mmss(left)} left` : left > 0 ? `${mmss(left)} left` : "Time's up";
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

function topics(label, items) {
  return items.length ? el("p", { class: "wifm" }, el("strong", {}, label + ": "), items.join(", ")) : null;
}

function wildcardNote(intro) {
  if (!intro.wildcard) return null;
  const none = !intro.for_you.length && !intro.for_them.length;
  return el(
    "p",
    { class: "wildcard" },
    none ? "A wildcard round: no shared topics this time — say hello anyway." : "A wildcard round: little to trade this time — say hello anyway.",
  );
}

function partner(intro, closed) {
  const o = intro.other;
  const button = (action, label, cls) =>
    el("button", { type: "button", class: cls, "data-action": action, "data-id": String(intro.id) }, label);
  const open = !closed && (intro.status === "suggested" || intro.status === "accepted");
  const row = el("div", { class: "actions" });
  if (open) row.append(button("met", "We met", "primary"));
  if (!closed && !intro.you_accepted && (intro.status === "suggested" || intro.status === "met")) {
    row.append(button("accept", "Keep in touch", ""));
  }
  let keep = null;
  if (intro.you_accepted && intro.they_accepted) keep = "You both want to keep in touch: contacts are shared where allowed.";
  else if (intro.you_accepted) keep = `You'd like to keep in touch. If ${o.name} agrees too, you keep each other's contact.`;
  else if (intro.they_accepted) keep = `${o.name} would like to keep in touch.`;
  return el(
    "div",
    { class: "partner", "data-intro": String(intro.id) },
    el("h3", {}, o.name),
    o.headline ? el("p", { class: "muted" }, o.headline) : null,
    wildcardNote(intro),
    topics("For you", intro.for_you),
    topics("For them", intro.for_them),
    el("p", { class: "opener" }, "Try: “" + intro.opener + "”"),
    intro.status === "met" ? el("p", { class: "nudge" }, "✓ You met") : null,
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
    el("p", { class: "status" }, `Round ${round.number} · your ${intros.length > 1 ? "partners" : "partner"}`),
    spot ? el("p", { class: "spot" }, "Meet at ", el("strong", {}, spot)) : null,
    time,
    over ? el("p", { class: "nudge" }, "This round is over: thank them, and keep an eye out for the next one.") : null,
    ...intros.map((i) => partner(i, closed)),
  ];
  box.replaceChildren(...parts.filter(Boolean));
  box.hidden = false;
  clock.redraw();
}
