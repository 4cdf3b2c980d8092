// Mixer's JSON API from the browser: one request, with the API's error shape
// ({ error: { message, fields } }) turned into an Error that says what went wrong.

/** The API path of one event, and of what hangs below it ("/stats", "/rounds"…). */
export function eventApi(code, path = "") {
  return `/api/v1/events/${encodeURIComponent(code)}${path}`;
}

export async function api(method, path, body) {
  const options = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, options);
  } catch {
    // The browser's own words ("Failed to fetch", "NetworkError…") mean nothing to a person.
    const err = new Error("You're offline — try again when you're back.");
    err.offline = true;
    throw err;
  }
  const data = response.status === 204 ? {} : await response.json().catch(() => ({}));
  if (!response.ok) {
    const err = new Error((data.error && data.error.message) || `Request failed (${response.status})`);
    err.status = response.status;
    err.data = data;
    throw err;
  }
  return data;
}

/** The per-field messages of a refused request ({} when it named no field). */
export function fieldErrors(err) {
  return (err.data && err.data.error && err.data.error.fields) || {};
}
