// Arrivals: people who registered before the night, who has arrived, who joined at the
// door, and those who joined from their personal link but are not checked in yet, to
// find by name and check in at the door (their phone updates by itself).
import { $, el, onClick } from "../lib/dom.js";
import { api } from "../lib/http.js";
import { _ } from "../lib/i18n.js";
import { clearError, showError } from "./messages.js";
import { base } from "./page.js";

const COUNTS = [
  [_("Registered"), "registered"], [_("Arrived"), "arrived"], [_("At the door"), "at_the_door"],
];

let waiting = []; // joined from a personal link, not checked in yet
let reload = () => {};

function tile(label, value) {
  return el("li", {}, el("span", { class: "num" }, String(value)), el("span", { class: "label" }, label));
}

/** The numbers of a `stats` answer or push. */
export function drawArrivals(stats) {
  const counts = stats.arrivals || {};
  $("arrival-counts").replaceChildren(...COUNTS.map(([label, key]) => tile(label, counts[key] ?? 0)));
}

/** The people list as last loaded: those not arrived yet are listed here. */
export function setArrivals(people) {
  waiting = people.filter((p) => p.arrived === false);
  drawWaiting();
}

function row(person) {
  const button = el("button", { type: "button", class: "small", "data-checkin": String(person.id) }, _("Check in"));
  button.setAttribute("aria-label", _("Check in %(name)s", { name: person.name }));
  return el(
    "li",
    { "data-id": String(person.id) },
    el("span", {}, el("strong", {}, person.name), person.headline ? el("span", { class: "muted sub" }, person.headline) : null),
    button,
  );
}

function drawWaiting() {
  const query = $("arrivals-q").value.trim().toLocaleLowerCase();
  const shown = waiting.filter((p) => !query || p.name.toLocaleLowerCase().includes(query));
  $("arrivals").replaceChildren(...shown.map(row));
  $("arrivals-empty").hidden = waiting.length > 0;
  $("arrivals-none").hidden = waiting.length === 0 || shown.length > 0;
  $("arrivals-search").hidden = waiting.length === 0;
}

/** `load` fetches the people list again (which calls `setArrivals`). */
export function setupArrivals(load) {
  reload = load;
  $("arrivals-q").addEventListener("input", drawWaiting);
  onClick($("arrivals"), "button[data-checkin]", async (button) => {
    button.disabled = true;
    const box = $("arrivals-error");
    try {
      await api("POST", `${base}/attendees/${button.dataset.checkin}/checkin`);
      clearError(box);
      waiting = waiting.filter((p) => String(p.id) !== button.dataset.checkin);
      drawWaiting();
      reload();
    } catch (err) {
      button.disabled = false;
      showError(box, err);
    }
  });
}
