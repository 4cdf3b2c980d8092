// A round's countdown, for the phone's round card, the console and the projector screen.
// It counts from the server's `remaining` (not this machine's clock, which may be wrong),
// and a paused round shows its frozen time. Each page draws the time its own way.

export const mmss = (s) => `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;

/**
 * `draw(round, secondsLeft)` is called now and every second while the round runs; `round`
 * is null when there is none. Returns the clock: `set(round)` with a RoundInfo (or null),
 * `round` (plus `deadline`, ms on this clock), `left()`, `redraw()` and `stop()`.
 */
export function countdown(draw) {
  let round = null;
  let timer = null;

  function left() {
    if (!round) return 0;
    if (round.paused) return round.remaining;
    return Math.max(0, Math.round((round.deadline - Date.now()) / 1000));
  }

  function tick() {
    const seconds = left();
    draw(round, seconds);
    if (round && !round.paused && seconds === 0) clearInterval(timer);
  }

  return {
    get round() {
      return round;
    },
    left,
    redraw: tick,
    stop: () => clearInterval(timer),
    set(next) {
      round = next ? { ...next, deadline: Date.now() + (next.remaining ?? 0) * 1000 } : null;
      if (next && next.remaining === undefined) round.deadline = Date.parse(next.ends_at);
      clearInterval(timer);
      tick();
      if (round && !round.paused && left() > 0) timer = setInterval(tick, 1000);
    },
  };
}
