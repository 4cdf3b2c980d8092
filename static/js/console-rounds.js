// The console's rounds card: start, end, undo, swap two people, pause, resume, +2 min.
// The timer counts down from the server's `remaining` (not this laptop's clock), and a
// paused round shows its frozen time. Every change comes back as a `round` push, so
// every open console, the projector and the phones agree.
import { api, el } from "./live.js";

const $ = (id) => document.getElementById(id);
const mmss = (s) => `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;

let base = "";
let problem = (err) => err.message;
let round = null; // RoundInfo, plus `deadline` (ms, this laptop's clock) while running
let timer = null;
let undone = null; // the number of the round just undone, to say so

function secondsLeft() {
  if (!round) return 0;
  if (round.paused) return round.remaining;
  return Math.max(0, Math.round((round.deadline - Date.now()) / 1000));
}

function tick() {
  const left = secondsLeft();
  const running = Boolean(round) && (left > 0 || round.paused);
  const now = $("round-now");
  now.dataset.running = running ? "yes" : "no";
  now.dataset.paused = running && round.paused ? "yes" : "no";
  $("round-end").hidden = !running;
  $("round-start").hidden = running;
  $("round-controls").hidden = !running;
  $("round-swap-box").hidden = !running;
  $("round-pause").textContent = round && round.paused ? "Resume timer" : "Pause timer";
  if (!round) {
    now.textContent = undone ? `Round ${undone} was undone: nobody was introduced.` : "No round running.";
  } else if (running) {
    const groups = round.pairs ? ` · ${round.pairs} ${round.pairs === 1 ? "group" : "groups"}` : "";
    const state = round.paused ? `paused at ${mmss(left)}` : `${mmss(left)} left`;
    now.textContent = `Round ${round.number} · ${state}${groups}`;
  } else {
    now.textContent = `Round ${round.number} has ended.`;
    clearInterval(timer);
  }
}

/** A round from the stats, a push or an answer (null: none). */
export function setRound(next) {
  if (next && next.undone) {
    undone = next.number;
    next = null;
  } else if (next) {
    undone = null;
  }
  round = next ? { ...next, deadline: Date.now() + (next.remaining ?? 0) * 1000 } : null;
  if (next && next.remaining === undefined) round.deadline = Date.parse(next.ends_at);
  clearInterval(timer);
  tick();
  if (round && !round.paused && secondsLeft() > 0) timer = setInterval(tick, 1000);
}

/** The people the swap can pick from: those here, by name. */
export function setPeople(people) {
  for (const id of ["swap-a", "swap-b"]) {
    const select = $(id);
    const chosen = select.value;
    const here = people.filter((p) => p.presence === "here").sort((a, b) => a.name.localeCompare(b.name));
    select.replaceChildren(
      el("option", { value: "" }, "Choose…"),
      ...here.map((p) => el("option", { value: String(p.id) }, p.headline ? `${p.name} — ${p.headline}` : p.name)),
    );
    select.value = here.some((p) => String(p.id) === chosen) ? chosen : "";
  }
}

let busy = false; // a round request is in flight: a second click must not send another

async function act(path, body, button) {
  if (busy) return false;
  busy = true;
  const wasDisabled = button ? button.disabled : false;
  if (button) {
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
  }
  const box = $("round-error");
  box.hidden = true;
  try {
    const answer = await api("POST", `${base}/rounds${path}`, body);
    setRound(path === "/current/undo" ? { ...answer.round, undone: true } : answer.round);
    return true;
  } catch (err) {
    box.textContent = err.status === 404 && path === "" ? "Rounds are not available on this server yet." : problem(err);
    box.hidden = false;
    return false;
  } finally {
    busy = false;
    if (button) {
      button.disabled = wasDisabled;
      button.removeAttribute("aria-busy");
    }
  }
}

export function setupRounds(eventBase, explain) {
  base = eventBase;
  problem = explain;
  $("round-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const minutes = Number($("round-minutes").value);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 60) {
      $("round-error").textContent = "Enter the minutes per round: a whole number from 1 to 60.";
      $("round-error").hidden = false;
      $("round-minutes").focus();
      return;
    }
    await act("", { minutes }, $("round-start"));
  });
  $("round-end").addEventListener("click", (e) => act("/current/end", undefined, e.currentTarget));
  $("round-undo").addEventListener("click", (e) => act("/current/undo", undefined, e.currentTarget));
  $("round-extend").addEventListener("click", (e) => act("/current/extend", { minutes: 2 }, e.currentTarget));
  $("round-pause").addEventListener("click", (e) =>
    act(round && round.paused ? "/current/resume" : "/current/pause", undefined, e.currentTarget),
  );
  $("round-swap").addEventListener("submit", async (e) => {
    e.preventDefault();
    const [a, b] = [$("swap-a").value, $("swap-b").value];
    if (!a || !b) {
      $("round-error").textContent = "Choose two people to swap.";
      $("round-error").hidden = false;
      return;
    }
    if (await act("/current/swap", { attendees: [Number(a), Number(b)] }, $("round-swap").querySelector("button[type=submit]"))) {
      $("swap-done").textContent = `${$("swap-a").selectedOptions[0].text.split(" — ")[0]} and ${$("swap-b").selectedOptions[0].text.split(" — ")[0]} swapped partners.`;
    }
  });
  tick();
}
