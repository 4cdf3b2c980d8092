// The attendee's home: live introductions, resynced from the server on every (re)connect
// and wake-up, and drawn from the last known state when the phone is offline.
import { $, onClick } from "./lib/dom.js";
import { timeOfDay } from "./lib/format.js";
import { _ } from "./lib/i18n.js";
import { api } from "./lib/http.js";
import { connectLive } from "./lib/live.js";
import { setupEvent, showAnnouncement, showEvent, showGave, showLanded, showLatest, showSharing } from "./home/event.js";
import { answers, onOpenEnded, render, setIntros, upsert } from "./home/intros.js";
import { code, eventQuery, me, root } from "./home/page.js";
import { codeUsed, setupMyCode, showCodeSharing } from "./home/my-code.js";
import { setupPeople } from "./home/people.js";
import { fillProfile, setupProfile, showPresence } from "./home/profile.js";
import { answer, flush } from "./home/replies.js";
import { onRoundGone, setRound } from "./home/round-card.js";
import { current, forget, lastKnown, remember } from "./home/saved.js";
import { setupTopics, showUnderstood, showWaiting } from "./home/topics.js";
import { drawWarm, setupWarm } from "./home/warm.js";

try {
  sessionStorage.removeItem("mixer:join-draft:" + code); // joined: the form's draft goes
} catch {
  /* storage disabled: nothing was kept */
}

// Joined from a personal link, not at the venue yet: the check-in and the people to look
// for. Their module is loaded only then, without holding up the page's first drawing.
let arrival = null;
if ($("arrival-box")) {
  import("./home/homework.js").then((module) => {
    arrival = module;
    module.setupArrival(eventQuery, resync);
    const state = current();
    if (state) module.showArrival(state.attendee);
  });
}

function draw(data) {
  setIntros(data);
  showEvent(data.event);
  setRound(data.round || null, data.attendee.id);
  drawMe(data.attendee);
  if (data.event.status === "closed") $("understood-box").hidden = true;
  showLanded(data);
  showGave(data.attendee);
  showSharing(data.attendee);
  showLatest(data.announcements);
  drawWarm(data);
  render();
}

// Everything drawn from the profile alone, so a PATCH /api/v1/me answer redraws it at once.
function drawMe(attendee) {
  const state = current();
  if (state && state.attendee !== attendee) {
    state.attendee = attendee;
    remember(state);
  }
  showPresence(attendee.presence, attendee.arrived !== false);
  fillProfile(attendee);
  showUnderstood(attendee);
  showWaiting(attendee);
  showCodeSharing(attendee);
  if (arrival) arrival.showArrival(attendee);
}

function saved(attendee) {
  drawMe(attendee);
  resync(); // introductions may have changed with the profile
}

async function resync() {
  await flush(); // answers tapped offline first: the state fetched next then includes them
  try {
    const data = await api("GET", `/api/v1/me?${eventQuery}`);
    $("offline").hidden = true;
    const state = current();
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
      forget();
      answers.keepOnly(new Set());
      window.location.reload(); // the server shows the join form or says why
      return;
    }
    const known = lastKnown();
    showOffline(known);
    if (known) draw(known);
  }
}

function showOffline(known) {
  const banner = $("offline");
  if (known && known.saved_at) {
    banner.textContent = _("Offline — showing what you had at %(time)s. Mixer reconnects by itself.", {
      time: timeOfDay(known.saved_at),
    });
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

function showRound(round) {
  if (setRound(round, Number(me))) resync();
  else render();
}

onClick(root, "button[data-action]", (button) => {
  button.disabled = true;
  answer(Number(button.dataset.id), button.dataset.action);
});
onRoundGone(render);
onOpenEnded(resync);
setupEvent(resync);
onClick(root, "button[data-copy]", async (button) => {
  await navigator.clipboard.writeText(button.dataset.copy);
  button.textContent = _("Copied");
});
setupWarm(draw, resync);
setupProfile(eventQuery, saved);
setupTopics(eventQuery, saved);
const reloadPeople = setupPeople(eventQuery, resync);
setupMyCode(eventQuery, () => {
  reloadPeople();
  resync();
});

connectLive({
  auth: { event: code },
  onResync: resync,
  indicator: $("conn"),
  handlers: {
    introduction: upsert,
    warm: () => resync(), // a request asked of me, or an answer to mine: redraw from the server
    event: () => resync(),
    arrived: () => resync(), // checked in (here or by the organizer at the door)
    announcement: showAnnouncement,
    round: showRound,
    known: (push) => {
      codeUsed(push);
      reloadPeople();
      resync();
    },
  },
});

window.addEventListener("online", () => resync()); // the socket may not have noticed
resync(); // draw at once, from the server or, offline, from the last known state
