// The console's live connection. Every control goes through the JSON API; what it shows
// comes from the `stats` and `event` pushes (every open console updates), and after each
// (re)connect the whole state is fetched again, since pushes are delivered at most once.
import { $ } from "../lib/dom.js";
import { api } from "../lib/http.js";
import { connectLive } from "../lib/live.js";
import { clearError, showError } from "./messages.js";
import { base, code } from "./page.js";
import { loadPeople, loadPeopleSoon } from "./people.js";
import { drawEvent, drawStats } from "./room.js";
import { setRound } from "./rounds.js";

let live = null;
let replacing = false; // this console is replacing its own link: reconnect once it has the answer

async function resync() {
  const box = $("control-error");
  try {
    const [{ event: fresh }, stats] = await Promise.all([api("GET", base), api("GET", `${base}/stats`)]);
    clearError(box);
    drawEvent(fresh);
    drawStats(stats);
  } catch (err) {
    showError(box, err);
  }
  await loadPeople();
}

// The organizer link was replaced (here or on another laptop): connect again with this
// browser's cookie, which gets back in only if it carries the new token; otherwise the
// API says why.
function relink() {
  if (replacing) return;
  live.disconnect();
  live.connect();
  resync();
}

/** Run `replace` (this console replacing its own link), then connect again with the new cookie. */
export async function whileReplacing(replace) {
  replacing = true;
  try {
    await replace();
  } finally {
    replacing = false;
    relink();
  }
}

export function connectConsole() {
  live = connectLive({
    auth: { event: code, role: "organizer" },
    onResync: resync,
    indicator: $("conn"),
    handlers: {
      stats: (stats) => {
        drawStats(stats);
        loadPeopleSoon();
      },
      event: drawEvent,
      round: setRound,
      organizer_link_replaced: relink,
    },
  });
}
