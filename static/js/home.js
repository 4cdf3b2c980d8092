// The attendee's home: live introductions, resynced from the server on every (re)connect
// and wake-up, and drawn from the last known state when the phone is offline.
import { markCard, outbox, send } from "./answers.js";
import { card, followsUp } from "./cards.js";
import { drawRoundCard, onRoundGone, roundIntros, setRound } from "./round-card.js";
import { api, connectLive } from "./live.js";
import { setupPeople } from "./people.js";
import { fillProfile, setupProfile, showPresence } from "./profile.js";
import { setupTopics, showUnderstood, showWaiting } from "./topics.js";

const root = document.getElementById("home");
const code = root.dataset.event;
const eventQuery = "event=" + encodeURIComponent(code);
const STORE = "mixer:me:" + code;
try {
  sessionStorage.removeItem("mixer:join-draft:" + code); // joined: the form's draft goes
} catch {
  /* storage disabled: nothing was kept */
}
const intros = new Map();
let state = null; // the last GET /api/v1/me body
let hadOpen = false; // whether the last render showed an open introduction
const answers = outbox(code, root.dataset.me); // answers tapped offline, waiting to be sent
const notices = new Map(); // introduction id -> why its answer was refused, in plain words
const closing = new Map(); // introduction id -> timer: just closed, its word still shown
const LINGER_MS = 4000; // how long a card that just closed says so before it moves away
const FIRST_WAIT = document.getElementById("empty-text").textContent;
const NEXT_WAIT = "No open introduction right now. Mixer is looking for your next one: " +
  "keep this page open, it appears here by itself.";

const byNewest = (a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : b.id - a.id);

function render() {
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
    document.getElementById(id).hidden = closed;
  }
  document.getElementById("connections-box").hidden = connections.length === 0;
  fill("past", past.map(drawn));
  document.getElementById("past-count").textContent = String(past.length);
  document.getElementById("past-box").hidden = past.length === 0;
  document.getElementById("empty").hidden = active.length + inRound.length > 0;
  document.getElementById("intros-title").hidden = inRound.length > 0 && active.length + past.length === 0;
  showEmptyText(intros.size > 0);
  hadOpen = active.some(isOpen) || inRound.length > 0;
}

// "No introductions yet" only while it is true; after a meeting, a decline or an expiry
// the empty list means the next one is being looked for. A waiting reason takes precedence.
function showEmptyText(hadAny) {
  const text = document.getElementById("empty-text");
  const generic = hadAny ? NEXT_WAIT : FIRST_WAIT;
  const showingGeneric = !text.dataset.generic || text.textContent === text.dataset.generic;
  text.dataset.generic = generic;
  if (showingGeneric) text.textContent = generic;
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
  const key = JSON.stringify([{ ...intro, seq: undefined }, closed, marks]);
  const kept = cards.get(intro.id);
  if (kept && kept.key === key) return kept.node;
  const node = markCard(card(intro, { closed }), marks);
  cards.set(intro.id, { key, node });
  return node;
}

function fill(id, nodes) {
  const list = document.getElementById(id);
  const same = list.children.length === nodes.length && nodes.every((n, i) => list.children[i] === n);
  if (!same) list.replaceChildren(...nodes);
}

function showEvent(event) {
  const line = document.getElementById("event-status");
  const text = { paused: "The organizer paused matching for now.", closed: "This event has ended. Your connections stay here." }[event.status];
  line.textContent = text || "";
  line.hidden = !text;
}

function remember(data) {
  state = data;
  data.saved_at = Date.now(); // for "showing what you had at HH:MM" when offline
  try {
    localStorage.setItem(STORE, JSON.stringify(data));
  } catch {
    /* storage full or disabled: the page still works online */
  }
}

function draw(data) {
  const before = new Map(intros);
  intros.clear();
  for (const intro of data.introductions) {
    noteClosing(before.get(intro.id), intro);
    intros.set(intro.id, { ...intro, seq: data.seq });
  }
  showEvent(data.event);
  setRound(data.round || null, data.attendee.id);
  drawMe(data.attendee);
  if (data.event.status === "closed") document.getElementById("understood-box").hidden = true;
  showLanded(data);
  showSharing(data.attendee);
  const [latest] = data.announcements || [];
  if (latest && latest.at !== dismissed) showAnnouncement(latest);
  render();
}

// Everything drawn from the profile alone, so a PATCH /api/v1/me answer redraws it at once.
function drawMe(me) {
  if (state && state.attendee !== me) {
    state.attendee = me;
    remember(state);
  }
  showPresence(me.presence);
  fillProfile(me);
  showUnderstood(me);
  showWaiting(me);
}

function saved(me) {
  drawMe(me);
  resync(); // introductions may have changed with the profile
}

function showSharing(me) {
  document.getElementById("share-hint").hidden = me.share_contact;
}

function showLanded(data) {
  const me = data.attendee;
  const box = document.getElementById("landed-box");
  box.hidden = !(data.event.status === "closed" && me.intent !== "give");
  if (me.landed) {
    document.getElementById("landed-text").textContent =
      "Congratulations! Next time, come back as a giver: say you're here to give, and help someone the way you were helped.";
    document.getElementById("landed").hidden = true;
  }
}

let dismissed = null;
function showAnnouncement(msg) {
  document.getElementById("announcement-text").textContent = msg.message;
  announcement.dataset.at = msg.at;
  announcement.hidden = false;
}

async function resync() {
  await flush(); // answers tapped offline first: the state fetched next then includes them
  try {
    const data = await api("GET", `/api/v1/me?${eventQuery}`);
    document.getElementById("offline").hidden = true;
    if (state && data.seq < state.seq) {
      resync(); // a push overtook this answer: it is older than the screen; ask again
      return;
    }
    answers.keepOnly(new Set(data.introductions.map((i) => i.id)));
    remember(data);
    draw(data);
    keepThisPage();
  } catch (err) {
    if (err.status === 401 || err.status === 403) {
      localStorage.removeItem(STORE);
      answers.keepOnly(new Set());
      window.location.reload(); // the server shows the join form or says why
      return;
    }
    const saved = state || JSON.parse(localStorage.getItem(STORE) || "null");
    state ??= saved; // answers and pushes drawn offline build on what the phone had
    showOffline(saved);
    if (saved) draw(saved);
  }
}

function showOffline(saved) {
  const banner = document.getElementById("offline");
  if (saved && saved.saved_at) {
    const at = new Date(saved.saved_at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    banner.textContent = `Offline — showing what you had at ${at}. Mixer reconnects by itself.`;
  }
  banner.hidden = false;
}

// The service worker keeps pages it serves, but not one loaded before it took control (the
// first visit): ask it then to keep this home, so a reload offline finds it.
const servedByWorker = "serviceWorker" in navigator && navigator.serviceWorker.controller !== null;
let kept = servedByWorker;
function keepThisPage() {
  if (kept || !("serviceWorker" in navigator) || !window.isSecureContext) return;
  kept = true;
  navigator.serviceWorker.ready
    .then((registration) => registration.active && registration.active.postMessage({ keep: window.location.href }))
    .catch(() => {});
}

function upsert(intro) {
  const drawn = intros.get(intro.id);
  if (drawn && (drawn.seq || 0) > (intro.seq || 0)) return; // a newer view is on screen
  noteClosing(drawn, intro);
  intros.set(intro.id, intro);
  if (state) {
    state.introductions = [...intros.values()];
    state.seq = Math.max(state.seq, intro.seq || 0);
    remember(state);
  }
  const had = hadOpen;
  render();
  // The last open introduction just ended (declined, met, expired): the waiting reason on
  // screen dates from before it, so ask the server why nothing follows.
  if (had && !hadOpen) resync();
}

document.getElementById("home").addEventListener("click", (e) => {
  const button = e.target.closest("button[data-action]");
  if (!button) return;
  button.disabled = true;
  answer(Number(button.dataset.id), button.dataset.action);
});

// An answer goes at once, or waits on the phone while it is offline.
async function answer(id, action) {
  notices.delete(id);
  const result = navigator.onLine === false ? { offline: true } : await send(id, action, eventQuery);
  if (result.offline) {
    answers.add(id, action);
    render();
    return;
  }
  answers.remove(id);
  took(id, result);
}

function took(id, { data, refused }) {
  if (refused) {
    notices.set(id, refused);
    render();
    return;
  }
  // A push about the other side's answer may have overtaken this answer: the seqs say
  // which is newer, so the older one is not drawn over it.
  upsert({ ...data.introduction, seq: data.seq });
  render(); // the card's pending mark is gone even when the introduction is unchanged
}

// Sends the answers that waited, oldest first; stops at the first sign of no network.
let flushing = null;
function flush() {
  flushing ??= sendQueued().finally(() => {
    flushing = null;
  });
  return flushing;
}

async function sendQueued() {
  for (const { id, action } of answers.list()) {
    const result = await send(id, action, eventQuery);
    if (result.offline) return;
    answers.remove(id);
    took(id, result);
  }
}

function showRound(round) {
  if (setRound(round, Number(root.dataset.me))) resync();
  else render();
}
onRoundGone(render);

const announcement = document.getElementById("announcement");
document.getElementById("announcement-close").addEventListener("click", () => {
  dismissed = announcement.dataset.at;
  announcement.hidden = true;
});
// Offline, these taps do nothing yet: the redraw after the next resync shows the truth.
const patchMe = (change) => api("PATCH", `/api/v1/me?${eventQuery}`, change).catch(() => {}).then(() => resync());
document.getElementById("share-mine").addEventListener("click", () => patchMe({ share_contact: true }));
document.getElementById("landed").addEventListener("click", () => patchMe({ landed: true }));
document.getElementById("home").addEventListener("click", async (e) => {
  const button = e.target.closest("button[data-copy]");
  if (!button) return;
  await navigator.clipboard.writeText(button.dataset.copy);
  button.textContent = "Copied";
});

setupProfile(eventQuery, saved);
setupTopics(eventQuery, saved);
setupPeople(eventQuery, resync);

connectLive({
  auth: { event: code },
  onResync: resync,
  indicator: document.getElementById("conn"),
  handlers: {
    introduction: upsert,
    event: () => resync(),
    announcement: showAnnouncement,
    round: showRound,
  },
});

window.addEventListener("online", () => resync()); // the socket may not have noticed
resync(); // draw at once, from the server or, offline, from the last known state
