// The label, hint and "(optional)" of each topic field follow the intent, on the join form
// and in the home's profile (the wording table is rendered by the server into
// data-wording, so both pages say the same).
export function wordTopicFields(root, intent) {
  for (const field of root.querySelectorAll("[data-wording]")) {
    const wording = JSON.parse(field.dataset.wording);
    const words = wording[intent] || wording[""];
    field.querySelector("[data-label]").textContent = words.label;
    field.querySelector("[data-hint]").textContent = words.hint;
    field.querySelector("[data-optional]").hidden = !words.optional;
  }
}
