// The live connection of the attendee home, the console and the projector screen.
// Delivery is at most once, so after every (re)connect and whenever the page wakes up
// we refetch the whole state over HTTP and redraw from it.
import { _ } from "./i18n.js";

export function connectLive({ auth, onResync, handlers, indicator }) {
  const show = (state, text) => {
    if (!indicator) return;
    indicator.dataset.state = state;
    indicator.textContent = text;
  };
  const socket = window.io({ auth, reconnectionDelay: 1000, reconnectionDelayMax: 5000 });
  socket.on("connect", () => { show("live", _("Live")); onResync(); });
  socket.on("disconnect", () => show("offline", _("Reconnecting…")));
  socket.on("connect_error", (err) => {
    show("offline", _("Offline — retrying…"));
    // The client gives up after the server refused a connection: retry ourselves.
    if (!socket.active) setTimeout(() => socket.connect(), 5000);
    if (err && err.data && err.data.code === "unauthorized") onResync();
  });
  for (const [name, fn] of Object.entries(handlers)) socket.on(name, fn);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") onResync();
  });
  window.addEventListener("pageshow", (e) => { if (e.persisted) onResync(); });
  window.addEventListener("online", () => { if (!socket.connected) socket.connect(); });
  return socket;
}

/**
 * A filter for numbered states (the room's numbers carry a `seq`): an answer fetched over
 * HTTP can arrive after a newer push, and must not be drawn over it.
 */
export function newestOnly() {
  let last = -1;
  return (state) => {
    if (typeof state.seq !== "number") return true;
    if (state.seq < last) return false;
    last = state.seq;
    return true;
  };
}
