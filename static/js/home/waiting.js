// The words under "Your introductions" while none is open: the server's reason why nobody
// is introduced yet when it gives one, else the page's own words, which change once a
// first introduction has come and gone. This module alone writes them.
import { $ } from "../lib/dom.js";
import { _ } from "../lib/i18n.js";

const FIRST_WAIT = $("empty-text").textContent;
const NEXT_WAIT = _(
  "No open introduction right now. Mixer is looking for your next one: keep this page open, it appears here by itself.",
);

let generic = null; // the page's own words, as last chosen

// "No introductions yet" only while it is true; after a meeting, a decline or an expiry
// the empty list means the next one is being looked for. A waiting reason takes precedence.
export function showEmptyText(hadAny) {
  const text = $("empty-text");
  const next = hadAny ? NEXT_WAIT : FIRST_WAIT;
  const showingGeneric = generic === null || text.textContent === generic;
  generic = next;
  if (showingGeneric) text.textContent = next;
}

/** The server's reason (null: none, the page's own words); whether the words changed. */
export function showReason(waiting) {
  const text = $("empty-text");
  generic ??= text.textContent;
  const message = waiting ? waiting.message : generic;
  const changed = text.textContent !== message;
  text.textContent = message;
  return changed;
}
