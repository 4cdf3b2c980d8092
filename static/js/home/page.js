// Which event and which person this home is for, as the server rendered the page.
import { $ } from "../lib/dom.js";

export const root = $("home");
export const code = root.dataset.event;
export const me = root.dataset.me;
export const eventQuery = "event=" + encodeURIComponent(code);
