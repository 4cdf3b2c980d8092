// The last GET /api/v1/me answer, kept on the phone so the home can be drawn offline, and
// so answers and pushes that arrive meanwhile build on what the phone had.
import { code } from "./page.js";

const STORE = "mixer:me:" + code;
let state = null;

/** The state as last drawn (null before the first answer). */
export function current() {
  return state;
}

export function remember(data) {
  state = data;
  data.saved_at = Date.now(); // for "showing what you had at HH:MM" when offline
  try {
    localStorage.setItem(STORE, JSON.stringify(data));
  } catch {
    /* storage full or disabled: the page still works online */
  }
}

/** Offline: what the page has, else what the phone kept from an earlier visit. */
export function lastKnown() {
  const saved = state || JSON.parse(localStorage.getItem(STORE) || "null");
  state ??= saved; // answers and pushes drawn offline build on what the phone had
  return saved;
}

/** Signed out (forgotten, removed): nothing of this person stays on the phone. */
export function forget() {
  localStorage.removeItem(STORE);
}
