// Which event this console is for, and its API path, as the server rendered the page.
import { $ } from "../lib/dom.js";
import { eventApi } from "../lib/http.js";

export const root = $("console");
export const code = root.dataset.event;
export const base = eventApi(code);
