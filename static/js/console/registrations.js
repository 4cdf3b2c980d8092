// Registrations before the night: a ticketing tool's CSV previewed (nothing stored), its
// columns named by hand if need be, imported, then everyone sent their personal link.
import { $, el } from "../lib/dom.js";
import { api } from "../lib/http.js";
import { upload } from "../lib/upload.js";
import { chosenColumns, columnsComplete, hideColumns, offerColumns } from "./columns.js";
import { clearError, showError } from "./messages.js";
import { base } from "./page.js";

const SHOWN_PROBLEMS = 50;
let file = null;
let preview = null;
let mailReady = false;

const plural = (n, one, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

function busy(on, text = "") {
  $("reg-busy").hidden = !on;
  $("reg-busy-text").textContent = text;
  $("reg-progress").removeAttribute("value");
  for (const id of ["reg-file", "reg-import", "reg-map-apply", "reg-send"]) $(id).disabled = on;
  if (!on) $("reg-send").disabled = !mailReady;
}

async function sendFile(query, text) {
  const params = new URLSearchParams(query);
  for (const [role, header] of Object.entries(chosenColumns())) params.set(role, header);
  busy(true, text);
  try {
    return await upload(`${base}/registrations?${params}`, file, "text/csv", (share) => {
      $("reg-progress").value = Math.round(share * 100);
      if (share >= 1) $("reg-busy-text").textContent = "Reading the file…";
    });
  } finally {
    busy(false);
  }
}

function drawProblems(problems) {
  const list = $("reg-problems");
  list.replaceChildren(
    ...problems.slice(0, SHOWN_PROBLEMS).map((p) => el("li", {}, el("strong", {}, `Row ${p.row}: `), p.message)),
  );
  if (problems.length > SHOWN_PROBLEMS) list.append(el("li", { class: "muted" }, `…and ${plural(problems.length - SHOWN_PROBLEMS, "more problem")}.`));
  $("reg-problems-box").hidden = problems.length === 0;
  $("reg-valid-line").hidden = problems.length === 0;
}

function drawRows(rows) {
  $("reg-rows").replaceChildren(
    ...rows.map((r) =>
      el("tr", {}, el("td", { class: "num-cell" }, r.row), el("td", {}, r.name), el("td", {}, r.email), el("td", {}, r.headline),
        el("td", {}, r.new ? "new" : "registered already")),
    ),
  );
  $("reg-table").hidden = rows.length === 0;
}

function drawImportButton() {
  const problems = preview.problems.length;
  const allowed = problems === 0 || $("reg-valid-only").checked;
  const button = $("reg-import");
  button.textContent = preview.imported ? `Import ${plural(preview.imported, "person", "people")}` : "Nothing new to import";
  button.disabled = !allowed || preview.imported === 0;
  $("reg-import-hint").textContent = allowed ? "" : "Fix the rows above in the file and choose it again, or import the valid rows only.";
}

function drawPreview(answer) {
  preview = answer;
  $("reg-preview").hidden = false;
  if (answer.missing.length) {
    offerColumns(answer.headers, answer.mapping);
    $("reg-summary").textContent = "Which column is which? This file's headers were not all recognised.";
    $("reg-table").hidden = true;
    $("reg-problems-box").hidden = true;
    $("reg-valid-line").hidden = true;
    $("reg-import-line").hidden = true;
    return;
  }
  const parts = [`${plural(answer.rows, "row")}: ${answer.imported.toLocaleString()} new`];
  if (answer.unchanged) parts.push(`${answer.unchanged.toLocaleString()} registered already`);
  if (answer.problems.length) parts.push(`${plural(answer.problems.length, "problem")}`);
  const used = Object.entries(answer.mapping).map(([role, header]) => `${role.replace("_", " ")} ← “${header}”`);
  $("reg-summary").textContent = `${parts.join(", ")}.`;
  $("reg-mapping").textContent = `Read as: ${used.join(", ")}.`;
  drawRows(answer.first);
  drawProblems(answer.problems);
  $("reg-valid-only").checked = false;
  $("reg-import-line").hidden = false;
  drawImportButton();
}

async function previewFile() {
  clearError($("reg-error"));
  $("reg-done").textContent = "";
  try {
    drawPreview(await sendFile({ preview: "1" }, "Uploading…"));
  } catch (err) {
    showError($("reg-error"), err);
  }
}

function reset() {
  preview = null;
  file = null;
  $("reg-file").value = "";
  $("reg-preview").hidden = true;
  hideColumns();
}

async function importFile() {
  clearError($("reg-error"));
  try {
    const answer = await sendFile({ valid_only: $("reg-valid-only").checked ? "1" : "0" }, "Importing…");
    const skipped = answer.problems.length ? `, ${plural(new Set(answer.problems.map((p) => p.row)).size, "row")} left out` : "";
    reset();
    $("reg-done").textContent = `Imported ${plural(answer.imported, "person", "people")} (${answer.unchanged.toLocaleString()} registered already${skipped}).`;
    await refreshRegistrations();
  } catch (err) {
    if (err.data && err.data.problems) drawProblems(err.data.problems);
    showError($("reg-error"), err);
  }
}

function tile(label, n) {
  return el("li", {}, el("span", { class: "num" }, n.toLocaleString()), el("span", { class: "label" }, label));
}

/** The counts by status, and whether invitations can be mailed. */
export async function refreshRegistrations() {
  try {
    const { counts, mail } = await api("GET", `${base}/registrations?limit=0`);
    mailReady = mail;
    const none = counts.total === 0;
    $("reg-empty").hidden = !none;
    $("reg-after").hidden = none;
    $("reg-count").textContent = none ? "" : `(${counts.total.toLocaleString()})`;
    $("reg-counts").replaceChildren(tile("Registered", counts.total), tile("Not joined yet", counts.invited),
      tile("Joined by link", counts.joined), tile("Arrived", counts.arrived));
    $("reg-counts").hidden = none;
    $("reg-send").disabled = !mail;
    $("reg-mail-hint").textContent = mail
      ? "Each person gets their personal link once; people invited before are skipped."
      : "Mail is not set up on this server (MIXER_SMTP_URL). Download the mail-merge CSV and send the links from your own mail tool.";
  } catch (err) {
    showError($("reg-error"), err);
  }
}

async function sendInvitations() {
  $("reg-send-confirm").hidden = true;
  clearError($("reg-error"));
  busy(true, "Sending invitations…");
  try {
    const { sent, skipped, failed } = await api("POST", `${base}/invitations`, {});
    const said = [`Sent ${plural(sent, "invitation")}`];
    if (skipped) said.push(`${skipped.toLocaleString()} invited before`);
    $("reg-sent").textContent = `${said.join("; ")}.`;
    $("reg-failed").replaceChildren(...failed.map((f) => el("li", {}, `${f.email}: ${f.message}`)));
    $("reg-failed").hidden = failed.length === 0;
  } catch (err) {
    showError($("reg-error"), err);
  } finally {
    busy(false);
    await refreshRegistrations();
  }
}

export function setupRegistrations() {
  $("reg-file").addEventListener("change", () => {
    file = $("reg-file").files[0] || null;
    hideColumns();
    if (file) previewFile();
  });
  $("reg-map-apply").addEventListener("click", () => {
    if (!columnsComplete()) return showError($("reg-error"), "Choose the name column and the email column.");
    previewFile();
  });
  $("reg-change-columns").addEventListener("click", () => preview && offerColumns(preview.headers, preview.mapping));
  $("reg-valid-only").addEventListener("change", drawImportButton);
  $("reg-import").addEventListener("click", importFile);
  $("reg-cancel").addEventListener("click", reset);
  $("reg-send").addEventListener("click", () => {
    $("reg-send-confirm").hidden = false;
    $("reg-send-yes").focus();
  });
  $("reg-send-no").addEventListener("click", () => ($("reg-send-confirm").hidden = true));
  $("reg-send-yes").addEventListener("click", sendInvitations);
  refreshRegistrations();
}
