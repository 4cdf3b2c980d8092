// Copy buttons: <button data-copy="id"> copies the text of the element with that id, and
// says so in the [data-copied="id"] next to it. Without the clipboard (plain http on a
// venue's network is no secure context) the text is selected for the person to copy.
import { $ } from "./lib/dom.js";
import { _ } from "./lib/i18n.js";

function select(box) {
  const range = document.createRange();
  range.selectNodeContents(box);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}

async function copy(button) {
  const box = $(button.dataset.copy);
  const said = document.querySelector(`[data-copied="${button.dataset.copy}"]`);
  const text = box.textContent.trim();
  try {
    await navigator.clipboard.writeText(text);
    said.textContent = _("Copied");
  } catch {
    select(box);
    let done = false;
    try {
      done = document.execCommand("copy");
    } catch {
      done = false;
    }
    said.textContent = done ? _("Copied") : _("Selected: press Ctrl+C (⌘C on a Mac), or hold it to copy.");
  }
}

for (const button of document.querySelectorAll("button[data-copy]")) {
  button.addEventListener("click", () => copy(button));
}
