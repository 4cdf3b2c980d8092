// The organizer console. Every control goes through the JSON API; what it shows comes
// from the `stats` and `event` pushes (every open console updates), and after each
// (re)connect the whole state is fetched again, since pushes are delivered at most once.
import { api, connectLive, el } from "./live.js";
import { advice } from "./console-advice.js";
import { setupPeopleDetails } from "./console-person.js";
import { drawAliases, drawTopics } from "./console-topics.js";
import { setPeople, setRound, setupRounds } from "./console-rounds.js";

const root = document.getElementById("console");
const code = root.dataset.event;
const base = `/api/v1/events/${encodeURIComponent(code)}`;
const $ = (id) => document.getElementById(id);

const INTENT = { give: "Give", seek: "Seek", both: "Both" };
const PRESENCE = { here: "Here", busy: "In a conversation", left: "Left" };
const STATUS = { open: "Open", paused: "Paused", closed: "Closed" };
const STATUS_NOTE = {
  open: "Suggestions are made as people arrive.",
  paused: "No new suggestions until you resume.",
  closed: "Nobody can join and no introductions are made. Reopen it to change anything.",
};
const COUNTS = [
  ["Here", "here"], ["Givers", "give"], ["Seekers", "seek"], ["Both", "both"],
  ["In a conversation", "busy"], ["Left", "left"],
];
const INTRO_COUNTS = [
  ["Suggested", "suggested"], ["Accepted", "accepted"], ["Met", "met"],
  ["Declined", "declined"], ["Expired", "expired"],
];
// Pydantic's own wording is for developers; these say what to type instead.
const FRIENDLY = {
  name: "Give the event a name, up to 80 characters.",
  venue: "Keep the venue to 120 characters.",
  giver_capacity: "Enter a whole number from 1 to 20.",
  meeting_spots: "Keep each spot to 60 characters, and list at most 200.",
  mode: "Choose how people are matched.",
};

let event = null;
let lastStats = null; // the advice needs the event and the numbers, whichever comes last
let people = [];
let statsSeq = -1;
let peopleTimer = null;
let settingsDirty = false;
let removing = null;
let removed = []; // removed people, newest first: the organizer may bring them back
const selected = new Set(); // ids ticked in the people list, to remove at once

// ---- messages -------------------------------------------------------------------------

function problem(err) {
  if (!err.status) return "Mixer could not be reached. Check this laptop's connection, then try again.";
  if (err.status === 401 || err.status === 403) return `${err.message} Then reload this page.`;
  return err.message;
}

function showError(box, err) {
  box.textContent = typeof err === "string" ? err : problem(err);
  box.hidden = false;
}

function clearError(box) {
  box.hidden = true;
  box.textContent = "";
}

const clock = (iso) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
const percent = (rate) => `${Math.round(rate * 100)}%`;
const mmss = (s) => `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;

// ---- the event: name, status, settings -------------------------------------------------

function drawEvent(next) {
  event = next;
  root.dataset.status = next.status;
  $("event-name").textContent = next.name;
  document.title = `Console · ${next.name} · Mixer`;
  $("event-venue").textContent = next.venue;
  $("event-venue").hidden = !next.venue;
  $("status").textContent = STATUS[next.status];
  $("status").dataset.status = next.status;
  $("status-note").textContent = STATUS_NOTE[next.status];
  const closed = next.status === "closed";
  $("pause").hidden = next.status !== "open";
  $("resume").hidden = next.status === "open";
  $("resume").textContent = closed ? "Reopen the event" : "Resume matching";
  $("close").hidden = closed;
  $("settings-fields").disabled = closed;
  $("announce-form").querySelector("button").disabled = closed;
  $("round-start").disabled = closed;
  // Re-balancing needs suggestions to be made: not while paused or closed, nor in rounds alone.
  $("rebalance").disabled = next.status !== "open" || next.mode === "rounds";
  if (!settingsDirty) fillSettings(next);
  drawAliases(next);
  drawAdvice();
}

function fillSettings(e) {
  const form = $("settings-form");
  form.elements.name.value = e.name;
  form.elements.venue.value = e.venue;
  form.elements.giver_capacity.value = String(e.giver_capacity);
  form.elements.meeting_spots.value = e.meeting_spots.join("\n");
  form.elements.mode.value = e.mode;
  // Only the organizer's own answers carry the door code; pushes to the room never do.
  if (typeof e.door_code === "string") form.elements.door_code.value = e.door_code;
}

async function setStatus(status) {
  const box = $("control-error");
  clearError(box);
  try {
    drawEvent((await api("PATCH", base, { status })).event);
  } catch (err) {
    showError(box, err);
  }
}

$("pause").addEventListener("click", () => setStatus("paused"));
$("resume").addEventListener("click", () => setStatus("open"));
$("close").addEventListener("click", () => $("close-dialog").showModal());
$("close-cancel").addEventListener("click", () => $("close-dialog").close());
$("close-confirm").addEventListener("click", async () => {
  $("close-dialog").close();
  await setStatus("closed");
});

// ---- settings form ----------------------------------------------------------------------

function settingsBody(form) {
  const raw = form.elements.giver_capacity.value.trim();
  const number = Number(raw);
  return {
    name: form.elements.name.value,
    venue: form.elements.venue.value,
    // A non-number goes as typed so the server names the problem next to the field.
    giver_capacity: raw !== "" && Number.isInteger(number) ? number : raw,
    meeting_spots: form.elements.meeting_spots.value.split(/[\n,]/).map((s) => s.trim()).filter(Boolean),
    mode: form.elements.mode.value,
    door_code: form.elements.door_code.value.trim(),
  };
}

function clearFieldErrors(form) {
  for (const box of form.querySelectorAll(".field .error")) clearError(box);
  for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
}

function showFieldErrors(form, fields) {
  const leftover = [];
  let first = null;
  for (const [key, message] of Object.entries(fields)) {
    const [name, index] = key.split(".");
    const input = form.elements[name];
    const box = $(`s-${name}-error`);
    if (!input || !box) {
      leftover.push(message);
      continue;
    }
    // The server's words for a range say one bound ("Use 1 or more."); these say both.
    const generic = /^(Input|String|List|Value) should/.test(message) || message.startsWith("Field required")
      || /^Use -?\d+ or (more|less)\.$/.test(message);
    const text = generic ? FRIENDLY[name] || message : message;
    box.textContent = index !== undefined && name === "meeting_spots"
      ? `Spot ${Number(index) + 1}: ${generic ? "keep it to 60 characters." : message}`
      : text;
    box.hidden = false;
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", [`s-${name}-hint`, box.id].filter((id) => $(id)).join(" "));
    first = first || input;
  }
  if (first) first.focus();
  return leftover;
}

$("settings-form").addEventListener("input", () => {
  settingsDirty = true;
  $("settings-saved").textContent = "";
});

$("settings-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = e.currentTarget;
  clearFieldErrors(form);
  clearError($("settings-error"));
  $("settings-saved").textContent = "";
  if (form.elements.giver_capacity.value.trim() === "") {
    showFieldErrors(form, { giver_capacity: FRIENDLY.giver_capacity });
    return;
  }
  try {
    const { event: saved } = await api("PATCH", base, settingsBody(form));
    settingsDirty = false;
    drawEvent(saved);
    $("settings-saved").textContent = "Saved.";
  } catch (err) {
    const fields = (err.data && err.data.error && err.data.error.fields) || {};
    const leftover = showFieldErrors(form, fields);
    if (leftover.length || !Object.keys(fields).length) {
      showError($("settings-error"), leftover.length ? leftover.join(" ") : err);
    } else {
      showError($("settings-error"), "Some fields need fixing: see below.");
    }
  }
});

// ---- numbers --------------------------------------------------------------------------

function tile(label, value) {
  return el("li", {}, el("span", { class: "num" }, String(value)), el("span", { class: "label" }, label));
}

function names(list, emptyText) {
  return list.length
    ? list.map((p) => el("li", {}, personButton(p)))
    : [el("li", { class: "muted" }, emptyText)];
}

// A name that opens the person (their topics, what they wait for): see console-person.js.
function personButton(person) {
  return el("button", { type: "button", class: "person-link", "data-person": String(person.id) }, person.name);
}

// Only the numbers: what to do about them is the advice below, which names the cause.
function balanceText(free, waiting, total) {
  if (total === 0) return "Nobody here yet.";
  const places = `${free} free ${free === 1 ? "place" : "places"} with givers`;
  const seekers = `${waiting} ${waiting === 1 ? "seeker" : "seekers"} waiting`;
  if (waiting === 0) return free ? `${places} · no seeker waiting.` : "No seeker waiting · givers have no free places left.";
  return `${places} · ${seekers}.`;
}

let drawnAdvice = ""; // the list is live: redraw (and announce) only what changed

function drawAdvice() {
  if (!lastStats) return;
  const items = advice(lastStats, event);
  const key = JSON.stringify(items);
  if (key === drawnAdvice) return;
  drawnAdvice = key;
  // Topic advice points to the panel below, where its fixes are ("Ask the room", "Same as…").
  const link = (a) => (a.kind === "unoffered" ? [" ", el("a", { href: "#topics-panel" }, "See the topics")] : []);
  $("advice").replaceChildren(...items.map((a) => el("li", { "data-kind": a.kind }, a.text, ...link(a))));
}

function drawBalance(stats) {
  const free = stats.balance.giver_free_capacity;
  const waiting = stats.balance.seekers_waiting;
  const sum = free + waiting;
  $("gauge-free").style.width = sum ? `${(100 * free) / sum}%` : "0";
  $("gauge-waiting").style.width = sum ? `${(100 * waiting) / sum}%` : "0";
  const text = $("balance");
  text.textContent = balanceText(free, waiting, stats.attendees.total);
  text.dataset.state = waiting > free ? "short" : "ok";
}

function drawStats(stats) {
  if (typeof stats.seq === "number") {
    if (stats.seq < statsSeq) return; // an older answer overtaken by a push
    statsSeq = stats.seq;
  }
  const a = stats.attendees;
  $("counts").replaceChildren(...COUNTS.map(([label, key]) => tile(label, a[key] ?? 0)));
  $("room-empty").hidden = a.total > 0;
  drawBalance(stats);
  $("intro-counts").replaceChildren(
    ...INTRO_COUNTS.map(([label, key]) => tile(label, stats.introductions[key] ?? 0)),
  );
  const accepted = stats.acceptance_rate == null ? "no answers yet" : `${percent(stats.acceptance_rate)} of answered introductions`;
  const met = stats.met_rate == null ? "no introductions yet" : `${percent(stats.met_rate)} of all introductions suggested`;
  $("rates").textContent = `Accepted: ${accepted} · Met: ${met}`;
  $("waiting").replaceChildren(...names(stats.seekers_without_introduction, "Nobody waiting."));
  $("full").replaceChildren(...names(stats.givers_at_capacity, "Nobody is at capacity."));
  if ("round" in stats) setRound(stats.round);
  lastStats = stats;
  drawTopics(stats);
  drawAdvice();
}

// ---- announcements --------------------------------------------------------------------

const message = $("announce-message");
message.addEventListener("input", () => {
  $("announce-count").textContent = `${message.value.length} / 280`;
  $("announce-sent").textContent = "";
});

$("announce-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const box = $("announce-error");
  clearError(box);
  $("announce-sent").textContent = "";
  const text = message.value.trim();
  if (!text) {
    showError(box, "Write a message first: it appears at the top of every phone.");
    message.focus();
    return;
  }
  try {
    const { announcement } = await api("POST", `${base}/announcements`, { message: text });
    message.value = "";
    $("announce-count").textContent = "0 / 280";
    $("announce-sent").textContent = `Sent to every phone at ${clock(announcement.at)}.`;
  } catch (err) {
    const fields = (err.data && err.data.error && err.data.error.fields) || {};
    showError(box, fields.message ? "Keep the message between 1 and 280 characters." : err);
  }
});

// ---- people ---------------------------------------------------------------------------

function matches(person, query) {
  if (!query) return true;
  const text = [person.name, person.headline, INTENT[person.intent], ...person.offers, ...person.seeks]
    .join(" ")
    .toLocaleLowerCase();
  return query.split(/\s+/).every((word) => text.includes(word));
}

const FLAGS = {
  matches_removed: ["Like a removed person", "Joined after someone with the same name or email was removed."],
  burst: ["Burst", "One of many joins from one address within seconds: maybe scripted."],
  held: ["Held", "Joined in a burst: gets no suggestions for a short while, so you can look first."],
};

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
    "Remove…",
  );
  remove.setAttribute("aria-label", `Remove ${person.name}`);
  const pick = el("input", { type: "checkbox", class: "people-pick", "data-pick": String(person.id) });
  pick.checked = selected.has(person.id);
  pick.setAttribute("aria-label", `Select ${person.name}`);
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
    el("td", { class: "num-cell" }, `${person.open_introductions} of ${person.capacity}`),
    el("td", { class: "time-cell" }, clock(person.joined_at)),
    el("td", { class: "num-cell" }, remove),
  );
}

function drawPeople() {
  const query = $("people-q").value.trim().toLocaleLowerCase();
  const shown = people.filter((p) => matches(p, query));
  $("people").replaceChildren(...shown.map(row));
  $("people-count").textContent = people.length ? `(${people.length})` : "";
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
  $("select-burst").textContent = `Select the ${bursts} burst ${bursts === 1 ? "join" : "joins"}`;
  $("remove-selected").disabled = selected.size === 0;
  $("remove-selected").textContent = selected.size ? `Remove ${selected.size} selected…` : "Remove selected";
  $("selected-count").textContent = selected.size ? `${selected.size} selected` : "";
}

function drawRemoved() {
  $("removed-box").hidden = removed.length === 0;
  $("removed-count").textContent = `(${removed.length})`;
  $("removed").replaceChildren(
    ...removed.map((p) => {
      const undo = el("button", { type: "button", class: "small", "data-restore": String(p.id) }, "Undo removal");
      undo.setAttribute("aria-label", `Undo the removal of ${p.name}`);
      return el("li", {}, el("span", {}, p.name), el("span", { class: "muted" }, `removed ${clock(p.removed_at)}`), undo);
    }),
  );
}

async function loadPeople() {
  try {
    const answer = await api("GET", `${base}/attendees`);
    people = answer.attendees;
    removed = answer.removed || [];
    setPeople(people);
    clearError($("people-error"));
    drawPeople();
    drawRemoved();
  } catch (err) {
    showError($("people-error"), err);
  }
}

// Pushes can come in bursts: one fetch per burst, at most 400 ms after its first push.
function loadPeopleSoon() {
  if (peopleTimer) return;
  peopleTimer = setTimeout(() => {
    peopleTimer = null;
    loadPeople();
  }, 400);
}

$("people-q").addEventListener("input", drawPeople);
setupPeopleDetails(base, $("waiting"), $("full"), $("people"));

$("removed").addEventListener("click", async (e) => {
  const button = e.target.closest("button[data-restore]");
  if (!button || button.disabled) return;
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
  removing = { ids: [...selected], name: `${selected.size} selected ${selected.size === 1 ? "person" : "people"}` };
  $("remove-name").textContent = removing.name;
  $("remove-dialog").showModal();
});

$("people").addEventListener("click", (e) => {
  const button = e.target.closest("button[data-id]");
  if (!button) return;
  removing = { id: Number(button.dataset.id), name: button.dataset.name };
  $("remove-name").textContent = removing.name;
  $("remove-dialog").showModal();
});

$("remove-cancel").addEventListener("click", () => $("remove-dialog").close());
$("remove-confirm").addEventListener("click", async () => {
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
});

// ---- live -----------------------------------------------------------------------------

async function resync() {
  const box = $("control-error");
  try {
    const [{ event: fresh }, stats] = await Promise.all([api("GET", base), api("GET", `${base}/stats`)]);
    clearError(box);
    drawEvent(fresh);
    drawStats(stats);
  } catch (err) {
    showError(box, err);
  }
  await loadPeople();
}

// The organizer link was replaced (here or on another laptop): connect again with this
// browser's cookie, which gets back in only if it carries the new token; otherwise the
// API says why. While this console's own replacement is answered, token.js asks later.
function relink() {
  if (root.dataset.replacing) return;
  live.disconnect();
  live.connect();
  resync();
}

setupRounds(base, problem);

const live = connectLive({
  auth: { event: code, role: "organizer" },
  onResync: resync,
  indicator: $("conn"),
  handlers: {
    stats: (stats) => {
      drawStats(stats);
      loadPeopleSoon();
    },
    event: drawEvent,
    round: setRound,
    organizer_link_replaced: relink,
  },
});
root.addEventListener("relink", relink);
root.addEventListener("event-saved", (e) => drawEvent(e.detail));
