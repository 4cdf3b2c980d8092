// Warm introductions on the home: the requests asked of me, the people I could meet through
// someone we both know, and thanks for the introductions I made. Drawn from GET /me on
// every resync; an answer or a request sent from this phone shows at once, then resyncs.
import { $ } from "../lib/dom.js";
import { ngettext } from "../lib/i18n.js";
import { current, remember } from "./saved.js";
import { onAsked } from "./warm-ask.js";
import { drawBroker, setupBroker } from "./warm-broker.js";
import { drawPaths } from "./warm-paths.js";

/** Everything warm, from the state as last known. */
export function drawWarm(state) {
  const closed = state.event.status === "closed";
  const me = state.attendee;
  drawBroker(me.warm_requests || [], closed);
  drawPaths(state, closed);
  const count = me.introduced_count || 0;
  const line = $("introduced-line");
  // introduced_count counts people (each one once), as "You introduced 3 people" says.
  line.textContent =
    count > 0
      ? ngettext("You introduced %(count)s person tonight — thank you", "You introduced %(count)s people tonight — thank you", count)
      : "";
  line.hidden = count === 0;
}

/**
 * `redraw(state)` draws the whole home; `resync()` asks the server. A request I sent joins
 * my sent ones and an answer I gave leaves my open ones at once, before the server's word.
 */
export function setupWarm(redraw, resync) {
  const change = (edit) => {
    const state = current();
    if (state) {
      edit(state.attendee);
      remember(state);
      redraw(state);
    }
    resync();
  };
  onAsked((warm) =>
    change((me) => {
      me.warm_sent = [warm, ...(me.warm_sent || []).filter((r) => r.id !== warm.id)];
    }),
  );
  setupBroker(
    (warm) =>
      change((me) => {
        me.warm_requests = (me.warm_requests || []).filter((r) => r.id !== warm.id);
      }),
    () => {
      const state = current();
      if (state) drawWarm(state);
    },
  );
}
