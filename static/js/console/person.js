// One person opened from the console (a waiting seeker's name, a full giver's, a row of the
// people list): what they typed, how Mixer read it and what they wait for, in the words
// their own phone shows them, so the organizer can walk over and help.
import { $, el, onClick } from "../lib/dom.js";
import { api } from "../lib/http.js";
import { UNREACHABLE } from "./messages.js";
import { base } from "./page.js";

const HERE_TO = { give: "Here to give", seek: "Here to seek", both: "Here to give and to seek" };
const PRESENCE = { here: "here", busy: "in a conversation", left: "gone" };

/** A name that opens the person (a waiting seeker, a full giver, a row of the people list). */
export function personButton(person) {
  return el("button", { type: "button", class: "person-link", "data-person": String(person.id) }, person.name);
}

// "k8s → Kubernetes"; a topic Mixer does not know stays in their words and says so.
function topic(read) {
  if (!read.as.length) return el("li", {}, read.typed, el("span", { class: "muted" }, " (their own words)"));
  const same = read.as.length === 1 && read.as[0].toLocaleLowerCase() === read.typed.toLocaleLowerCase();
  return el("li", {}, same ? read.typed : `${read.typed} → ${read.as.join(", ")}`);
}

function topics(title, list, note, empty = "Nothing yet.") {
  return [
    el("h3", {}, title),
    list.length ? el("ul", { class: "person-topics" }, ...list.map(topic)) : el("p", { class: "muted" }, empty),
    note ? el("p", { class: "muted" }, `“${note}”`) : null,
  ];
}

function waitingText(person) {
  if (!person.waiting) {
    return person.open_introductions
      ? `${person.open_introductions} open ${person.open_introductions === 1 ? "introduction" : "introductions"} of ${person.capacity}.`
      : "Nothing to wait for right now.";
  }
  return person.waiting.message; // the words their phone shows, closest topics included
}

function draw(person) {
  $("person-title").textContent = person.name;
  $("person-body").replaceChildren(
    el("p", {}, person.headline || el("span", { class: "muted" }, "No headline")),
    el("p", { class: "muted" }, `${HERE_TO[person.intent]} · ${PRESENCE[person.presence]}${person.mentor ? " · mentors" : ""}`),
    el("h3", {}, "What they wait for"),
    el("p", { class: "person-waiting", "data-reason": person.waiting?.reason ?? "none" }, waitingText(person)),
    ...topics("They offer", person.understood.offers, person.offers_note),
    ...topics(
      "They seek",
      person.understood.seeks,
      person.seeks_note,
      person.intent === "give" ? "Nothing: they meet anyone who seeks what they offer." : "Nothing yet.",
    ),
  );
}

export async function openPerson(id, fallbackName) {
  const dialog = $("person-dialog");
  $("person-title").textContent = fallbackName;
  $("person-body").replaceChildren(el("p", { class: "muted" }, "Loading…"));
  $("person-error").hidden = true;
  if (!dialog.open) dialog.showModal();
  try {
    draw((await api("GET", `${base}/attendees/${encodeURIComponent(id)}`)).attendee);
  } catch (err) {
    $("person-body").replaceChildren();
    $("person-error").textContent = err.status === 404
      ? `${fallbackName} is no longer at this event.`
      : err.status ? err.message : UNREACHABLE;
    $("person-error").hidden = false;
  }
}

// Any button with data-person inside these containers opens that person.
export function setupPeopleDetails(...containers) {
  for (const box of containers) {
    onClick(box, "button[data-person]", (button) => openPerson(button.dataset.person, button.textContent));
  }
  $("person-close").addEventListener("click", () => $("person-dialog").close());
}
