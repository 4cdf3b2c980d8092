// The attendee's home: live introductions, resynced from the server on every (re)connect
// and wake-up, and drawn from the last known state when the phone is offline.
import { card } from "./cards.js";
import { api, connectLive, el } from "./live.js";
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
let roundTimer = null;
let hadOpen = false; // whether the last render showed an open introduction

const byNewest = (a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : b.id - a.id);

function render() {
  const all = [...intros.values()].filter((i) => i.status !== "declined").sort(byNewest);
  const closed = state && state.event.status === "closed";
  const isOpen = (i) => !closed && (i.status === "suggested" || i.status === "accepted");
  const active = all.filter(isOpen);
  const connections = all.filter((i) => !isOpen(i) && i.follow_up);
  const past = all.filter((i) => !isOpen(i) && !i.follow_up);
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
  document.getElementById("empty").hidden = active.length > 0;
  hadOpen = active.length > 0;
}

// A card that has not changed keeps its node: redrawing it under a finger would swallow
// the tap (the press lands on the old button, the release on its replacement).
const cards = new Map(); // introduction id -> { key, node }
function cardFor(intro, closed) {
  const key = JSON.stringify([{ ...intro, seq: undefined }, closed]);
  const kept = cards.get(intro.id);
  if (kept && kept.key === key) return kept.node;
  const node = card(intro, { closed });
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
  try {
    localStorage.setItem(STORE, JSON.stringify(data));
  } catch {
    /* storage full or disabled: the page still works online */
  }
}

function draw(data) {
  intros.clear();
  for (const intro of data.introductions) intros.set(intro.id, { ...intro, seq: data.seq });
  showEvent(data.event);
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
  try {
    const data = await api("GET", `/api/v1/me?${eventQuery}`);
    document.getElementById("offline").hidden = true;
    if (state && data.seq < state.seq) {
      resync(); // a push overtook this answer: it is older than the screen; ask again
      return;
    }
    remember(data);
    draw(data);
  } catch (err) {
    if (err.status === 401 || err.status === 403) {
      localStorage.removeItem(STORE);
      window.location.reload(); // the server shows the join form or says why
      return;
    }
    const saved = state || JSON.parse(localStorage.getItem(STORE) || "null");
    document.getElementById("offline").hidden = false;
    if (saved) draw(saved);
  }
}

function upsert(intro) {
  const drawn = intros.get(intro.id);
  if (drawn && (drawn.seq || 0) > (intro.seq || 0)) return; // a newer view is on screen
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

document.getElementById("home").addEventListener("click", async (e) => {
  const button = e.target.closest("button[data-action]");
  if (!button) return;
  button.disabled = true;
  try {
    const data = await api("POST", `/api/v1/introductions/${button.dataset.id}/${button.dataset.action}?${eventQuery}`);
    // A push about the other side's answer may have overtaken this answer: the seqs say
    // which is newer, so the older one is not drawn over it.
    upsert({ ...data.introduction, seq: data.seq });
  } catch (err) {
    button.disabled = false;
    button.after(el("p", { class: "error", role: "alert" }, err.message));
  }
});

function showRound(round) {
  const banner = document.getElementById("round");
  clearInterval(roundTimer);
  const tick = () => {
    const left = Math.max(0, Math.round((new Date(round.ends_at) - Date.now()) / 1000));
    const mm = String(Math.floor(left / 60));
    const ss = String(left % 60).padStart(2, "0");
    banner.textContent = left > 0 ? `Round ${round.number} · ${mm}:${ss} left` : `Round ${round.number} has ended`;
    if (left === 0) clearInterval(roundTimer);
  };
  banner.hidden = false;
  tick();
  roundTimer = setInterval(tick, 1000);
}

const announcement = document.getElementById("announcement");
document.getElementById("announcement-close").addEventListener("click", () => {
  dismissed = announcement.dataset.at;
  announcement.hidden = true;
});
document.getElementById("share-mine").addEventListener("click", async () => {
  await api("PATCH", `/api/v1/me?${eventQuery}`, { share_contact: true });
  resync();
});
document.getElementById("landed").addEventListener("click", async () => {
  await api("PATCH", `/api/v1/me?${eventQuery}`, { landed: true });
  resync();
});
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

resync(); // draw at once, from the server or, offline, from the last known state
