// Numbers and times in the words every page uses.

export function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

const page = document.documentElement;
const lang = page.lang || "en";
// The event's time zone (the organizer's setting): a time reads the same on every phone.
const zone = page.dataset.timeZone || undefined;

function inZone(options) {
  try {
    return new Intl.DateTimeFormat(lang, { ...options, timeZone: zone });
  } catch {
    return new Intl.DateTimeFormat(lang, options); // a zone this browser does not know
  }
}
const clock = inZone({ hour: "2-digit", minute: "2-digit" });
const dayAndClock = inZone({ dateStyle: "medium", timeStyle: "short" });

/** "20:27" or "8:27 PM": a time of day, in the page's language and the event's time zone. */
export function timeOfDay(when) {
  return clock.format(new Date(when));
}

/** "5 Dec 2026, 20:27": a date and time, in the page's language and the event's time zone. */
export function dateAndTime(when) {
  return dayAndClock.format(new Date(when));
}

/** "80%" (or "80 %"): a rate from 0 to 1, as a whole percent written the language's way. */
export function percent(rate) {
  return new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 }).format(rate);
}

/** "Kim" for "Kim Park": how a button or a short line names someone. */
export function firstName(name) {
  return String(name).trim().split(/\s+/)[0] || String(name);
}
