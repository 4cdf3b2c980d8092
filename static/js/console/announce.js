// The announcement to every phone: at most 280 characters, sent at once.
import { $ } from "../lib/dom.js";
import { timeOfDay } from "../lib/format.js";
import { api, fieldErrors } from "../lib/http.js";
import { _ } from "../lib/i18n.js";
import { clearError, showError } from "./messages.js";
import { base } from "./page.js";

function edited() {
  $("announce-count").textContent = `${$("announce-message").value.length} / 280`;
  $("announce-sent").textContent = "";
}

/** Put a suggested message in the box (the organizer edits it and sends it). */
export function draftAnnouncement(text) {
  const box = $("announce-message");
  box.value = text;
  edited();
  box.focus();
  box.setSelectionRange(box.value.length, box.value.length);
  box.scrollIntoView({ block: "nearest" });
}

export function setupAnnouncements() {
  const message = $("announce-message");
  message.addEventListener("input", edited);
  $("announce-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const box = $("announce-error");
    clearError(box);
    $("announce-sent").textContent = "";
    const text = message.value.trim();
    if (!text) {
      showError(box, _("Write a message first: it appears at the top of every phone."));
      message.focus();
      return;
    }
    try {
      const { announcement } = await api("POST", `${base}/announcements`, { message: text });
      message.value = "";
      $("announce-count").textContent = "0 / 280";
      $("announce-sent").textContent = _("Sent to every phone at %(time)s.", { time: timeOfDay(announcement.at) });
    } catch (err) {
      showError(box, fieldErrors(err).message ? _("Keep the message between 1 and 280 characters.") : err);
    }
  });
}
