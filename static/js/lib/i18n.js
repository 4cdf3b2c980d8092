// The scripts' words in the page's language. A page names its language's words file
// (<html data-words="/i18n/de.json?v=…">, preloaded in its head); the service worker keeps
// every language's file, so an offline phone speaks the same language. English pages name
// none: a message is its own English text. The names are gettext's, so `pybabel extract`
// finds the messages with its default keywords. Modules importing this one wait for the words.
async function load(address) {
  try {
    const response = await fetch(address);
    if (response.ok) return await response.json();
  } catch {
    // not reachable and not kept: the scripts' own (English) words rather than nothing
  }
  return {};
}

const address = document.documentElement.dataset.words;
const words = address ? await load(address) : {};
const catalog = words.messages || {};
const topics = words.topics || {};
const lang = document.documentElement.lang || "en";
const plurals = new Intl.PluralRules(lang);
const numbers = new Intl.NumberFormat(lang);

function fill(text, params) {
  return text.replace(/%\((\w+)\)s/g, (whole, key) => (key in params ? String(params[key]) : whole));
}

/** A message, with %(name)s placeholders filled from `params`. */
export function _(message, params = {}) {
  const said = catalog[message];
  return fill(typeof said === "string" ? said : message, params);
}

/** A message that depends on a count (%(count)s is the count, formatted for the language):
 * the form the language's plural rules choose. */
export function ngettext(singular, plural, count, params = {}) {
  const all = { ...params, count: numbers.format(count) };
  const forms = catalog[singular];
  if (forms && typeof forms === "object") {
    const form = forms[plurals.select(count)] || forms.other;
    if (form) return fill(form, all);
  }
  return fill(count === 1 ? singular : plural, all);
}

/** A built-in topic's label in the page's language; a topic people made up stays as typed. */
export function topicLabel(label) {
  return topics[label] || label;
}
