import { api, connectLive, el } from "./live.js";

const root = document.getElementById("console");
const code = root.dataset.event;
const errorBox = document.getElementById("control-error");

const LABELS = [
  ["Here", (s) => s.attendees.here],
  ["Givers", (s) => s.attendees.give],
  ["Seekers", (s) => s.attendees.seek],
  ["Both", (s) => s.attendees.both],
  ["Left", (s) => s.attendees.left],
  ["Suggested", (s) => s.introductions.suggested],
  ["Accepted", (s) => s.introductions.accepted],
  ["Met", (s) => s.introductions.met],
  ["Givers' free places", (s) => s.balance.giver_free_capacity],
  ["Seekers waiting", (s) => s.balance.seekers_waiting],
  ["Givers at capacity", (s) => s.givers_at_capacity.length],
];

function draw(stats) {
  const rows = LABELS.flatMap(([label, get]) => [el("dt", {}, label), el("dd", {}, String(get(stats)))]);
  document.getElementById("stats").replaceChildren(...rows);
  const waiting = stats.seekers_without_introduction;
  document.getElementById("waiting").replaceChildren(
    ...(waiting.length ? waiting.map((p) => el("li", {}, p.name)) : [el("li", { class: "muted" }, "Nobody waiting.")]),
  );
}

async function resync() {
  try {
    draw(await api("GET", `/api/v1/events/${encodeURIComponent(code)}/stats`));
    const { event } = await api("GET", `/api/v1/events/${encodeURIComponent(code)}`);
    document.getElementById("status").textContent = event.status;
  } catch (err) {
    errorBox.textContent = err.message;
    errorBox.hidden = false;
  }
}

document.querySelectorAll("button[data-status]").forEach((button) =>
  button.addEventListener("click", async () => {
    errorBox.hidden = true;
    try {
      const { event } = await api("PATCH", `/api/v1/events/${encodeURIComponent(code)}`, { status: button.dataset.status });
      document.getElementById("status").textContent = event.status;
    } catch (err) {
      errorBox.textContent = err.message;
      errorBox.hidden = false;
    }
  }),
);

connectLive({
  auth: { event: code, role: "organizer" },
  onResync: resync,
  indicator: document.getElementById("conn"),
  handlers: {
    stats: draw,
    event: (event) => { document.getElementById("status").textContent = event.status; },
  },
});
