// Tapping a suggested topic adds it to the last topic box used (seeks by default).
const form = document.getElementById("join-form");
if (form) {
  let target = form.elements.seeks;
  for (const name of ["offers", "seeks"]) {
    form.elements[name].addEventListener("focus", () => { target = form.elements[name]; });
  }
  form.addEventListener("click", (e) => {
    const chip = e.target.closest("button[data-topic]");
    if (!chip) return;
    const tags = target.value.split(",").map((t) => t.trim()).filter(Boolean);
    if (!tags.includes(chip.dataset.topic)) tags.push(chip.dataset.topic);
    target.value = tags.join(", ");
    chip.classList.add("picked");
  });
}
