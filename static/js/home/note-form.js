// A button that unfolds into a short form: an optional line (with a counter) and one send.
// Used to ask someone for a warm introduction and to make one. A second tap while the
// first is on its way does nothing; a failure keeps the draft and says why, plainly.
import { el } from "../lib/dom.js";
import { _ } from "../lib/i18n.js";

export const NOTE_MAX = 200;
export const OFFLINE_SEND = _("You're offline — nothing was sent. Try again when you're back.");
let count = 0;

/**
 * `opener`: the button's words; `label`: the line's; `submit`: the send button's;
 * `send(note)`: the request (a promise); `done(answer)`: after it was taken; `extra`:
 * buttons beside the opener (hidden with it while the form is open).
 */
export function noteForm({ opener, label, submit, send, done, extra = [], openerClass = "primary" }) {
  const id = `note-${++count}`;
  const input = el("textarea", { id, maxLength: NOTE_MAX, rows: 3, name: "note" });
  const counter = el("span", { class: "counter hint", id: id + "-count" }, `0/${NOTE_MAX}`);
  input.setAttribute("aria-describedby", counter.id);
  const go = el("button", { type: "submit", class: "primary" }, submit);
  const cancel = el("button", { type: "button", class: "quiet" }, _("Cancel"));
  const error = el("p", { class: "error", role: "alert", hidden: true });
  const form = el(
    "form",
    { class: "note-form", hidden: true, noValidate: true },
    el("label", { htmlFor: id }, label),
    input,
    counter,
    el("div", { class: "actions" }, go, cancel),
    error,
  );
  const open = el("button", { type: "button", class: openerClass }, opener);
  const row = el("div", { class: "actions" }, open, ...extra);
  const show = (unfolded) => {
    form.hidden = !unfolded;
    row.hidden = unfolded;
  };
  open.addEventListener("click", () => {
    show(true);
    input.focus();
  });
  cancel.addEventListener("click", () => {
    show(false);
    error.hidden = true;
    open.focus();
  });
  input.addEventListener("input", () => {
    counter.textContent = `${input.value.length}/${NOTE_MAX}`;
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (go.disabled) return; // a double tap: the first one is on its way
    go.disabled = true;
    cancel.disabled = true;
    go.textContent = _("Sending…");
    error.hidden = true;
    try {
      done(await send(input.value.trim()));
    } catch (err) {
      error.textContent = err.offline ? OFFLINE_SEND : err.message;
      error.hidden = false;
    } finally {
      go.disabled = false;
      cancel.disabled = false;
      go.textContent = submit;
    }
  });
  return el("div", { class: "note-box" }, row, form);
}
