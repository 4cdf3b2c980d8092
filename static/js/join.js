// The join form: tappable topic chips, and the capacity question only for people who give.
const form = document.getElementById("join-form");

// Not (or no longer) joined here: whatever this phone kept of a past profile for this event
// goes, even if a last answer from the server stored it again while "forget me" ran.
try {
  localStorage.removeItem("mixer:me:" + form.dataset.event);
} catch {
  /* storage disabled: nothing kept */
}

function tags(input) {
  return input.value.split(",").map((t) => t.trim()).filter(Boolean);
}

function syncChips() {
  for (const box of form.querySelectorAll("[data-chips]")) {
    const chosen = new Set(tags(form.elements[box.dataset.chips]).map((t) => t.toLowerCase()));
    for (const chip of box.querySelectorAll("button[data-topic]")) {
      chip.setAttribute("aria-pressed", String(chosen.has(chip.dataset.topic)));
    }
  }
}

function syncIntent() {
  const intent = form.elements.intent.value;
  for (const block of form.querySelectorAll("[data-for-givers]")) block.hidden = intent === "seek";
}

if (form) {
  form.addEventListener("click", (e) => {
    const chip = e.target.closest("button[data-topic]");
    if (!chip) return;
    const input = form.elements[chip.closest("[data-chips]").dataset.chips];
    const current = tags(input);
    const topic = chip.dataset.topic;
    const kept = current.filter((t) => t.toLowerCase() !== topic);
    input.value = (kept.length === current.length ? [...current, topic] : kept).join(", ");
    syncChips();
  });
  form.addEventListener("input", syncChips);
  form.addEventListener("change", syncIntent);
  syncChips();
  syncIntent();
}
