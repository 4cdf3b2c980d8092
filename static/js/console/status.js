// The event at the top of the console: its name and status, and pausing, resuming,
// closing and reopening it. What a closed event may not do is switched off across the page.
import { $ } from "../lib/dom.js";
import { api } from "../lib/http.js";
import { _ } from "../lib/i18n.js";
import { clearError, showError } from "./messages.js";
import { base, root } from "./page.js";

const STATUS = { open: _("Open"), paused: _("Paused"), closed: _("Closed") };
const STATUS_NOTE = {
  open: _("Suggestions are made as people arrive."),
  paused: _("No new suggestions until you resume."),
  closed: _("Nobody can join and no introductions are made. Reopen it to change anything."),
};

export function drawStatus(next) {
  root.dataset.status = next.status;
  $("event-name").textContent = next.name;
  document.title = _("Console · %(name)s · Mixer", { name: next.name });
  $("event-venue").textContent = next.venue;
  $("event-venue").hidden = !next.venue;
  $("status").textContent = STATUS[next.status];
  $("status").dataset.status = next.status;
  $("status-note").textContent = STATUS_NOTE[next.status];
  const closed = next.status === "closed";
  $("pause").hidden = next.status !== "open";
  $("resume").hidden = next.status === "open";
  $("resume").textContent = closed ? _("Reopen the event") : _("Resume matching");
  $("close").hidden = closed;
  $("settings-fields").disabled = closed;
  $("announce-form").querySelector("button").disabled = closed;
  $("round-start").disabled = closed;
  // Re-balancing needs suggestions to be made: not while paused or closed, nor in rounds alone.
  $("rebalance").disabled = next.status !== "open" || next.mode === "rounds";
}

// `onEvent(event)` redraws the console from the event the server answers with.
export function setupStatus(onEvent) {
  async function setStatus(status) {
    const box = $("control-error");
    clearError(box);
    try {
      onEvent((await api("PATCH", base, { status })).event);
    } catch (err) {
      showError(box, err);
    }
  }

  $("pause").addEventListener("click", () => setStatus("paused"));
  $("resume").addEventListener("click", () => setStatus("open"));
  $("close").addEventListener("click", () => $("close-dialog").showModal());
  $("close-cancel").addEventListener("click", () => $("close-dialog").close());
  $("close-confirm").addEventListener("click", async () => {
    $("close-dialog").close();
    await setStatus("closed");
  });
}
