// The balance gauge: free places with givers against seekers waiting.
import { $ } from "../lib/dom.js";

// Only the numbers: what to do about them is the advice below, which names the cause.
function balanceText(free, waiting, total) {
  if (total === 0) return "Nobody here yet.";
  const places = `${free} free ${free === 1 ? "place" : "places"} with givers`;
  const seekers = `${waiting} ${waiting === 1 ? "seeker" : "seekers"} waiting`;
  if (waiting === 0) return free ? `${places} · no seeker waiting.` : "No seeker waiting · givers have no free places left.";
  return `${places} · ${seekers}.`;
}

export function drawBalance(stats) {
  const free = stats.balance.giver_free_capacity;
  const waiting = stats.balance.seekers_waiting;
  const sum = free + waiting;
  $("gauge-free").style.width = sum ? `${(100 * free) / sum}%` : "0";
  $("gauge-waiting").style.width = sum ? `${(100 * waiting) / sum}%` : "0";
  const text = $("balance");
  text.textContent = balanceText(free, waiting, stats.attendees.total);
  text.dataset.state = waiting > free ? "short" : "ok";
}
