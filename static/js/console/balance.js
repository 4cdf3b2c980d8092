// The balance gauge: free places with givers against seekers waiting.
import { $ } from "../lib/dom.js";
import { _, ngettext } from "../lib/i18n.js";

// Only the numbers: what to do about them is the advice below, which names the cause.
function balanceText(free, waiting, total) {
  if (total === 0) return _("Nobody here yet.");
  const places = ngettext("%(count)s free place with givers", "%(count)s free places with givers", free);
  if (waiting === 0) {
    return free ? _("%(places)s · no seeker waiting.", { places }) : _("No seeker waiting · givers have no free places left.");
  }
  const seekers = ngettext("%(count)s seeker waiting", "%(count)s seekers waiting", waiting);
  return _("%(places)s · %(seekers)s.", { places, seekers });
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
