// The console's rounds card: start, end, undo, swap two people, pause, resume, +2 min.
// Every change comes back as a `round` push, so every open console, the projector and the
// phones agree.
import { countdown, mmss } from "../lib/countdown.js";
import { $, el } from "../lib/dom.js";
import { api } from "../lib/http.js";
import { _, ngettext } from "../lib/i18n.js";
import { problem } from "./messages.js";
import { base } from "./page.js";

let undone = null; // the number of the round just undone, to say so
const clock = countdown(drawRound);
const numbers = new Intl.NumberFormat(document.documentElement.lang || "en");

function drawRound(round, left) {
  const running = Boolean(round) && (left > 0 || round.paused);
  const now = $("round-now");
  now.dataset.running = running ? "yes" : "no";
  now.dataset.paused = running && round.paused ? "yes" : "no";
  $("round-end").hidden = !running;
  $("round-start").hidden = running;
  $("round-controls").hidden = !running;
  $("round-swap-box").hidden = !running;
  $("round-pause").textContent = round && round.paused ? _("Resume timer") : _("Pause timer");
  if (!round) {
    now.textContent = undone
      ? _("Round %(number)s was undone: nobody was introduced.", { number: numbers.format(undone) })
      : _("No round running.");
  } else if (running) {
    const number = numbers.format(round.number);
    const state = round.paused ? _("paused at %(time)s", { time: mmss(left) }) : _("%(time)s left", { time: mmss(left) });
    now.textContent = round.pairs
      ? _("Round %(number)s · %(state)s · %(groups)s", {
        number, state, groups: ngettext("%(count)s group", "%(count)s groups", round.pairs),
      })
      : _("Round %(number)s · %(state)s", { number, state });
  } else {
    now.textContent = _("Round %(number)s has ended.", { number: numbers.format(round.number) });
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
  clock.set(next);
}

/** The people the swap can pick from: those here, by name. */
export function setPeople(people) {
  for (const id of ["swap-a", "swap-b"]) {
    const select = $(id);
    const chosen = select.value;
    const here = people.filter((p) => p.presence === "here").sort((a, b) => a.name.localeCompare(b.name));
    select.replaceChildren(
      el("option", { value: "" }, _("Choose…")),
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
    box.textContent = err.status === 404 && path === "" ? _("Rounds are not available on this server yet.") : problem(err);
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

function refuse(text) {
  $("round-error").textContent = text;
  $("round-error").hidden = false;
}

const firstName = (select) => select.selectedOptions[0].text.split(" — ")[0];

export function setupRounds() {
  $("round-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const minutes = Number($("round-minutes").value);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 60) {
      refuse(_("Enter the minutes per round: a whole number from 1 to 60."));
      $("round-minutes").focus();
      return;
    }
    await act("", { minutes }, $("round-start"));
  });
  $("round-end").addEventListener("click", (e) => act("/current/end", undefined, e.currentTarget));
  $("round-undo").addEventListener("click", (e) => act("/current/undo", undefined, e.currentTarget));
  $("round-extend").addEventListener("click", (e) => act("/current/extend", { minutes: 2 }, e.currentTarget));
  $("round-pause").addEventListener("click", (e) =>
    act(clock.round && clock.round.paused ? "/current/resume" : "/current/pause", undefined, e.currentTarget),
  );
  $("round-swap").addEventListener("submit", async (e) => {
    e.preventDefault();
    const [a, b] = [$("swap-a").value, $("swap-b").value];
    if (!a || !b) {
      refuse(_("Choose two people to swap."));
      return;
    }
    if (await act("/current/swap", { attendees: [Number(a), Number(b)] }, $("round-swap").querySelector("button[type=submit]"))) {
      $("swap-done").textContent = _("%(first)s and %(second)s swapped partners.", {
        first: firstName($("swap-a")),
        second: firstName($("swap-b")),
      });
    }
  });
  clock.redraw();
}
