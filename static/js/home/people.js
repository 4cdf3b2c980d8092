// "People I already know here": find someone, mark them as known (never introduced).
import { $, el, onClick } from "../lib/dom.js";
import { api } from "../lib/http.js";

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
                p.known
                  ? el("span", { class: "known" }, "✓ Known")
                  : el("button", { type: "button", class: "small", "data-know": String(p.id) }, "I know them"),
              ),
            )
          : [el("li", { class: "muted" }, input.value ? "Nobody by that name yet." : "Nobody else has joined yet.")]),
      );
    } catch (err) {
      list.replaceChildren(el("li", { class: "error" }, err.message));
    }
  }

  box.addEventListener("toggle", () => { if (box.open) load(); });
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
}
