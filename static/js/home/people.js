// "People I already know here": find someone, mark them as known (never introduced).
import { $, el, onClick } from "../lib/dom.js";
import { api } from "../lib/http.js";
import { _ } from "../lib/i18n.js";
import { current } from "./saved.js";

// A known person: their contact once both said yes to swapping (and both share), else my
// yes to give (the other side's yes may come by their code's page or this same button).
function known(p) {
  const said = "✓ " + _("Known");
  if (p.contact) {
    const c = p.contact;
    const line = [c.email, c.phone, c.profile_url].filter(Boolean).join(" · ");
    return el("span", { class: "known" }, said, el("span", { class: "contact muted" }, line));
  }
  if (p.swap_contact) return el("span", { class: "known" }, said, el("span", { class: "contact muted" }, _("Swap asked")));
  const state = current();
  if (!state || !state.attendee.share_contact) return el("span", { class: "known" }, said);
  return el("span", { class: "known" }, said + " ",
    el("button", { type: "button", class: "small", "data-swap": String(p.id) }, _("Swap contacts")));
}

export function setupPeople(eventQuery, onChange) {
  const box = $("people-box");
  const input = $("people-q");
  const list = $("people");
  let timer = null;

  async function load() {
    const q = encodeURIComponent(input.value.trim());
    try {
      const { people } = await api("GET", `/api/v1/me/people?${eventQuery}&q=${q}`);
      list.replaceChildren(
        ...(people.length
          ? people.map((p) =>
              el(
                "li",
                { "data-person": String(p.id) },
                el("span", {}, el("strong", {}, p.name), p.headline ? el("span", { class: "muted" }, " · " + p.headline) : null),
                p.known ? known(p) : el("button", { type: "button", class: "small", "data-know": String(p.id) }, _("I know them")),
              ),
            )
          : [el("li", { class: "muted" }, input.value ? _("Nobody by that name yet.") : _("Nobody else has joined yet."))]),
      );
    } catch (err) {
      list.replaceChildren(el("li", { class: "error" }, err.message));
    }
  }

  box.addEventListener("toggle", () => { if (box.open) load(); });
  onClick(list, "button[data-swap]", async (button) => {
    button.disabled = true;
    try {
      await api("POST", `/api/v1/me/known?${eventQuery}`, { attendee_id: Number(button.dataset.swap), swap_contact: true });
      await load();
    } catch (err) {
      button.disabled = false;
      list.prepend(el("li", { class: "error" }, err.message));
    }
  });
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(load, 250); });
  onClick(list, "button[data-know]", async (button) => {
    button.disabled = true;
    try {
      await api("POST", `/api/v1/me/known?${eventQuery}`, { attendee_id: Number(button.dataset.know) });
      await load();
      onChange();
    } catch (err) {
      button.disabled = false;
      list.prepend(el("li", { class: "error" }, err.message));
    }
  });
  return () => { if (box.open) load(); };
}
