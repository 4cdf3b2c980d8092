// The create form sends once: the button is off while it goes, and a form brought back by
// the browser's Back button (with what was typed) keeps the nonce it was sent with, so
// sending it again lands on the event it made instead of making a second one.
import { $ } from "./lib/dom.js";
import { _ } from "./lib/i18n.js";

const form = $("create-form");
const SENT = "mixer:create-sent";

function sent() {
  try {
    return JSON.parse(sessionStorage.getItem(SENT) || "null");
  } catch {
    return null;
  }
}

// The browser fills a form it brings back only after this script ran: check again then.
function keepNonce() {
  const last = sent();
  if (last && last.name && form.elements.name.value === last.name) form.elements.nonce.value = last.nonce;
}

if (form) {
  keepNonce();
  form.addEventListener("submit", () => {
    try {
      sessionStorage.setItem(SENT, JSON.stringify({ name: form.elements.name.value, nonce: form.elements.nonce.value }));
    } catch {
      /* storage disabled: the server still makes one event of a double click */
    }
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    button.textContent = _("Creating…");
  });
  window.addEventListener("pageshow", () => {
    keepNonce();
    const button = form.querySelector("button[type=submit]");
    button.disabled = false;
    button.textContent = _("Create event");
  });
}
