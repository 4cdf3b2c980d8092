// What the event says on the home: its status line, the organizer's latest announcement,
// and the after-event prompts (share your contact, "I found what I came for").
import { $ } from "../lib/dom.js";
import { api } from "../lib/http.js";
import { _ } from "../lib/i18n.js";
import { eventQuery } from "./page.js";

let dismissed = null; // the announcement the person closed, not shown again

export function showEvent(event) {
  const line = $("event-status");
  const text = {
    paused: _("The organizer paused matching for now."),
    closed: _("This event has ended. Your connections stay here."),
  }[event.status];
  line.textContent = text || "";
  line.hidden = !text;
}

export function showSharing(me) {
  $("share-hint").hidden = me.share_contact;
}

export function showLanded(data) {
  const me = data.attendee;
  const box = $("landed-box");
  box.hidden = !(data.event.status === "closed" && me.intent !== "give");
  if (me.landed) {
    $("landed-text").textContent = _(
      "Congratulations! Next time, come back as a giver: say you're here to give, and help someone the way you were helped.",
    );
    $("landed").hidden = true;
    $("landed-helped").hidden = false;
  }
}

/** A giver's evening, once it closed: whom they met and what came of it, in words. */
export function showGave(me) {
  if (!me.gave) $("gave-box").hidden = true;
  else import("./outcome.js").then((m) => m.showGave($("gave-box"), $("gave-text"), me.gave)).catch(() => {});
}

export function showAnnouncement(msg) {
  const announcement = $("announcement");
  $("announcement-text").textContent = msg.message;
  announcement.dataset.at = msg.at;
  announcement.hidden = false;
}

/** The newest of the event's announcements, unless the person closed it. */
export function showLatest(announcements) {
  const [latest] = announcements || [];
  if (latest && latest.at !== dismissed) showAnnouncement(latest);
}

// `resync` redraws the home once a prompt's answer (or its failure, offline) is in.
export function setupEvent(resync) {
  $("announcement-close").addEventListener("click", () => {
    const announcement = $("announcement");
    dismissed = announcement.dataset.at;
    announcement.hidden = true;
  });
  // Offline, these taps do nothing yet: the redraw after the next resync shows the truth.
  const patchMe = (change) => api("PATCH", `/api/v1/me?${eventQuery}`, change).catch(() => {}).then(() => resync());
  $("share-mine").addEventListener("click", () => patchMe({ share_contact: true }));
  $("landed").addEventListener("click", () => patchMe({ landed: true }));
}
