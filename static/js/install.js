// The installable app: register the service worker where the browser allows one, tell
// iPhones how to add Mixer to the Home Screen, and from the front page lead a phone back
// to the one event it joined (an installed Mixer opens at "/").
import { $, el } from "./lib/dom.js";
import { _ } from "./lib/i18n.js";

const DISMISSED = "mixer:ios-hint-dismissed";
const JOINED = "mixer:me:"; // + event code: the last known state of this phone at that event
const hint = $("pwa-hint");

// Plain http on a venue LAN address is no secure context: no worker, everything else works.
if ("serviceWorker" in navigator && window.isSecureContext) {
  navigator.serviceWorker
    .register("/sw.js", { scope: "/" })
    .catch((err) => console.warn("Mixer runs without offline support here:", err));
}

// The offline page stands in for the page asked for: once Mixer answers again, load that
// page. A HEAD request passes the service worker by, so it really asks the server.
if (document.body.classList.contains("offline") && window.location.pathname !== "/offline") {
  const retry = () => fetch(window.location.href, { method: "HEAD", cache: "no-store" })
    .then(() => window.location.reload(), () => {});
  window.addEventListener("online", retry);
  setInterval(retry, 5000);
}

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null; // storage blocked: no hint memory, no way back; nothing else changes
  }
}

function backToEvent(store) {
  const keys = Object.keys(store).filter((key) => key.startsWith(JOINED));
  if (keys.length !== 1) return null;
  let name = "";
  try {
    name = JSON.parse(store.getItem(keys[0])).event.name || "";
  } catch {
    // an unreadable copy: the link still works
  }
  const href = "/e/" + encodeURIComponent(keys[0].slice(JOINED.length));
  return el("p", { class: "pwa-back" }, el("a", { href, class: "button primary" }, name ? _("Back to %(event)s", { event: name }) : _("Back to your event")));
}

function iosHint(store) {
  const ios = /iPad|iPhone|iPod/.test(navigator.userAgent)
    || (navigator.platform === "MacIntel" && navigator.maxTouchPoints > 1);
  if (!ios || navigator.standalone || (store && store.getItem(DISMISSED))) return null;
  const close = el("button", { type: "button", class: "quiet" }, _("Got it"));
  const box = el("p", { class: "pwa-ios" },
    el("span", {}, _("Add Mixer to your Home Screen: tap Share, then “Add to Home Screen”.")), close);
  close.addEventListener("click", () => {
    try {
      store.setItem(DISMISSED, "1");
    } catch {
      // storage full or blocked: the hint is gone for this page only
    }
    box.remove();
    hint.hidden = hint.childElementCount === 0;
  });
  return box;
}

// Where the hint sits, in the page's flow: after what the page marks (the home's cards), at
// the top of the front page when it leads back to an event, else at the end of the page.
function place(hint, back) {
  const after = document.querySelector("[data-pwa-after]");
  const main = $("main");
  if (after) after.after(hint);
  else if (back && main) main.prepend(hint);
}

if (hint) {
  const store = storage();
  const back = store && window.location.pathname === "/" ? backToEvent(store) : null;
  hint.append(...[back, iosHint(store)].filter(Boolean));
  hint.hidden = hint.childElementCount === 0;
  if (!hint.hidden) place(hint, back);
}
