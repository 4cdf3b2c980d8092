// Requests asked of me as the broker: "Sam would like to meet Gia — through you", why both
// gain, Sam's line, and my answer ("Introduce", with a line to both, or "Not me"). Once
// answered the card gives way to a short confirmation.
import { $, el } from "../lib/dom.js";
import { firstName } from "../lib/format.js";
import { api } from "../lib/http.js";
import { _ } from "../lib/i18n.js";
import { noteForm, OFFLINE_SEND } from "./note-form.js";
import { eventQuery } from "./page.js";
import { fill } from "./warm-paths.js";

const CONFIRM_MS = 6000; // how long "Introduced — …" stays where the card was
const done = new Map(); // request id -> its confirmation, while it shows
const drawn = new Map(); // request id -> { key, node }
let answered = () => {};
let redraw = () => {};

/** `onAnswer(req)` after the broker's answer was taken; `again()` redraws the home. */
export function setupBroker(onAnswer, again) {
  answered = onAnswer;
  redraw = again;
}

const post = (req, action, body) => api("POST", `/api/v1/warm/${req.id}/${action}?${eventQuery}`, body);

function took(req, text, data) {
  clearTimeout((done.get(req.id) || {}).timer);
  const timer = setTimeout(() => {
    done.delete(req.id);
    redraw();
  }, CONFIRM_MS);
  done.set(req.id, { text, timer });
  answered(data.warm || req);
}

function gains(name, items) {
  return items.length ? el("p", { class: "wifm" }, el("strong", {}, _("For %(name)s:", { name }) + " "), items.join(", ")) : null;
}

function requestCard(req) {
  const sam = firstName(req.from.name);
  const gia = firstName(req.to.name);
  const error = el("p", { class: "error", role: "alert", hidden: true });
  const notMe = el("button", { type: "button", class: "quiet" }, _("Not me"));
  notMe.addEventListener("click", async () => {
    if (notMe.disabled) return;
    notMe.disabled = true;
    error.hidden = true;
    try {
      took(req, _("Done — %(name)s will read “not this time”.", { name: sam }), await post(req, "decline"));
    } catch (err) {
      error.textContent = err.offline ? OFFLINE_SEND : err.message;
      error.hidden = false;
      notMe.disabled = false;
    }
  });
  const answer = noteForm({
    opener: _("Introduce"),
    label: _("A line to %(asker)s and %(other)s (optional)", { asker: sam, other: gia }),
    submit: _("Introduce them"),
    extra: [notMe],
    send: (note) => post(req, "introduce", { note }),
    done: (data) => took(req, _("Introduced — they'll both see it's from you."), data),
  });
  return el(
    "li",
    { class: "intro warm-request", "data-warm": String(req.id) },
    el("h3", {}, _("%(asker)s would like to meet %(other)s — through you", { asker: req.from.name, other: req.to.name })),
    gains(sam, req.from_gets),
    req.one_way
      ? el("p", { class: "muted" }, _("A mentoring introduction: %(giver)s helps %(asker)s.", { giver: gia, asker: sam }))
      : gains(gia, req.to_gets),
    req.note ? el("p", { class: "warm-note" }, el("strong", {}, _("%(name)s wrote:", { name: sam }) + " "), el("q", {}, req.note)) : null,
    answer,
    error,
  );
}

function confirmation(id, text) {
  return el("li", { class: "intro warm-done", "data-warm": String(id), role: "status" }, text);
}

/** The open requests asked of me, and the ones I just answered, saying so. */
export function drawBroker(requests, closed) {
  const nodes = [];
  for (const [id, { text }] of done) nodes.push(cached(id, ["done", text], () => confirmation(id, text)));
  for (const req of closed ? [] : requests) {
    if (done.has(req.id)) continue;
    nodes.push(cached(req.id, ["ask", req], () => requestCard(req)));
  }
  for (const id of drawn.keys()) if (!done.has(id) && !requests.some((r) => r.id === id)) drawn.delete(id);
  fill($("warm-asks"), nodes);
  $("warm-asks-box").hidden = nodes.length === 0;
}

function cached(id, what, build) {
  const key = JSON.stringify(what);
  const old = drawn.get(id);
  if (old && old.key === key) return old.node;
  const node = build();
  drawn.set(id, { key, node });
  return node;
}
