// Shared by the attendee home and the console: a Socket.IO connection that resyncs.
// Delivery is at most once, so after every (re)connect and whenever the page wakes up
// we refetch the whole state over HTTP and redraw from it.
export function connectLive({ auth, onResync, handlers, indicator }) {
  const show = (state, text) => {
    if (!indicator) return;
    indicator.dataset.state = state;
    indicator.textContent = text;
  };
  const socket = window.io({ auth, reconnectionDelay: 1000, reconnectionDelayMax: 5000 });
  socket.on("connect", () => { show("live", "Live"); onResync(); });
  socket.on("disconnect", () => show("offline", "Reconnecting…"));
  socket.on("connect_error", (err) => {
    show("offline", "Offline — retrying…");
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

export async function api(method, path, body) {
  const options = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, options);
  } catch {
    // The browser's own words ("Failed to fetch", "NetworkError…") mean nothing to a person.
    const err = new Error("You're offline — try again when you're back.");
    err.offline = true;
    throw err;
  }
  const data = response.status === 204 ? {} : await response.json().catch(() => ({}));
  if (!response.ok) {
    const err = new Error((data.error && data.error.message) || `Request failed (${response.status})`);
    err.status = response.status;
    err.data = data;
    throw err;
  }
  return data;
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key.startsWith("data-")) node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}
