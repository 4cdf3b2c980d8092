// How the console says a request went wrong, next to the control that sent it.
import { _ } from "../lib/i18n.js";

export const UNREACHABLE = _("Mixer could not be reached. Check this laptop's connection, then try again.");

export function problem(err) {
  if (!err.status) return UNREACHABLE;
  if (err.status === 401 || err.status === 403) return _("%(problem)s Then reload this page.", { problem: err.message });
  return err.message;
}

export function showError(box, err) {
  box.textContent = typeof err === "string" ? err : problem(err);
  box.hidden = false;
}

export function clearError(box) {
  box.hidden = true;
  box.textContent = "";
}
