// "My code": the phone's short code and its QR, for someone here who already knows me; and
// the field to type someone else's. A used or expiring code is replaced by itself.
import { $ } from "../lib/dom.js";
import { timeOfDay } from "../lib/format.js";
import { api, fieldErrors } from "../lib/http.js";
import { _ } from "../lib/i18n.js";

let refresh = () => {};

/** Someone used my code (a push): say who, and show the next code. */
export function codeUsed(push) {
  if (push && push.by) {
    $("code-status").textContent = _("%(name)s used your code: you know each other now.", { name: push.by.name });
  }
  refresh();
}

/** Offer the swap only to someone who shares their own contact (a swap is an exchange). */
export function showCodeSharing(attendee) {
  $("code-swap-box").hidden = !attendee.share_contact;
}

export function setupMyCode(eventQuery, onKnown) {
  const box = $("code-box");
  const status = $("code-status");
  let timer = null;

  async function load() {
    clearTimeout(timer);
    if (!box.open) return;
    try {
      const shown = await api("GET", `/api/v1/me/code?${eventQuery}`);
      const qr = $("code-qr");
      qr.src = `/api/v1/me/code.svg?${eventQuery}&c=${encodeURIComponent(shown.code)}`;
      qr.hidden = false;
      $("code-text").textContent = `${shown.code.slice(0, 3)} ${shown.code.slice(3)}`;
      $("code-expiry").textContent = _("Works once, until %(time)s.", { time: timeOfDay(shown.expires_at) });
      // The server gives a new code when less than a minute is left: ask again then.
      const wait = new Date(shown.expires_at).getTime() - Date.now() - 55_000;
      timer = setTimeout(load, Math.max(wait, 5_000));
    } catch (err) {
      status.textContent = err.message;
    }
  }
  refresh = load;

  box.addEventListener("toggle", load);
  $("code-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const error = $("code-error");
    const input = $("code-typed");
    const body = { code: input.value };
    if (!$("code-swap-box").hidden && $("code-swap").checked) body.swap_contact = true;
    error.hidden = true;
    $("code-typed-status").textContent = "";
    try {
      await api("POST", `/api/v1/me/known?${eventQuery}`, body);
      input.value = "";
      $("code-typed-status").textContent = _("Done: you know each other now (see “People I already know here”).");
      onKnown();
    } catch (err) {
      error.textContent = fieldErrors(err).code && err.status === 422 ? fieldErrors(err).code : err.message;
      error.hidden = false;
    }
  });
}
