// "Replace the console link": a new organizer token when the link was shared by mistake.
// The old link, and every console signed in with it, stop working at once. This browser
// stays signed in (the answer sets the new cookie), then connects again so it keeps hearing
// the room: while the answer is on its way, console.js leaves the connection alone.
import { api } from "./live.js";

const root = document.getElementById("console");
const base = `/api/v1/events/${encodeURIComponent(root.dataset.event)}`;
const $ = (id) => document.getElementById(id);

const replace = $("link-replace");
const confirmButton = $("link-confirm-button");
const url = $("link-url");
const error = $("link-error");

function asking(open) {
  $("link-confirm").hidden = !open;
  replace.setAttribute("aria-expanded", String(open));
  (open ? $("link-cancel") : replace).focus();
}

function problem(err) {
  if (!err.status) return "Mixer could not be reached. Check this laptop's connection, then try again.";
  return err.message;
}

replace.addEventListener("click", () => {
  error.hidden = true;
  asking(true);
});

$("link-cancel").addEventListener("click", () => asking(false));

confirmButton.addEventListener("click", async () => {
  confirmButton.disabled = true;
  root.dataset.replacing = "yes";
  try {
    const answer = await api("POST", `${base}/organizer-token`);
    url.value = answer.console_url;
    $("link-copied").textContent = "";
    $("link-done").textContent =
      `Replaced at ${new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}: the old link no longer works.`;
    $("link-new").hidden = false;
    asking(false);
    url.focus();
    url.select();
  } catch (err) {
    error.textContent = problem(err);
    error.hidden = false;
  } finally {
    confirmButton.disabled = false;
    delete root.dataset.replacing;
    root.dispatchEvent(new Event("relink"));
  }
});

$("link-copy").addEventListener("click", async () => {
  const copied = $("link-copied");
  try {
    await navigator.clipboard.writeText(url.value);
    copied.textContent = "Copied.";
  } catch {
    url.focus();
    url.select();
    copied.textContent = "Selected: press Ctrl+C (⌘C on a Mac) to copy it.";
  }
});
