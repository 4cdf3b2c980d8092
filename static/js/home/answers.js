// Answers tapped on a card (accept, not now, we met, I followed up) that could not reach
// Mixer: kept on the phone per event and attendee, so a reload keeps them, and sent again
// once the network is back. The answer endpoints are idempotent: sending twice is safe.
import { el } from "../lib/dom.js";
import { api } from "../lib/http.js";
import { _ } from "../lib/i18n.js";

export const OFFLINE_NOTE = _("You're offline — we'll send this when you're back.");
const PENDING_LABEL = {
  accept: _("Accept · waiting to send"),
  decline: _("Not now · waiting to send"),
  met: _("We met · waiting to send"),
  followed_up: _("I followed up · waiting to send"),
};
// Why an answer was refused, one sentence per answer (its name inside, in the language).
const REFUSED = {
  accept: (why) => _("Your “Accept” could not be sent: %(why)s", { why }),
  decline: (why) => _("Your “Not now” could not be sent: %(why)s", { why }),
  met: (why) => _("Your “We met” could not be sent: %(why)s", { why }),
  followed_up: (why) => _("Your “I followed up” could not be sent: %(why)s", { why }),
};

// The queue: at most one answer per introduction, the last one tapped.
export function outbox(code, me) {
  const key = `mixer:outbox:${code}:${me}`;
  let queued = [];
  try {
    queued = JSON.parse(localStorage.getItem(key) || "[]");
  } catch {
    queued = []; // storage disabled or an unreadable copy: start empty
  }
  const save = () => {
    try {
      if (queued.length) localStorage.setItem(key, JSON.stringify(queued));
      else localStorage.removeItem(key);
    } catch {
      /* storage full or disabled: the queue lives as long as the page */
    }
  };
  return {
    list: () => [...queued],
    pending: (id) => (queued.find((q) => q.id === id) || {}).action || null,
    add(id, action) {
      queued = [...queued.filter((q) => q.id !== id), { id, action }];
      save();
    },
    remove(id) {
      queued = queued.filter((q) => q.id !== id);
      save();
    },
    // Answers about introductions the phone no longer holds cannot apply any more.
    keepOnly(ids) {
      queued = queued.filter((q) => ids.has(q.id));
      save();
    },
  };
}

// One answer to the server: {data} when taken, {offline} when the network is down,
// {refused} with plain words when Mixer said no (the introduction closed meanwhile, say).
export async function send(id, action, eventQuery) {
  try {
    return { data: await api("POST", `/api/v1/introductions/${id}/${action}?${eventQuery}`) };
  } catch (err) {
    // Mixer busy or restarting is no answer yet: keep it and send it again later.
    if (err.offline || err.status >= 500 || err.status === 429) return { offline: true };
    const refused = REFUSED[action] || ((why) => _("Your answer could not be sent: %(why)s", { why }));
    return { refused: refused(err.message) };
  }
}

// Marks a drawn card: its waiting answer (the button says it is pending) or why it failed.
export function markCard(node, { pending = null, notice = null } = {}) {
  if (pending) {
    const button = node.querySelector(`button[data-action="${pending}"]`);
    if (button) {
      button.textContent = PENDING_LABEL[pending] || button.textContent;
      button.disabled = true;
      button.classList.add("pending");
    }
    node.append(el("p", { class: "pending-note", role: "status" }, OFFLINE_NOTE));
  }
  if (notice) node.append(el("p", { class: "error", role: "alert" }, notice));
  return node;
}
