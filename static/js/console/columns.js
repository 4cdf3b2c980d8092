// Naming a file's columns by hand, when its headers were not recognised (or read wrongly):
// the organizer picks which header holds the name, the email address and the headline.
import { $, el } from "../lib/dom.js";
import { _ } from "../lib/i18n.js";

const ROLES = ["name", "email", "headline"];

/** Show the choices: every header of the file, the ones read already chosen. */
export function offerColumns(headers, mapping) {
  for (const role of ROLES) {
    const select = $(`reg-map-${role}`);
    const current = mapping[role] || (role === "headline" ? "" : null);
    select.replaceChildren(el("option", { value: "" }, role === "headline" ? _("— none —") : _("— choose —")));
    for (const header of headers) {
      if (header) select.append(el("option", { value: header, selected: header === current }, header));
    }
  }
  const missing = ROLES.filter((role) => role !== "headline" && !$(`reg-map-${role}`).value);
  $("reg-map-hint").textContent = missing.length
    ? _("Mixer did not recognise every column of this file. Choose which column holds each.")
    : _("Check which column holds each, then read the file again.");
  $("reg-columns").hidden = false;
}

export function hideColumns() {
  $("reg-columns").hidden = true;
}

/** The columns named by hand, as the import's query takes them ({} when none was). */
export function chosenColumns() {
  if ($("reg-columns").hidden) return {};
  const chosen = {};
  for (const role of ROLES) {
    const value = $(`reg-map-${role}`).value;
    if (value) chosen[role] = value;
  }
  return chosen;
}

/** Whether the name and the email column are both chosen. */
export function columnsComplete() {
  return Boolean($("reg-map-name").value && $("reg-map-email").value);
}
