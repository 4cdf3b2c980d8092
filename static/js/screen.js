// The projector view: live counts and the round's countdown, read from across the room.
// It listens as the organizer (same cookie as the console) and refetches on every connect.
import { countdown, mmss } from "./lib/countdown.js";
import { $ } from "./lib/dom.js";
import { api, eventApi } from "./lib/http.js";
import { _ } from "./lib/i18n.js";
import { connectLive, newestOnly } from "./lib/live.js";

const root = $("screen");
const code = root.dataset.event;

const STATUS_LINE = {
  paused: _("Matching is paused for a moment."),
  closed: _("This event has ended. Thank you for coming!"),
};

const COUNT = new Intl.NumberFormat(document.documentElement.lang || "en"); // 9,999 reads better from the back row

const newest = newestOnly();
const clock = countdown(drawRound);

function drawEvent(event) {
  root.dataset.status = event.status;
  $("screen-name").textContent = event.name;
  document.title = `${event.name} · ${_("Screen")} · Mixer`;
  $("screen-venue").textContent = event.venue;
  $("screen-venue").hidden = !event.venue;
  const line = STATUS_LINE[event.status] || "";
  $("screen-status").textContent = line;
  $("screen-status").hidden = !line;
}

function drawStats(stats) {
  if (!newest(stats)) return;
  const a = stats.attendees;
  const i = stats.introductions;
  // The console's numbers: everyone counted once by why they came, and an introduction is
  // "made" once both said yes (suggested, declined and expired ones were not).
  const counts = {
    "n-here": a.here + (a.busy || 0),
    "n-givers": a.give,
    "n-seekers": a.seek,
    "n-both": a.both,
    "n-made": i.accepted + i.met,
    "n-met": i.met,
  };
  for (const [id, n] of Object.entries(counts)) $(id).textContent = COUNT.format(n);
  if ("round" in stats) setRound(stats.round);
}

function drawRound(round, left) {
  $("screen-round").hidden = !round;
  if (!round) return;
  const running = left > 0 || round.paused;
  const number = round.number;
  $("round-label").textContent = !running
    ? _("Round %(number)s has ended", { number })
    : round.paused
      ? _("Round %(number)s · paused", { number })
      : _("Round %(number)s", { number });
  $("round-clock").textContent = mmss(left);
  $("screen-round").dataset.ending = !round.paused && left > 0 && left <= 60 ? "yes" : "no";
  $("screen-round").dataset.paused = round.paused ? "yes" : "no";
}

function setRound(next) {
  clock.set(next && !next.undone ? next : null); // an undone round goes from the screen
}

async function resync() {
  try {
    const [{ event }, stats] = await Promise.all([api("GET", eventApi(code)), api("GET", eventApi(code, "/stats"))]);
    drawEvent(event);
    drawStats(stats);
  } catch {
    $("conn").dataset.state = "offline";
    $("conn").textContent = _("Can't reach Mixer — retrying…");
  }
}

// The organizer link was replaced: connect again; only the new link's cookie gets back in.
function relink() {
  live.disconnect();
  live.connect();
}

const live = connectLive({
  auth: { event: code, role: "organizer" },
  onResync: resync,
  indicator: $("conn"),
  handlers: { stats: drawStats, event: drawEvent, round: setRound, organizer_link_replaced: relink },
});
