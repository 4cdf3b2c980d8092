// The organizer's "Re-balance now": every unanswered suggestion re-chosen for the whole
// room at once (the server also does this by itself every few seconds).
import { $ } from "../lib/dom.js";
import { api } from "../lib/http.js";
import { _, ngettext } from "../lib/i18n.js";
import { base } from "./page.js";

function summary(r) {
  if (!r.withdrawn && !r.made) return _("Already balanced: no better set of suggestions right now.");
  const moved = _("Moved %(moved)s, made %(made)s.", {
    moved: ngettext("%(count)s unanswered suggestion", "%(count)s unanswered suggestions", r.withdrawn),
    made: ngettext("%(count)s new one", "%(count)s new ones", r.made),
  });
  const served = r.seekers_served_after - r.seekers_served_before;
  if (served <= 0) return moved;
  const more = ngettext("%(count)s more seeker has an introduction.", "%(count)s more seekers have an introduction.", served);
  return `${moved} ${more}`;
}

export function setupRebalance() {
  const button = $("rebalance");
  const result = $("rebalance-result");
  button.addEventListener("click", async () => {
    button.disabled = true;
    result.dataset.state = "";
    result.textContent = _("Re-balancing…");
    try {
      const { rebalance } = await api("POST", `${base}/rebalance`);
      result.textContent = summary(rebalance);
    } catch (err) {
      result.dataset.state = "error";
      result.textContent = err.message;
    } finally {
      button.disabled = false;
    }
  });
}
