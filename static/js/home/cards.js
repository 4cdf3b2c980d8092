// One introduction as a card: who, what's in it for each side, how to start, what to do.
import { el } from "../lib/dom.js";
import { timeOfDay } from "../lib/format.js";
import { bothKnow, introducedBy, warmAsk } from "./warm-ask.js";

const STATUS_TEXT = {
  suggested: "Suggested for you",
  accepted: "You both accepted — go and meet",
  met: "You met",
  expired: "Not this time",
  declined: "Not this time", // only ever shown to the person who declined
};

function topics(label, items) {
  if (!items.length) return null;
  return el("p", { class: "wifm" }, el("strong", {}, label + ": "), items.join(", "));
}

function contactBlock(contact) {
  if (!contact) return null;
  const items = [];
  if (contact.email) items.push(el("li", {}, el("a", { href: "mailto:" + contact.email }, contact.email)));
  if (contact.phone) items.push(el("li", {}, el("a", { href: "tel:" + contact.phone }, contact.phone)));
  if (contact.profile_url && /^https?:\/\//i.test(contact.profile_url)) {
    items.push(el("li", {}, el("a", { href: contact.profile_url, rel: "noopener noreferrer", target: "_blank" }, contact.profile_url)));
  }
  return items.length ? el("div", { class: "contact" }, el("strong", {}, "Contact"), el("ul", {}, ...items)) : null;
}

function actions(intro) {
  const button = (action, label, cls) =>
    el("button", { type: "button", class: cls, "data-action": action, "data-id": String(intro.id) }, label);
  const buttons = [];
  if (intro.status === "suggested") {
    if (!intro.you_accepted) buttons.push(button("accept", "Accept", "primary"));
    buttons.push(button("decline", "Not now", "quiet"));
  } else if (intro.status === "accepted") {
    buttons.push(button("met", "We met", "primary"));
  }
  return buttons.length ? el("div", { class: "actions" }, ...buttons) : null;
}

function homework(intro) {
  const o = intro.other;
  return el(
    "details",
    { class: "homework" },
    el("summary", {}, "Do your homework"),
    el("p", {}, el("strong", {}, "They offer: "), o.offers.join(", ") || "—"),
    el("p", {}, el("strong", {}, "They seek: "), o.seeks.join(", ") || "—"),
    intro.shared_topics.length ? el("p", {}, el("strong", {}, "Topics you share: "), intro.shared_topics.join(", ")) : null,
    intro.questions.length ? el("p", {}, el("strong", {}, "What to ask")) : null,
    intro.questions.length ? el("ul", {}, ...intro.questions.map((q) => el("li", {}, q))) : null,
  );
}

function progress(intro) {
  const o = intro.other;
  if (intro.status !== "suggested") return null;
  if (intro.you_accepted) return el("p", { class: "muted" }, "You accepted. Waiting for " + o.name + "…");
  if (intro.they_accepted) return el("p", { class: "nudge" }, o.name + " accepted — your turn.");
  if (!intro.expires_at) return null;
  return el("p", { class: "muted" }, "Open until " + timeOfDay(intro.expires_at));
}

function statusText(intro, closed) {
  if (followsUp(intro, closed) && closed) return "Connection";
  if (intro.status === "expired" && intro.they_left) return "They left the event";
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
    o.headline ? el("p", { class: "muted" }, o.headline) : null,
    introducedBy(intro),
    open || intro.status === "met" ? topics("What's in it for you", intro.for_you) : null,
    open || intro.status === "met" ? topics("What's in it for them", intro.for_them) : null,
    open && intro.one_way ? el("p", { class: "muted" }, "A mentoring introduction: one side helps the other.") : null,
    open ? el("p", { class: "opener" }, "Try: “" + intro.opener + "”") : null,
    open ? homework(intro) : null,
    intro.spot && open ? el("p", { class: "spot" }, "Meet at: ", el("strong", {}, intro.spot)) : null,
    intro.round && open ? el("p", { class: "muted" }, "Round " + intro.round) : null,
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
  return el("p", { class: "muted" }, "You passed. Mixer won't suggest " + other.name + " again.");
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
    intro.reminder ? el("p", { class: "nudge" }, "A gentle reminder: follow up with " + intro.other.name + ".") : null,
    el("p", {}, el("strong", {}, "A first message: ")),
    el("blockquote", {}, intro.follow_up),
  );
  const row = el("div", { class: "actions" });
  if (navigator.clipboard) {
    row.append(el("button", { type: "button", class: "small", "data-copy": intro.follow_up }, "Copy message"));
  }
  row.append(
    intro.followed_up
      ? el("span", { class: "known" }, "✓ Followed up")
      : el("button", { type: "button", class: "small", "data-action": "followed_up", "data-id": String(intro.id) }, "I followed up"),
  );
  box.append(row);
  return box;
}
