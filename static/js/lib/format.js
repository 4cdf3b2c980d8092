// Numbers and times in the words every page uses.

export function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

/** "08:27 PM": a time of day in this browser's own way of writing it. */
export function timeOfDay(when) {
  return new Date(when).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

/** "80%": a rate from 0 to 1, rounded to a whole percent. */
export function percent(rate) {
  return `${Math.round(rate * 100)}%`;
}

/** "Kim" for "Kim Park": how a button or a short line names someone. */
export function firstName(name) {
  return String(name).trim().split(/\s+/)[0] || String(name);
}
