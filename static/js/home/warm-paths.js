// "Through people you know": people worth meeting whom someone we both know could
// introduce, and my other requests with where they stand. No section when there is none.
import { $, el } from "../lib/dom.js";
import { firstName } from "../lib/format.js";
import { _ } from "../lib/i18n.js";
import { bothKnow, sentTo, sentText, warmAsk } from "./warm-ask.js";

const MAX_PATHS = 5;
const drawn = new Map(); // key -> node: an unchanged item keeps its node (and its open form)

function reasons(label, items) {
  return items.length ? el("p", { class: "wifm" }, el("strong", {}, label + " "), items.join(", ")) : null;
}

function pathItem(path, sent) {
  const latest = sent[0];
  let state = null;
  if (path.asked) {
    const said = latest && latest.status === "asked" ? _("Asked %(name)s", { name: firstName(latest.via.name) }) : _("Asked");
    state = el("p", { class: "warm-state", role: "status" }, said);
  }
  return el(
    "li",
    { class: "warm-path", "data-warm-to": String(path.to.id) },
    el("h3", {}, path.to.name),
    path.to.headline ? el("p", { class: "muted" }, path.to.headline) : null,
    reasons(_("For you:"), path.for_you),
    reasons(_("For them:"), path.for_them) ||
      el(
        "p",
        { class: "muted" },
        _("A favour: nothing here for them yet, so %(name)s knows best if it's worth asking.", {
          name: firstName(path.via[0].name),
        }),
      ),
    bothKnow(path.via),
    state || warmAsk(path.to, path.via, sent, { short: true }),
  );
}

function sentItem(req) {
  return el(
    "li",
    { class: "warm-sent", "data-warm": String(req.id) },
    el("strong", {}, req.to.name),
    el("span", { class: "muted" }, " · " + sentText(req)),
  );
}

function kept(key, build) {
  const old = drawn.get(key);
  if (old) return old;
  const node = build();
  drawn.set(key, node);
  return node;
}

/** Draws the section from the state (GET /me); hidden when there is nothing to show. */
export function drawPaths(state, closed) {
  const me = state.attendee;
  const introduced = new Set(state.introductions.map((i) => i.other.id)); // their card says it
  const paths = (me.warm_paths || []).filter((p) => !introduced.has(p.to.id)).slice(0, MAX_PATHS);
  const shown = new Set([...introduced, ...paths.map((p) => p.to.id)]);
  const others = [];
  for (const req of me.warm_sent || []) {
    if (shown.has(req.to.id)) continue;
    shown.add(req.to.id); // the newest request to each person only
    if (sentText(req)) others.push(req);
  }
  const keep = new Map();
  const nodes = (list, keyOf, build) =>
    list.map((item) => {
      const key = keyOf(item);
      const node = kept(key, () => build(item));
      keep.set(key, node);
      return node;
    });
  const pathNodes = nodes(
    paths,
    (p) => JSON.stringify(["path", p, sentTo(state, p.to.id)]),
    (p) => pathItem(p, sentTo(state, p.to.id)),
  );
  const sentNodes = nodes(others, (r) => JSON.stringify(["sent", r]), sentItem);
  drawn.clear();
  for (const [key, node] of keep) drawn.set(key, node);
  fill($("warm-paths"), pathNodes);
  fill($("warm-sent"), sentNodes);
  $("warm-paths").hidden = pathNodes.length === 0;
  $("warm-sent").hidden = sentNodes.length === 0;
  $("warm-box").hidden = closed || pathNodes.length + sentNodes.length === 0;
}

/** Replaces a list's items only when they changed, so a finger on a button keeps it. */
export function fill(list, nodes) {
  const same = list.children.length === nodes.length && nodes.every((n, i) => list.children[i] === n);
  if (!same) list.replaceChildren(...nodes);
}
