import { api, connectLive, el } from "./live.js";

const root = document.getElementById("home");
const code = root.dataset.event;
const list = document.getElementById("intros");
const empty = document.getElementById("empty");
const intros = new Map();
let seq = 0;

const STATUS_TEXT = {
  suggested: "Suggested",
  accepted: "You both accepted — go and meet",
  met: "You met",
  declined: "You passed",
  expired: "Not this time",
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
  const buttons = [];
  const button = (action, label, cls) =>
    el("button", { type: "button", class: cls, "data-action": action, "data-id": String(intro.id) }, label);
  if (intro.status === "suggested") {
    if (!intro.you_accepted) buttons.push(button("accept", "Accept", "primary"));
    buttons.push(button("decline", "Not now", "quiet"));
  } else if (intro.status === "accepted") {
    buttons.push(button("met", "We met", "primary"));
  }
  return buttons.length ? el("div", { class: "actions" }, ...buttons) : null;
}

function card(intro) {
  const o = intro.other;
  let waiting = null;
  if (intro.status === "suggested" && intro.you_accepted) {
    waiting = el("p", { class: "muted" }, "You accepted. Waiting for " + o.name + "…");
  } else if (intro.status === "suggested" && intro.they_accepted) {
    waiting = el("p", { class: "nudge" }, o.name + " accepted — your turn.");
  }
  return el(
    "li",
    { class: "intro status-" + intro.status, "data-intro": String(intro.id) },
    el("p", { class: "status" }, STATUS_TEXT[intro.status] || intro.status),
    el("h3", {}, o.name),
    o.headline ? el("p", { class: "muted" }, o.headline) : null,
    topics("What's in it for you", intro.for_you),
    topics("What's in it for them", intro.for_them),
    intro.one_way ? el("p", { class: "muted" }, "A mentoring introduction: one side helps the other.") : null,
    el("p", { class: "opener" }, "Try: “" + intro.opener + "”"),
    intro.questions.length ? el("details", {}, el("summary", {}, "Do your homework"),
      el("p", {}, "They offer: " + (o.offers.join(", ") || "—")),
      el("p", {}, "They seek: " + (o.seeks.join(", ") || "—")),
      el("ul", {}, ...intro.questions.map((q) => el("li", {}, q)))) : null,
    intro.spot ? el("p", { class: "spot" }, "Meet at: ", el("strong", {}, intro.spot)) : null,
    waiting,
    intro.status === "suggested" && intro.expires_at
      ? el("p", { class: "muted" }, "Open until " + new Date(intro.expires_at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }))
      : null,
    contactBlock(intro.contact),
    actions(intro),
  );
}

function render() {
  const sorted = [...intros.values()].sort((a, b) => (b.created_at > a.created_at ? 1 : b.created_at < a.created_at ? -1 : b.id - a.id));
  list.replaceChildren(...sorted.map(card));
  empty.hidden = sorted.length > 0;
}

async function resync() {
  try {
    const data = await api("GET", `/api/v1/me?event=${encodeURIComponent(code)}`);
    intros.clear();
    for (const intro of data.introductions) intros.set(intro.id, intro);
    seq = data.seq;
    document.getElementById("event-status").textContent =
      data.event.status === "open" ? "" : data.event.status === "paused" ? "Matching is paused for now." : "The event has closed.";
    render();
  } catch (err) {
    if (err.status === 401 || err.status === 403) window.location.reload();
  }
}

list.addEventListener("click", async (e) => {
  const button = e.target.closest("button[data-action]");
  if (!button) return;
  button.disabled = true;
  try {
    const data = await api("POST", `/api/v1/introductions/${button.dataset.id}/${button.dataset.action}?event=${encodeURIComponent(code)}`);
    intros.set(data.introduction.id, data.introduction);
    render();
  } catch (err) {
    button.disabled = false;
    alert(err.message);
  }
});

connectLive({
  auth: { event: code },
  onResync: resync,
  indicator: document.getElementById("conn"),
  handlers: {
    introduction: (intro) => {
      seq = Math.max(seq, intro.seq);
      intros.set(intro.id, intro);
      render();
    },
    event: (event) => {
      seq = Math.max(seq, event.seq);
      resync();
    },
    announcement: (msg) => {
      const banner = document.getElementById("announcement");
      banner.textContent = msg.message;
      banner.hidden = false;
    },
  },
});
