// The people list: search, flags, removing one or many (with undo), and the removed list.
import { $, el, onClick } from "../lib/dom.js";
import { timeOfDay } from "../lib/format.js";
import { api } from "../lib/http.js";
import { _, ngettext } from "../lib/i18n.js";
import { setArrivals } from "./arrivals.js";
import { clearError, showError } from "./messages.js";
import { base } from "./page.js";
import { personButton } from "./person.js";
import { setPeople } from "./rounds.js";

const INTENT = { give: _("Give"), seek: _("Seek"), both: _("Both") };
const PRESENCE = { here: _("Here"), busy: _("In a conversation"), left: _("Left") };
const FLAGS = {
  matches_removed: [_("Like a removed person"), _("Joined after someone with the same name or email was removed.")],
  burst: [_("Burst"), _("One of many joins from one address within seconds: maybe scripted.")],
  held: [_("Held"), _("Joined in a burst: gets no suggestions for a short while, so you can look first.")],
};
const numbers = new Intl.NumberFormat(document.documentElement.lang || "en");

let people = [];
let removed = []; // removed people, newest first: the organizer may bring them back
const selected = new Set(); // ids ticked in the people list, to remove at once
let removing = null;
let timer = null;

function matches(person, query) {
  if (!query) return true;
  const text = [person.name, person.headline, INTENT[person.intent], ...person.offers, ...person.seeks]
    .join(" ")
    .toLocaleLowerCase();
  return query.split(/\s+/).every((word) => text.includes(word));
}

function flagBadges(person) {
  return (person.flags || []).map((flag) => {
    const [text, title] = FLAGS[flag] || [flag, ""];
    return el("span", { class: "flag", "data-flag": flag, title }, text);
  });
}

function row(person) {
  const remove = el(
    "button",
    { type: "button", class: "small quiet", "data-id": String(person.id), "data-name": person.name },
    _("Remove…"),
  );
  remove.setAttribute("aria-label", _("Remove %(name)s", { name: person.name }));
  const pick = el("input", { type: "checkbox", class: "people-pick", "data-pick": String(person.id) });
  pick.checked = selected.has(person.id);
  pick.setAttribute("aria-label", _("Select %(name)s", { name: person.name }));
  return el(
    "tr",
    { "data-id": String(person.id) },
    el("td", {}, pick),
    el(
      "td",
      {},
      el("strong", {}, personButton(person)),
      ...flagBadges(person),
      person.headline ? el("span", { class: "muted sub" }, person.headline) : null,
    ),
    el("td", {}, INTENT[person.intent]),
    el("td", { class: `presence-${person.presence}` }, PRESENCE[person.presence]),
    el("td", { class: "num-cell" }, _("%(open)s of %(capacity)s", {
      open: numbers.format(person.open_introductions),
      capacity: numbers.format(person.capacity),
    })),
    el("td", { class: "time-cell" }, timeOfDay(person.joined_at)),
    el("td", { class: "num-cell" }, remove),
  );
}

function drawPeople() {
  const query = $("people-q").value.trim().toLocaleLowerCase();
  const shown = people.filter((p) => matches(p, query));
  $("people").replaceChildren(...shown.map(row));
  $("people-count").textContent = people.length ? `(${numbers.format(people.length)})` : "";
  $("people-empty").hidden = people.length > 0;
  $("people-none").hidden = people.length === 0 || shown.length > 0;
  $("people-table").hidden = shown.length === 0;
  drawSelection();
}

function drawSelection() {
  for (const id of [...selected]) if (!people.some((p) => p.id === id)) selected.delete(id);
  const bursts = people.filter((p) => (p.flags || []).includes("burst")).length;
  $("people-bulk").hidden = people.length === 0;
  $("select-burst").hidden = bursts === 0;
  $("select-burst").textContent = ngettext("Select the %(count)s burst join", "Select the %(count)s burst joins", bursts);
  $("remove-selected").disabled = selected.size === 0;
  $("remove-selected").textContent = selected.size
    ? ngettext("Remove %(count)s selected…", "Remove %(count)s selected…", selected.size)
    : _("Remove selected");
  $("selected-count").textContent = selected.size ? ngettext("%(count)s selected", "%(count)s selected", selected.size) : "";
}

function drawRemoved() {
  $("removed-box").hidden = removed.length === 0;
  $("removed-count").textContent = `(${numbers.format(removed.length)})`;
  $("removed").replaceChildren(
    ...removed.map((p) => {
      const undo = el("button", { type: "button", class: "small", "data-restore": String(p.id) }, _("Undo removal"));
      undo.setAttribute("aria-label", _("Undo the removal of %(name)s", { name: p.name }));
      const when = _("removed %(time)s", { time: timeOfDay(p.removed_at) });
      return el("li", {}, el("span", {}, p.name), el("span", { class: "muted" }, when), undo);
    }),
  );
}

export async function loadPeople() {
  try {
    const answer = await api("GET", `${base}/attendees`);
    people = answer.attendees;
    removed = answer.removed || [];
    setPeople(people);
    setArrivals(people);
    clearError($("people-error"));
    drawPeople();
    drawRemoved();
  } catch (err) {
    showError($("people-error"), err);
  }
}

// Pushes can come in bursts: one fetch per burst, at most 400 ms after its first push.
export function loadPeopleSoon() {
  if (timer) return;
  timer = setTimeout(() => {
    timer = null;
    loadPeople();
  }, 400);
}

function askRemove(who) {
  removing = who;
  $("remove-name").textContent = removing.name;
  $("remove-dialog").showModal();
}

async function remove() {
  $("remove-dialog").close();
  if (!removing) return;
  const { id, ids } = removing;
  removing = null;
  try {
    if (ids) {
      await api("POST", `${base}/attendees/remove`, { ids });
      for (const gone of ids) selected.delete(gone);
    } else {
      await api("DELETE", `${base}/attendees/${id}`);
    }
    const out = new Set(ids || [id]);
    people = people.filter((p) => !out.has(p.id));
    drawPeople();
    loadPeople(); // the removed list, with its undo
    $("people-q").focus(); // the button that had focus is gone with its row
  } catch (err) {
    showError($("people-error"), err);
  }
}

export function setupPeople() {
  $("people-q").addEventListener("input", drawPeople);
  onClick($("removed"), "button[data-restore]", async (button) => {
    if (button.disabled) return;
    button.disabled = true;
    try {
      await api("POST", `${base}/attendees/${button.dataset.restore}/restore`);
      await loadPeople();
    } catch (err) {
      button.disabled = false;
      showError($("people-error"), err);
    }
  });
  $("people").addEventListener("change", (e) => {
    const box = e.target.closest("input[data-pick]");
    if (!box) return;
    const id = Number(box.dataset.pick);
    if (box.checked) selected.add(id);
    else selected.delete(id);
    drawSelection();
  });
  $("select-burst").addEventListener("click", () => {
    for (const p of people) if ((p.flags || []).includes("burst")) selected.add(p.id);
    drawPeople();
  });
  $("remove-selected").addEventListener("click", () => {
    if (!selected.size) return;
    askRemove({ ids: [...selected], name: ngettext("%(count)s selected person", "%(count)s selected people", selected.size) });
  });
  onClick($("people"), "button[data-id]", (button) => askRemove({ id: Number(button.dataset.id), name: button.dataset.name }));
  $("remove-cancel").addEventListener("click", () => $("remove-dialog").close());
  $("remove-confirm").addEventListener("click", remove);
}
