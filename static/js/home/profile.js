// The attendee's own controls: presence, profile edits, and forgetting.
import { $, onClick } from "../lib/dom.js";
import { api, eventApi, fieldErrors } from "../lib/http.js";
import { _, ngettext } from "../lib/i18n.js";
import { wordTopicFields } from "../lib/topic-fields.js";
import { typeahead } from "../lib/typeahead.js";

const LISTS = ["offers", "seeks"];
const CHECKS = ["share_contact", "share_with_organizer", "mentor"];
const TEXTS = ["name", "headline", "intent", "capacity", "email", "phone", "profile_url"];

export function fillProfile(me) {
  const form = $("profile-form");
  if (form.contains(document.activeElement)) return; // never overwrite what is being typed
  for (const name of TEXTS) form.elements[name].value = me[name] ?? "";
  for (const name of LISTS) form.elements[name].value = me[name].join(", ");
  for (const name of CHECKS) form.elements[name].checked = Boolean(me[name]);
  wordTopicFields(form, me.intent);
  $("me-name").textContent = me.name;
}

export function showPresence(presence, arrived = true) {
  const line = $("presence-line");
  line.textContent = {
    here: arrived ? _("You are available for new introductions.") : _("Introductions start once you check in at the venue."),
    busy: _("You are in a conversation: no new introductions until you are free again."),
    left: _("You have left: no new introductions. Your connections stay here."),
  }[presence];
  const show = { busy: presence === "here", here: presence !== "here", left: presence !== "left" };
  for (const button of document.querySelectorAll("#presence-actions button")) {
    button.hidden = !show[button.dataset.presence];
    if (button.dataset.presence === "here") button.textContent = presence === "left" ? _("I'm back") : _("I'm free again");
  }
}

function showErrors(form, error) {
  for (const old of form.querySelectorAll(".field .error")) old.remove();
  for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  const box = $("profile-error");
  const fields = fieldErrors(error);
  box.textContent = error.message;
  box.hidden = false;
  for (const [name, message] of Object.entries(fields)) {
    const input = form.elements[name.split(".")[0]];
    if (!input || !input.closest) continue;
    input.setAttribute("aria-invalid", "true");
    const p = document.createElement("p");
    p.className = "error";
    p.textContent = message;
    input.closest(".field").append(p);
  }
}

// "4 here offer it": how many people in the room are on the other side of a topic.
function counts({ offers, seeks }, side) {
  if (offers && seeks) {
    // "3 offer · 1 seek": how many offer it, how many seek it.
    return ngettext("%(count)s offer", "%(count)s offer", offers) + " · " + ngettext("%(count)s seek", "%(count)s seek", seeks);
  }
  if (offers) return ngettext("%(count)s here offers it", "%(count)s here offer it", offers);
  if (seeks) return ngettext("%(count)s here seeks it", "%(count)s here seek it", seeks);
  return side === "seeks" ? _("nobody here offers it yet") : _("nobody here seeks it yet");
}

// Signed in, the phone asks the room: its topics with counts, the other side's first.
function roomTopics(eventQuery, side) {
  const code = new URLSearchParams(eventQuery).get("event");
  return async (text, signal) => {
    const query = new URLSearchParams({ q: text, side });
    const response = await fetch(eventApi(code, `/topics?${query}`), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      signal,
    });
    if (!response.ok) return [];
    const { topics } = await response.json();
    return topics.map((t) => ({ topic: t.topic, detail: counts(t, side) }));
  };
}

export function setupProfile(eventQuery, onSaved) {
  const form = $("profile-form");
  const saved = $("profile-saved");
  for (const side of LISTS) typeahead(form.elements[side], { source: roomTopics(eventQuery, side), delay: 150, browse: true });
  form.elements.intent.addEventListener("change", () => wordTopicFields(form, form.elements.intent.value));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const body = {};
    for (const name of TEXTS) body[name] = form.elements[name].value.trim();
    body.capacity = body.capacity ? Number(body.capacity) : null;
    for (const name of LISTS) body[name] = form.elements[name].value.split(",").map((t) => t.trim()).filter(Boolean);
    for (const name of CHECKS) body[name] = form.elements[name].checked;
    if (body.capacity === null) delete body.capacity;
    saved.textContent = "";
    try {
      const { attendee } = await api("PATCH", `/api/v1/me?${eventQuery}`, body);
      $("profile-error").hidden = true;
      for (const old of form.querySelectorAll(".field .error")) old.remove();
      document.activeElement.blur();
      saved.textContent = _("Saved.");
      onSaved(attendee);
    } catch (err) {
      showErrors(form, err);
    }
  });

  onClick($("presence-actions"), "button[data-presence]", async (button) => {
    button.disabled = true;
    try {
      const { attendee } = await api("PATCH", `/api/v1/me?${eventQuery}`, { presence: button.dataset.presence });
      showPresence(attendee.presence, attendee.arrived !== false);
      onSaved(attendee);
    } finally {
      button.disabled = false;
    }
  });

  const dialog = $("forget-dialog");
  $("forget").addEventListener("click", () => dialog.showModal());
  $("forget-cancel").addEventListener("click", () => dialog.close());
  $("forget-confirm").addEventListener("click", async () => {
    await api("DELETE", `/api/v1/me?${eventQuery}`);
    localStorage.removeItem("mixer:me:" + new URLSearchParams(eventQuery).get("event"));
    window.location.reload();
  });
}
