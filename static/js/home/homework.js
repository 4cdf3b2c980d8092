// Before the night, for someone who joined from a personal link: "People to look for
// tonight" (their best two-way matches, public profile only) and the venue's check-in,
// which asks for a confirmation so that a link opened at home checks nobody in. Loaded
// only when the server drew these cards (not arrived yet); gone once checked in.
import { $, el } from "../lib/dom.js";
import { api } from "../lib/http.js";
import { _ } from "../lib/i18n.js";

let drawnFor = null; // the homework as last drawn, to leave unchanged lists alone

function reasons(label, items) {
  return items.length ? el("p", { class: "wifm" }, el("strong", {}, label + " "), items.join(", ")) : null;
}

function lookout(item) {
  const other = item.other;
  return el(
    "li",
    { class: "lookout", "data-lookout": String(other.id) },
    el("h3", {}, other.name),
    other.headline ? el("p", { class: "muted" }, other.headline) : null,
    reasons(_("For you:"), item.for_you),
    reasons(_("For them:"), item.for_them),
  );
}

/** Draw the cards from the person's state; both go once they arrived. */
export function showArrival(attendee) {
  const arrived = attendee.arrived !== false;
  $("arrival-box").hidden = arrived;
  $("homework-box").hidden = arrived;
  if (arrived) return;
  const homework = attendee.homework || [];
  const key = JSON.stringify(homework);
  if (key === drawnFor) return;
  drawnFor = key;
  $("homework").replaceChildren(...homework.map(lookout));
  $("homework-empty").hidden = homework.length > 0;
}

/** With script, the check-in is sent through the API and the page redraws in place;
 * without, the form posts itself and the server sends the phone home. */
export function setupArrival(eventQuery, resync) {
  const form = $("checkin-form");
  const error = $("checkin-error");
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const button = form.querySelector("button");
    button.disabled = true;
    error.hidden = true;
    try {
      const { attendee } = await api("POST", `/api/v1/me/checkin?${eventQuery}`);
      showArrival(attendee);
      resync();
    } catch (err) {
      error.textContent = err.message;
      error.hidden = false;
    } finally {
      button.disabled = false;
    }
  });
}
