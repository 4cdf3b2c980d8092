// The console drawn from what the server says: the event (an answer, or the `event` push)
// and the room's numbers (`stats`). The advice needs both, whichever comes last.
import { drawAdvice } from "./advice.js";
import { drawAliases } from "./aliases.js";
import { drawArrivals } from "./arrivals.js";
import { setRound } from "./rounds.js";
import { drawSettings } from "./settings.js";
import { drawNumbers } from "./stats.js";
import { drawStatus } from "./status.js";
import { drawTopics } from "./topics.js";

let event = null;
let lastStats = null;

export function drawEvent(next) {
  event = next;
  drawStatus(next);
  drawSettings(next);
  drawAliases(next);
  drawAdvice(lastStats, event);
}

export function drawStats(stats) {
  if (!drawNumbers(stats)) return;
  if ("round" in stats) setRound(stats.round);
  lastStats = stats;
  drawArrivals(stats);
  drawTopics(stats);
  drawAdvice(lastStats, event);
}
