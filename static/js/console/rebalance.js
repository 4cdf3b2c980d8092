// The organizer's "Re-balance now": every unanswered suggestion re-chosen for the whole
// room at once (the server also does this by itself every few seconds).
import { $ } from "../lib/dom.js";
import { plural } from "../lib/format.js";
import { api } from "../lib/http.js";
import { base } from "./page.js";

function summary(r) {
  if (!r.withdrawn && !r.made) return "Already balanced: no better set of suggestions right now.";
  const served = r.seekers_served_after - r.seekers_served_before;
  const more = served > 0 ? ` ${plural(served, "more seeker has", "more seekers have")} an introduction.` : "";
  return `Moved ${plural(r.withdrawn, "unanswered suggestion", "unanswered suggestions")}, made ${plural(r.made, "new one", "new ones")}.${more}`;
}

export function setupRebalance() {
  const button = $("rebalance");
  const result = $("rebalance-result");
  button.addEventListener("click", async () => {
    button.disabled = true;
    result.dataset.state = "";
    result.textContent = "Re-balancing…";
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
