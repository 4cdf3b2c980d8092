// Registrations before the night: a ticketing tool's CSV previewed (nothing stored), its
// columns named by hand if need be, imported, then everyone sent their personal link.
import { $, el } from "../lib/dom.js";
import { api } from "../lib/http.js";
import { _, ngettext } from "../lib/i18n.js";
import { upload } from "../lib/upload.js";
import { chosenColumns, columnsComplete, hideColumns, offerColumns } from "./columns.js";
import { clearError, showError } from "./messages.js";
import { base } from "./page.js";

const SHOWN_PROBLEMS = 50;
let file = null;
let preview = null;
let mailReady = false;

const lang = document.documentElement.lang || "en";
const numbers = new Intl.NumberFormat(lang);
const number = (n) => numbers.format(n);
// "a, b, c": parts of one line, joined the language's way.
const list = (parts) => new Intl.ListFormat(lang, { type: "unit", style: "short" }).format(parts);
// How the columns read are named: the roles of columns.js.
const ROLE = { name: _("name"), email: _("email"), headline: _("headline") };

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
      if (share >= 1) $("reg-busy-text").textContent = _("Reading the file…");
    });
  } finally {
    busy(false);
  }
}

function drawProblems(problems) {
  const box = $("reg-problems");
  box.replaceChildren(
    ...problems.slice(0, SHOWN_PROBLEMS).map((p) => el("li", {}, el("strong", {}, _("Row %(row)s:", { row: p.row })), " ", p.message)),
  );
  const more = problems.length - SHOWN_PROBLEMS;
  if (more > 0) box.append(el("li", { class: "muted" }, ngettext("…and %(count)s more problem.", "…and %(count)s more problems.", more)));
  $("reg-problems-box").hidden = problems.length === 0;
  $("reg-valid-line").hidden = problems.length === 0;
}

function drawRows(rows) {
  $("reg-rows").replaceChildren(
    ...rows.map((r) =>
      el("tr", {}, el("td", { class: "num-cell" }, number(r.row)), el("td", {}, r.name), el("td", {}, r.email), el("td", {}, r.headline),
        el("td", {}, r.new ? _("new") : _("registered already"))),
    ),
  );
  $("reg-table").hidden = rows.length === 0;
}

function drawImportButton() {
  const problems = preview.problems.length;
  const allowed = problems === 0 || $("reg-valid-only").checked;
  const button = $("reg-import");
  button.textContent = preview.imported
    ? ngettext("Import %(count)s person", "Import %(count)s people", preview.imported)
    : _("Nothing new to import");
  button.disabled = !allowed || preview.imported === 0;
  $("reg-import-hint").textContent = allowed ? "" : _("Fix the rows above in the file and choose it again, or import the valid rows only.");
}

function drawPreview(answer) {
  preview = answer;
  $("reg-preview").hidden = false;
  if (answer.missing.length) {
    offerColumns(answer.headers, answer.mapping);
    $("reg-summary").textContent = _("Which column is which? This file's headers were not all recognised.");
    $("reg-table").hidden = true;
    $("reg-problems-box").hidden = true;
    $("reg-valid-line").hidden = true;
    $("reg-import-line").hidden = true;
    return;
  }
  const parts = [ngettext("%(count)s row: %(new)s new", "%(count)s rows: %(new)s new", answer.rows, { new: number(answer.imported) })];
  if (answer.unchanged) parts.push(ngettext("%(count)s registered already", "%(count)s registered already", answer.unchanged));
  if (answer.problems.length) parts.push(ngettext("%(count)s problem", "%(count)s problems", answer.problems.length));
  const used = Object.entries(answer.mapping).map(([role, header]) =>
    _("%(role)s ← “%(header)s”", { role: ROLE[role] || role.replace("_", " "), header }));
  $("reg-summary").textContent = `${list(parts)}.`;
  $("reg-mapping").textContent = _("Read as: %(columns)s.", { columns: list(used) });
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
    drawPreview(await sendFile({ preview: "1" }, _("Uploading…")));
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
    const answer = await sendFile({ valid_only: $("reg-valid-only").checked ? "1" : "0" }, _("Importing…"));
    const left = new Set(answer.problems.map((p) => p.row)).size;
    const unchanged = number(answer.unchanged);
    reset();
    $("reg-done").textContent = left
      ? ngettext(
        "Imported %(count)s person (%(unchanged)s registered already, %(left)s left out).",
        "Imported %(count)s people (%(unchanged)s registered already, %(left)s left out).",
        answer.imported,
        { unchanged, left: ngettext("%(count)s row", "%(count)s rows", left) },
      )
      : ngettext(
        "Imported %(count)s person (%(unchanged)s registered already).",
        "Imported %(count)s people (%(unchanged)s registered already).",
        answer.imported,
        { unchanged },
      );
    await refreshRegistrations();
  } catch (err) {
    if (err.data && err.data.problems) drawProblems(err.data.problems);
    showError($("reg-error"), err);
  }
}

function tile(label, n) {
  return el("li", {}, el("span", { class: "num" }, number(n)), el("span", { class: "label" }, label));
}

/** The counts by status, and whether invitations can be mailed. */
export async function refreshRegistrations() {
  try {
    const { counts, mail } = await api("GET", `${base}/registrations?limit=0`);
    mailReady = mail;
    const none = counts.total === 0;
    $("reg-empty").hidden = !none;
    $("reg-after").hidden = none;
    $("reg-count").textContent = none ? "" : `(${number(counts.total)})`;
    $("reg-counts").replaceChildren(tile(_("Registered"), counts.total), tile(_("Not joined yet"), counts.invited),
      tile(_("Joined by link"), counts.joined), tile(_("Arrived"), counts.arrived));
    $("reg-counts").hidden = none;
    $("reg-send").disabled = !mail;
    $("reg-mail-hint").textContent = mail
      ? _("Each person gets their personal link once; people invited before are skipped.")
      : _("Mail is not set up on this server (MIXER_SMTP_URL). Download the mail-merge CSV and send the links from your own mail tool.");
  } catch (err) {
    showError($("reg-error"), err);
  }
}

async function sendInvitations() {
  $("reg-send-confirm").hidden = true;
  clearError($("reg-error"));
  busy(true, _("Sending invitations…"));
  try {
    const { sent, skipped, failed } = await api("POST", `${base}/invitations`, {});
    $("reg-sent").textContent = skipped
      ? ngettext("Sent %(count)s invitation; %(before)s invited before.", "Sent %(count)s invitations; %(before)s invited before.",
        sent, { before: number(skipped) })
      : ngettext("Sent %(count)s invitation.", "Sent %(count)s invitations.", sent);
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
    if (!columnsComplete()) return showError($("reg-error"), _("Choose the name column and the email column."));
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
