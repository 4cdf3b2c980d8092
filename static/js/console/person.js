// One person opened from the console (a waiting seeker's name, a full giver's, a row of the
// people list): what they typed, how Mixer read it and what they wait for, in the words
// their own phone shows them, so the organizer can walk over and help.
import { $, el, onClick } from "../lib/dom.js";
import { api } from "../lib/http.js";
import { _, ngettext, topicLabel } from "../lib/i18n.js";
import { UNREACHABLE } from "./messages.js";
import { base } from "./page.js";

const HERE_TO = { give: _("Here to give"), seek: _("Here to seek"), both: _("Here to give and to seek") };
const PRESENCE = { here: _("here"), busy: _("in a conversation"), left: _("gone") };

/** A name that opens the person (a waiting seeker, a full giver, a row of the people list). */
export function personButton(person) {
  return el("button", { type: "button", class: "person-link", "data-person": String(person.id) }, person.name);
}

// "k8s → Kubernetes"; a topic Mixer does not know stays in their words and says so.
function topic(read) {
  if (!read.as.length) return el("li", {}, read.typed, " ", el("span", { class: "muted" }, _("(their own words)")));
  const same = read.as.length === 1 && read.as[0].toLocaleLowerCase() === read.typed.toLocaleLowerCase();
  if (same) return el("li", {}, read.typed);
  return el("li", {}, _("%(typed)s → %(topics)s", { typed: read.typed, topics: read.as.map(topicLabel).join(", ") }));
}

function topics(title, list, note, empty = _("Nothing yet.")) {
  return [
    el("h3", {}, title),
    list.length ? el("ul", { class: "person-topics" }, ...list.map(topic)) : el("p", { class: "muted" }, empty),
    note ? el("p", { class: "muted" }, _("“%(note)s”", { note })) : null,
  ];
}

function waitingText(person) {
  if (!person.waiting) {
    return person.open_introductions
      ? ngettext(
        "%(count)s open introduction of %(capacity)s.",
        "%(count)s open introductions of %(capacity)s.",
        person.open_introductions,
        { capacity: person.capacity },
      )
      : _("Nothing to wait for right now.");
  }
  return person.waiting.message; // the words their phone shows, closest topics included
}

function draw(person) {
  $("person-title").textContent = person.name;
  $("person-body").replaceChildren(
    el("p", {}, person.headline || el("span", { class: "muted" }, _("No headline"))),
    el("p", { class: "muted" }, [HERE_TO[person.intent], PRESENCE[person.presence], person.mentor ? _("mentors") : ""].filter(Boolean).join(" · ")),
    el("h3", {}, _("What they wait for")),
    el("p", { class: "person-waiting", "data-reason": person.waiting?.reason ?? "none" }, waitingText(person)),
    ...topics(_("They offer"), person.understood.offers, person.offers_note),
    ...topics(
      _("They seek"),
      person.understood.seeks,
      person.seeks_note,
      person.intent === "give" ? _("Nothing: they meet anyone who seeks what they offer.") : _("Nothing yet."),
    ),
  );
}

export async function openPerson(id, fallbackName) {
  const dialog = $("person-dialog");
  $("person-title").textContent = fallbackName;
  $("person-body").replaceChildren(el("p", { class: "muted" }, _("Loading…")));
  $("person-error").hidden = true;
  if (!dialog.open) dialog.showModal();
  try {
    draw((await api("GET", `${base}/attendees/${encodeURIComponent(id)}`)).attendee);
  } catch (err) {
    $("person-body").replaceChildren();
    $("person-error").textContent = err.status === 404
      ? _("%(name)s is no longer at this event.", { name: fallbackName })
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
