// The home's introduction cards: the round's partners on top, then the open ones, the
// connections to follow up, and the past ones. Each push or answer updates one card here.
import { $ } from "../lib/dom.js";
import { markCard, outbox } from "./answers.js";
import { card, followsUp } from "./cards.js";
import { code, me } from "./page.js";
import { drawRoundCard, roundIntros } from "./round-card.js";
import { current, remember } from "./saved.js";
import { sentTo } from "./warm-ask.js";
import { showEmptyText } from "./waiting.js";

const intros = new Map();
export const answers = outbox(code, me); // answers tapped offline, waiting to be sent
export const notices = new Map(); // introduction id -> why its answer was refused, in plain words
const closing = new Map(); // introduction id -> timer: just closed, its word still shown
const LINGER_MS = 4000; // how long a card that just closed says so before it moves away
let hadOpen = false; // whether the last render showed an open introduction
let openEnded = () => {};

const byNewest = (a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : b.id - a.id);

export function render() {
  const state = current();
  const closed = state && state.event.status === "closed";
  const isOpen = (i) => !closed && (i.status === "suggested" || i.status === "accepted");
  // A declined card goes for good, but only after saying so for a moment.
  const all = [...intros.values()].filter((i) => i.status !== "declined" || closing.has(i.id)).sort(byNewest);
  const inRound = roundIntros(all); // the round's partners sit on their own card on top
  drawRoundCard(inRound, { closed });
  const rest = all.filter((i) => !inRound.includes(i));
  const active = rest.filter((i) => isOpen(i) || closing.has(i.id));
  const connections = rest.filter((i) => !active.includes(i) && followsUp(i, closed));
  const past = rest.filter((i) => !active.includes(i) && !connections.includes(i));
  const drawn = (i) => cardFor(i, closed);
  fill("intros", active.map(drawn));
  fill("connections", connections.map(drawn));
  for (const id of ["intros-section", "presence-actions", "presence-line", "people-box", "profile-box"]) {
    $(id).hidden = closed;
  }
  $("connections-box").hidden = connections.length === 0;
  fill("past", past.map(drawn));
  $("past-count").textContent = String(past.length);
  $("past-box").hidden = past.length === 0;
  $("empty").hidden = active.length + inRound.length > 0;
  $("intros-title").hidden = inRound.length > 0 && active.length + past.length === 0;
  showEmptyText(intros.size > 0);
  hadOpen = active.some(isOpen) || inRound.length > 0;
}

// A card that was open and now is not (declined, expired) stays in place a moment with its
// word ("Not this time"), so the person sees what happened instead of a card vanishing.
function noteClosing(before, after) {
  const wasOpen = before && (before.status === "suggested" || before.status === "accepted");
  if (!wasOpen || (after.status !== "declined" && after.status !== "expired")) return;
  clearTimeout(closing.get(after.id));
  const done = () => {
    closing.delete(after.id);
    render();
  };
  closing.set(after.id, setTimeout(done, LINGER_MS));
}

// A card that has not changed keeps its node: redrawing it under a finger would swallow
// the tap (the press lands on the old button, the release on its replacement).
const cards = new Map(); // introduction id -> { key, node }
function cardFor(intro, closed) {
  const marks = { pending: answers.pending(intro.id), notice: notices.get(intro.id) || null };
  const sent = sentTo(current(), intro.other.id);
  const landed = Boolean(current() && current().attendee.landed); // "This one helped" on connections
  const key = JSON.stringify([{ ...intro, seq: undefined }, closed, marks, sent, landed]);
  const kept = cards.get(intro.id);
  if (kept && kept.key === key) return kept.node;
  const node = markCard(card(intro, { closed, sent }), marks);
  cards.set(intro.id, { key, node });
  return node;
}

function fill(id, nodes) {
  const list = $(id);
  const same = list.children.length === nodes.length && nodes.every((n, i) => list.children[i] === n);
  if (!same) list.replaceChildren(...nodes);
}

/** All introductions afresh, from a GET /me answer (`data.seq` dates them); no render. */
export function setIntros(data) {
  const before = new Map(intros);
  intros.clear();
  for (const intro of data.introductions) {
    noteClosing(before.get(intro.id), intro);
    intros.set(intro.id, { ...intro, seq: data.seq });
  }
}

/** `fn` runs when the last open introduction ended: the reason on screen dates from before. */
export function onOpenEnded(fn) {
  openEnded = fn;
}

/** One introduction from a push or an answer; an older view never overwrites a newer one. */
export function upsert(intro) {
  const drawn = intros.get(intro.id);
  if (drawn && (drawn.seq || 0) > (intro.seq || 0)) return; // a newer view is on screen
  noteClosing(drawn, intro);
  intros.set(intro.id, intro);
  const state = current();
  if (state) {
    state.introductions = [...intros.values()];
    state.seq = Math.max(state.seq, intro.seq || 0);
    remember(state);
  }
  const had = hadOpen;
  render();
  // The last open introduction just ended (declined, met, expired): the waiting reason on
  // screen dates from before it, so ask the server why nothing follows.
  if (had && !hadOpen) openEnded();
}
