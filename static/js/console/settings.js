// The settings form: name, venue, capacity, meeting spots, matching mode, door code,
// the room's language and time zone.
// It follows the event as it changes, except while the organizer is editing it.
import { $ } from "../lib/dom.js";
import { api, fieldErrors } from "../lib/http.js";
import { _ } from "../lib/i18n.js";
import { clearError, showError } from "./messages.js";
import { base } from "./page.js";

// Pydantic's own wording is for developers; these say what to type instead.
const FRIENDLY = {
  name: _("Give the event a name, up to 80 characters."),
  venue: _("Keep the venue to 120 characters."),
  giver_capacity: _("Enter a whole number from 1 to 20."),
  meeting_spots: _("Keep each spot to 60 characters, and list at most 200."),
  mode: _("Choose how people are matched."),
  language: _("Choose one of the languages listed."),
  time_zone: _("Use a time zone name such as Europe/Berlin or UTC."),
};

let dirty = false; // edited and not saved: a push must not overwrite what is being typed

/** Fill the form from the event, unless the organizer has unsaved changes in it. */
export function drawSettings(e) {
  if (dirty) return;
  const form = $("settings-form");
  form.elements.name.value = e.name;
  form.elements.venue.value = e.venue;
  form.elements.giver_capacity.value = String(e.giver_capacity);
  form.elements.meeting_spots.value = e.meeting_spots.join("\n");
  form.elements.mode.value = e.mode;
  form.elements.language.value = e.language;
  form.elements.time_zone.value = e.time_zone;
  // Only the organizer's own answers carry the door code; pushes to the room never do.
  if (typeof e.door_code === "string") form.elements.door_code.value = e.door_code;
}

function settingsBody(form) {
  const raw = form.elements.giver_capacity.value.trim();
  const number = Number(raw);
  return {
    name: form.elements.name.value,
    venue: form.elements.venue.value,
    // A non-number goes as typed so the server names the problem next to the field.
    giver_capacity: raw !== "" && Number.isInteger(number) ? number : raw,
    meeting_spots: form.elements.meeting_spots.value.split(/[\n,]/).map((s) => s.trim()).filter(Boolean),
    mode: form.elements.mode.value,
    door_code: form.elements.door_code.value.trim(),
    language: form.elements.language.value,
    time_zone: form.elements.time_zone.value.trim(),
  };
}

// What is wrong with the nth meeting spot: the server's words, or (for its generic ones) ours.
function spotProblem(number, message) {
  const spot = new Intl.NumberFormat(document.documentElement.lang || "en").format(number);
  return message
    ? _("Spot %(number)s: %(problem)s", { number: spot, problem: message })
    : _("Spot %(number)s: keep it to 60 characters.", { number: spot });
}

function clearFieldErrors(form) {
  for (const box of form.querySelectorAll(".field .error")) clearError(box);
  for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
}

function showFieldErrors(form, fields) {
  const leftover = [];
  let first = null;
  for (const [key, message] of Object.entries(fields)) {
    const [name, index] = key.split(".");
    const input = form.elements[name];
    const box = $(`s-${name}-error`);
    if (!input || !box) {
      leftover.push(message);
      continue;
    }
    // The server's words for a range say one bound ("Use 1 or more."); these say both.
    const generic = /^(Input|String|List|Value) should/.test(message) || message.startsWith("Field required")
      || /^Use -?\d+ or (more|less)\.$/.test(message);
    const text = generic ? FRIENDLY[name] || message : message;
    box.textContent = index !== undefined && name === "meeting_spots"
      ? spotProblem(Number(index) + 1, generic ? "" : message)
      : text;
    box.hidden = false;
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", [`s-${name}-hint`, box.id].filter((id) => $(id)).join(" "));
    first = first || input;
  }
  if (first) first.focus();
  return leftover;
}

// `onEvent(event)` redraws the console from the event the server saved.
export function setupSettings(onEvent) {
  $("settings-form").addEventListener("input", () => {
    dirty = true;
    $("settings-saved").textContent = "";
  });

  $("settings-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const form = e.currentTarget;
    clearFieldErrors(form);
    clearError($("settings-error"));
    $("settings-saved").textContent = "";
    if (form.elements.giver_capacity.value.trim() === "") {
      showFieldErrors(form, { giver_capacity: FRIENDLY.giver_capacity });
      return;
    }
    try {
      const { event: saved } = await api("PATCH", base, settingsBody(form));
      dirty = false;
      onEvent(saved);
      $("settings-saved").textContent = _("Saved.");
    } catch (err) {
      const fields = fieldErrors(err);
      const leftover = showFieldErrors(form, fields);
      if (leftover.length || !Object.keys(fields).length) {
        showError($("settings-error"), leftover.length ? leftover.join(" ") : err);
      } else {
        showError($("settings-error"), _("Some fields need fixing: see below."));
      }
    }
  });
}
