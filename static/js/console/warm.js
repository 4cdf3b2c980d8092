// Warm introductions: people asked someone both know to introduce them. Are those accepted
// more often than the introductions Mixer suggested cold? The organizer sees both rates.
import { $, el } from "../lib/dom.js";
import { percent } from "../lib/format.js";
import { _ } from "../lib/i18n.js";

const COUNTS = [
  [_("Asked"), "asked"], [_("Introduced"), "introduced"], [_("Accepted"), "accepted"],
];
const numbers = new Intl.NumberFormat(document.documentElement.lang || "en");

// A rate with no introduction behind it is no rate at all: "—", never "0%".
const rate = (value) => (value == null ? "—" : percent(value));

function tile(label, value) {
  return el("li", {}, el("span", { class: "num" }, numbers.format(value)), el("span", { class: "label" }, label));
}

/** Draw `stats.warm`; before anyone asked, say what warm introductions are instead. */
export function drawWarm(stats) {
  const warm = stats.warm;
  const none = !warm || (warm.asked === 0 && warm.introduced === 0);
  $("warm-empty").hidden = !none;
  $("warm-numbers").hidden = none;
  if (none) return;
  $("warm-counts").replaceChildren(...COUNTS.map(([label, key]) => tile(label, warm[key] ?? 0)));
  $("warm-rates").textContent = _("Accepted: %(warm)s warm vs %(cold)s cold", {
    warm: rate(warm.acceptance_rate),
    cold: rate(warm.cold_acceptance_rate),
  });
}
