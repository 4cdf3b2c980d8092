// One introduction as a card: who, what's in it for each side, how to start, what to do.
import { el } from "../lib/dom.js";
import { timeOfDay } from "../lib/format.js";
import { _, topicLabel } from "../lib/i18n.js";
import { bothKnow, introducedBy, warmAsk } from "./warm-ask.js";

const STATUS_TEXT = {
  suggested: _("Suggested for you"),
  accepted: _("You both accepted — go and meet"),
  met: _("You met"),
  expired: _("Not this time"),
  declined: _("Not this time"), // only ever shown to the person who declined
};

/** Topics as a list to read: built-in ones in the page's language, typed ones as typed,
 * isolated so a list in another script keeps its own direction in an Arabic line. */
export function topicList(items) {
  return items.length ? el("bdi", {}, items.map(topicLabel).join(", ")) : "";
}

/** "Try: “…”": the opener (which may be in another language) kept whole inside the quotes. */
export function opener(intro) {
  return el("p", { class: "opener" }, ...withNode(_("Try: “%(opener)s”"), "opener", el("bdi", {}, intro.opener)));
}

/** A message with one placeholder filled by a node (a <strong>, say), the rest as text:
 * the translation decides where the node sits. */
export function withNode(message, key, node) {
  const [before, ...after] = message.split(`%(${key})s`);
  return [before, node, after.join("")].filter((part) => part !== "");
}

// `label` ends with its colon ("What's in it for you:"), as the language writes it.
export function topics(label, items) {
  if (!items.length) return null;
  return el("p", { class: "wifm" }, el("strong", {}, label + " "), topicList(items));
}

function contactBlock(contact) {
  if (!contact) return null;
  const items = [];
  if (contact.email) items.push(el("li", {}, el("a", { href: "mailto:" + contact.email }, contact.email)));
  if (contact.phone) items.push(el("li", {}, el("a", { href: "tel:" + contact.phone }, contact.phone)));
  if (contact.profile_url && /^https?:\/\//i.test(contact.profile_url)) {
    items.push(el("li", {}, el("a", { href: contact.profile_url, rel: "noopener noreferrer", target: "_blank" }, contact.profile_url)));
  }
  return items.length ? el("div", { class: "contact" }, el("strong", {}, _("Contact")), el("ul", {}, ...items)) : null;
}

function actions(intro) {
  const button = (action, label, cls) =>
    el("button", { type: "button", class: cls, "data-action": action, "data-id": String(intro.id) }, label);
  const buttons = [];
  if (intro.status === "suggested") {
    if (!intro.you_accepted) buttons.push(button("accept", _("Accept"), "primary"));
    buttons.push(button("decline", _("Not now"), "quiet"));
  } else if (intro.status === "accepted") {
    buttons.push(button("met", _("We met"), "primary"));
  }
  return buttons.length ? el("div", { class: "actions" }, ...buttons) : null;
}

function homework(intro) {
  const o = intro.other;
  return el(
    "details",
    { class: "homework" },
    el("summary", {}, _("Do your homework")),
    el("p", {}, el("strong", {}, _("They offer:") + " "), topicList(o.offers) || "—"),
    el("p", {}, el("strong", {}, _("They seek:") + " "), topicList(o.seeks) || "—"),
    intro.shared_topics.length
      ? el("p", {}, el("strong", {}, _("Topics you share:") + " "), topicList(intro.shared_topics))
      : null,
    intro.questions.length ? el("p", {}, el("strong", {}, _("What to ask"))) : null,
    intro.questions.length ? el("ul", {}, ...intro.questions.map((q) => el("li", {}, el("bdi", {}, q)))) : null,
  );
}

function progress(intro) {
  const o = intro.other;
  if (intro.status !== "suggested") return null;
  if (intro.you_accepted) return el("p", { class: "muted" }, _("You accepted. Waiting for %(name)s…", { name: o.name }));
  if (intro.they_accepted) return el("p", { class: "nudge" }, _("%(name)s accepted — your turn.", { name: o.name }));
  if (!intro.expires_at) return null;
  return el("p", { class: "muted" }, _("Open until %(time)s", { time: timeOfDay(intro.expires_at) }));
}

function statusText(intro, closed) {
  if (followsUp(intro, closed) && closed) return _("Connection");
  if (intro.status === "expired" && intro.they_left) return _("They left the event");
  return STATUS_TEXT[intro.status] || intro.status;
}

// A cold suggestion with people both know: who, and asking one of them for a warm word.
function warmWay(intro, sent, open) {
  if (!open || intro.via || intro.status !== "suggested" || !intro.known_by_both.length) return null;
  return el("div", { class: "warm" }, bothKnow(intro.known_by_both), warmAsk(intro.other, intro.known_by_both, sent));
}

/** `sent`: my warm requests to meet this person, newest first. */
export function card(intro, { closed = false, sent = [] } = {}) {
  const o = intro.other;
  const open = !closed && (intro.status === "suggested" || intro.status === "accepted");
  return el(
    "li",
    { class: "intro status-" + intro.status, "data-intro": String(intro.id) },
    el("p", { class: "status" }, statusText(intro, closed)),
    el("h3", {}, o.name),
    o.headline ? el("p", { class: "muted" }, el("bdi", {}, o.headline)) : null,
    introducedBy(intro),
    open || intro.status === "met" ? topics(_("What's in it for you:"), intro.for_you) : null,
    open || intro.status === "met" ? topics(_("What's in it for them:"), intro.for_them) : null,
    open && intro.one_way ? el("p", { class: "muted" }, _("A mentoring introduction: one side helps the other.")) : null,
    open ? opener(intro) : null,
    open ? homework(intro) : null,
    intro.spot && open ? el("p", { class: "spot" }, ...withNode(_("Meet at: %(spot)s"), "spot", el("strong", {}, intro.spot))) : null,
    intro.round && open ? el("p", { class: "muted" }, _("Round %(number)s", { number: intro.round })) : null,
    progress(intro),
    warmWay(intro, sent, open),
    intro.status === "declined" ? declinedNote(o) : null,
    contactBlock(intro.contact),
    followsUp(intro, closed) ? followUp(intro) : null,
    closed && followsUp(intro, closed) ? outcomeSlot(intro) : null,
    open ? actions(intro) : null,
  );
}

// What came of it: its module loads the first time a connection card is drawn after the event.
function outcomeSlot(intro) {
  const slot = el("div", { class: "outcome", "data-outcome-for": String(intro.id) });
  import("./outcome.js").then((m) => m.fillOutcome(slot, intro)).catch(() => {});
  return slot;
}

// The person who declined sees their answer taken; the other side only ever sees an expiry.
function declinedNote(other) {
  return el("p", { class: "muted" }, _("You passed. Mixer won't suggest %(name)s again.", { name: other.name }));
}

/** Whether the follow-up prompts belong on this card: once the two met, or the event closed. */
export function followsUp(intro, closed) {
  return Boolean(intro.follow_up) && (intro.status === "met" || (closed && intro.status === "accepted"));
}

// After the event: a first message to send, and a tick once it is sent.
function followUp(intro) {
  if (!intro.follow_up) return null;
  const box = el(
    "div",
    { class: "follow-up" + (intro.reminder ? " reminded" : "") },
    intro.reminder
      ? el("p", { class: "nudge" }, _("A gentle reminder: follow up with %(name)s.", { name: intro.other.name }))
      : null,
    el("p", {}, el("strong", {}, _("A first message:") + " ")),
    el("blockquote", {}, intro.follow_up),
  );
  const row = el("div", { class: "actions" });
  if (navigator.clipboard) {
    row.append(el("button", { type: "button", class: "small", "data-copy": intro.follow_up }, _("Copy message")));
  }
  row.append(
    intro.followed_up
      ? el("span", { class: "known" }, _("✓ Followed up"))
      : el("button", { type: "button", class: "small", "data-action": "followed_up", "data-id": String(intro.id) }, _("I followed up")),
  );
  box.append(row);
  return box;
}
