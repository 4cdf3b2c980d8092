// The organizer console: one module per card of the page, in console/. Each control calls
// the JSON API; a saved change redraws the console from the event the server answers with.
import { $ } from "./lib/dom.js";
import { setupAliases } from "./console/aliases.js";
import { setupAnnouncements } from "./console/announce.js";
import { setupArrivals } from "./console/arrivals.js";
import { loadPeople, setupPeople } from "./console/people.js";
import { setupPeopleDetails } from "./console/person.js";
import { setupRebalance } from "./console/rebalance.js";
import { setupRegistrations } from "./console/registrations.js";
import { connectConsole } from "./console/resync.js";
import { drawEvent } from "./console/room.js";
import { setupRounds } from "./console/rounds.js";
import { setupSettings } from "./console/settings.js";
import { setupStatus } from "./console/status.js";
import { setupToken } from "./console/token.js";
import { setupTopics } from "./console/topics.js";

setupStatus(drawEvent);
setupSettings(drawEvent);
setupTopics();
setupAliases(drawEvent);
setupAnnouncements();
setupPeopleDetails($("waiting"), $("full"), $("people"));
setupPeople();
setupArrivals(loadPeople);
setupRounds();
setupRebalance();
setupToken();
setupRegistrations();
connectConsole();
