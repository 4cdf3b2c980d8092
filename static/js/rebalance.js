// The organizer's "Re-balance now": every unanswered suggestion re-chosen for the whole
// room at once (the server also does this by itself every few seconds).
import { api } from "./live.js";

const root = document.getElementById("console");
const base = `/api/v1/events/${encodeURIComponent(root.dataset.event)}`;
const button = document.getElementById("rebalance");
const result = document.getElementById("rebalance-result");

function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

function summary(r) {
  if (!r.withdrawn && !r.made) return "Already balanced: no better set of suggestions right now.";
  const served = r.seekers_served_after - r.seekers_served_before;
  const more = served > 0 ? ` ${plural(served, "more seeker has", "more seekers have")} an introduction.` : "";
  return `Moved ${plural(r.withdrawn, "unanswered suggestion", "unanswered suggestions")}, made ${plural(r.made, "new one", "new ones")}.${more}`;
}

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
