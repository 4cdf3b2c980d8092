// "Replace the console link": a new organizer token when the link was shared by mistake.
// The old link, and every console signed in with it, stop working at once. This browser
// stays signed in (the answer sets the new cookie), then connects again so it keeps hearing
// the room: while the answer is on its way, the connection is left alone.
import { $ } from "../lib/dom.js";
import { timeOfDay } from "../lib/format.js";
import { api } from "../lib/http.js";
import { _ } from "../lib/i18n.js";
import { UNREACHABLE } from "./messages.js";
import { base } from "./page.js";
import { whileReplacing } from "./resync.js";

function asking(open) {
  $("link-confirm").hidden = !open;
  $("link-replace").setAttribute("aria-expanded", String(open));
  (open ? $("link-cancel") : $("link-replace")).focus();
}

async function replaceLink() {
  const confirmButton = $("link-confirm-button");
  const url = $("link-url");
  const error = $("link-error");
  confirmButton.disabled = true;
  try {
    const answer = await api("POST", `${base}/organizer-token`);
    url.value = answer.console_url;
    $("link-copied").textContent = "";
    $("link-done").textContent = _("Replaced at %(time)s: the old link no longer works.", { time: timeOfDay(Date.now()) });
    $("link-new").hidden = false;
    asking(false);
    url.focus();
    url.select();
  } catch (err) {
    error.textContent = err.status ? err.message : UNREACHABLE;
    error.hidden = false;
  } finally {
    confirmButton.disabled = false;
  }
}

export function setupToken() {
  $("link-replace").addEventListener("click", () => {
    $("link-error").hidden = true;
    asking(true);
  });
  $("link-cancel").addEventListener("click", () => asking(false));
  $("link-confirm-button").addEventListener("click", () => whileReplacing(replaceLink));
  $("link-copy").addEventListener("click", async () => {
    const url = $("link-url");
    const copied = $("link-copied");
    try {
      await navigator.clipboard.writeText(url.value);
      copied.textContent = _("Copied.");
    } catch {
      url.focus();
      url.select();
      copied.textContent = _("Selected: press Ctrl+C (⌘C on a Mac) to copy it.");
    }
  });
}
