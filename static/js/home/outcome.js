// After the event, on a connection's card: "What came of meeting Ben?" with five answers and
// Skip. Told to Mixer only (Ben never sees it), changeable later ("Change"). A skip is kept
// on this phone; the question comes back once, with the one follow-up reminder, never more.
// After "I landed a job", each connection offers "This one helped" (a job offer). Loaded
// only when a connection card is drawn: nothing of it runs at the home's first load.
import { el } from "../lib/dom.js";
import { firstName } from "../lib/format.js";
import { api } from "../lib/http.js";
import { _, ngettext } from "../lib/i18n.js";
import { code, eventQuery, me } from "./page.js";
import { current } from "./saved.js";

export const CHOICES = [
  ["referral", _("A referral")],
  ["interview", _("An interview")],
  ["offer", _("A job offer")],
  ["advice", _("Advice that helped")],
  ["nothing", _("Nothing yet")],
];
const LABEL = Object.fromEntries(CHOICES);
const STORE = `mixer:outcome-skips:${code}:${me}`;
const changing = new Set(); // introduction ids whose answer is being changed

function skips() {
  try {
    return JSON.parse(localStorage.getItem(STORE) || "{}") || {};
  } catch {
    return {}; // storage disabled or unreadable: nothing was skipped on this phone
  }
}

// "once": skipped before the follow-up reminder; "reminded": skipped with it, for good.
function skip(intro) {
  const all = skips();
  all[intro.id] = intro.reminder ? "reminded" : "once";
  try {
    localStorage.setItem(STORE, JSON.stringify(all));
  } catch {
    /* storage full or disabled: the skip lasts as long as the page */
  }
}

/** Whether to ask now: not told yet, and never skipped, or skipped before the reminder came. */
function asking(intro) {
  const skipped = skips()[intro.id];
  return !skipped || (skipped === "once" && intro.reminder);
}

const landed = () => Boolean(current() && current().attendee && current().attendee.landed);

/** Draw the question, the answer told, or nothing, into `slot` on the card of `intro`. */
export function fillOutcome(slot, intro) {
  slot.replaceChildren(...parts(slot, intro).filter(Boolean));
}

function parts(slot, intro) {
  const redraw = (next = intro) => fillOutcome(slot, next);
  const helped = landed() && intro.outcome !== "offer" ? helpedButton(slot, intro) : null;
  if (changing.has(intro.id)) return question(slot, intro, redraw);
  if (intro.outcome) {
    const change = el("button", { type: "button", class: "linklike", "data-outcome-change": "" }, _("Change"));
    change.addEventListener("click", () => {
      changing.add(intro.id);
      redraw();
    });
    const told = el("strong", {}, LABEL[intro.outcome] || intro.outcome);
    return [el("p", { class: "outcome-told" }, _("What came of it:") + " ", told, " ", change), helped];
  }
  if (asking(intro)) return question(slot, intro, redraw);
  return [helped];
}

function question(slot, intro, redraw) {
  const id = `outcome-q-${intro.id}`;
  const name = firstName(intro.other.name);
  const status = el("p", { class: "outcome-status", role: "status" });
  const choice = ([value, label]) => {
    const button = el("button", { type: "button", class: "small" + (intro.outcome === value ? " chosen" : ""), "data-outcome": value }, label);
    button.setAttribute("aria-pressed", String(intro.outcome === value));
    button.addEventListener("click", () => send(slot, intro, value, status));
    return button;
  };
  const later = el("button", { type: "button", class: "linklike", "data-outcome-skip": "" }, intro.outcome ? _("Cancel") : _("Skip"));
  later.addEventListener("click", () => {
    if (!changing.delete(intro.id)) skip(intro);
    redraw();
  });
  return [
    el("p", { class: "outcome-q", id }, el("strong", {}, _("What came of meeting %(name)s?", { name }))),
    el("div", { class: "choices", role: "group", "aria-labelledby": id }, ...CHOICES.map(choice), later),
    el("p", { class: "hint" }, _("Only Mixer sees your answer, never %(name)s: it counts what evenings like this lead to.", { name })),
    status,
  ];
}

function helpedButton(slot, intro) {
  const status = el("p", { class: "outcome-status", role: "status" });
  const button = el("button", { type: "button", class: "small primary", "data-outcome-helped": "" }, _("This one helped"));
  button.addEventListener("click", () => send(slot, intro, "offer", status));
  return el("div", { class: "helped" }, button, status);
}

async function send(slot, intro, outcome, status) {
  const buttons = [...slot.querySelectorAll("button")];
  buttons.forEach((b) => (b.disabled = true));
  status.textContent = _("Saving…");
  try {
    const data = await api("POST", `/api/v1/introductions/${intro.id}/outcome?${eventQuery}`, { outcome });
    changing.delete(intro.id);
    // The push of this answer may have redrawn the card already: fill every copy on screen.
    const next = { ...intro, outcome: data.introduction.outcome };
    for (const shown of new Set([slot, ...document.querySelectorAll(`[data-outcome-for="${intro.id}"]`)])) {
      fillOutcome(shown, next);
    }
  } catch (err) {
    status.textContent = err.message; // offline, or the answer was refused: say so, keep the choices
    buttons.forEach((b) => (b.disabled = false));
  }
}

// What an answer led to, for each count: the first one said in full, the next ones short.
const TOLD = {
  referral: [
    (n) => ngettext("%(count)s told us it led to a referral", "%(count)s told us it led to a referral", n),
    (n) => ngettext("%(count)s to a referral", "%(count)s to a referral", n),
  ],
  interview: [
    (n) => ngettext("%(count)s told us it led to an interview", "%(count)s told us it led to an interview", n),
    (n) => ngettext("%(count)s to an interview", "%(count)s to an interview", n),
  ],
  offer: [
    (n) => ngettext("%(count)s told us it led to a job offer", "%(count)s told us it led to a job offer", n),
    (n) => ngettext("%(count)s to a job offer", "%(count)s to a job offer", n),
  ],
  advice: [
    (n) => ngettext("%(count)s told us it led to advice that helped", "%(count)s told us it led to advice that helped", n),
    (n) => ngettext("%(count)s to advice that helped", "%(count)s to advice that helped", n),
  ],
};

/** A giver's evening in words: "You met 5 people; 2 told us it led to a referral." */
export function gaveText(gave) {
  if (!gave.met) return _("Thank you for coming to help.");
  const told = Object.entries(TOLD)
    .filter(([name]) => gave.outcomes[name] > 0)
    .map(([name, [first, next]], i) => (i === 0 ? first : next)(gave.outcomes[name]));
  if (!told.length) return ngettext("You met %(count)s person.", "You met %(count)s people.", gave.met);
  const list = told.reduce((all, one) => _("%(list)s, %(next)s", { list: all, next: one }));
  return ngettext("You met %(count)s person; %(told)s.", "You met %(count)s people; %(told)s.", gave.met, { told: list });
}

/** The giver's box on the home: shown once the event closed, hidden for everyone else. */
export function showGave(box, text, gave) {
  box.hidden = !gave;
  if (gave) text.textContent = gaveText(gave);
}
