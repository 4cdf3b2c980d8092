// Mixer's service worker, served as /sw.js (see mixer/pwa.py) so it controls every page.
// The server puts a digest of the shell's files into SHELL's name, so any change to them
// installs a fresh cache; bump v1 only when the logic below changes.
const SHELL = "mixer-shell-v2-__DIGEST__";
const PAGES = "mixer-pages-v1"; // pages opened online, kept across shell updates
const OFFLINE = "/offline";
const MAX_PAGES = 20;
// The server lists every style, script and icon under /static/ here, and every language's
// words for the scripts (/i18n/<lang>.json).
const SHELL_FILES = [OFFLINE, /* __SHELL_FILES__ */];

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL);
    // "reload": take the files from the server, not from the browser's HTTP cache.
    await cache.addAll(SHELL_FILES.map((url) => new Request(url, { cache: "reload" })));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name !== SHELL && name !== PAGES) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

// Live traffic, the API and downloads always go to the network, untouched.
function bypass(request, url) {
  return request.method !== "GET"
    || url.origin !== self.location.origin
    || url.pathname.startsWith("/socket.io/")
    || url.pathname.startsWith("/api/")
    || url.pathname.includes("export")
    || /\.(vcf|csv)$/i.test(url.pathname);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method === "DELETE" && url.pathname === "/api/v1/me") {
    event.waitUntil(caches.delete(PAGES)); // "forget me" also drops this phone's saved pages
  }
  if (bypass(request, url)) return;
  if (request.mode === "navigate") event.respondWith(page(event));
  else if (url.pathname.startsWith("/static/") || url.pathname.startsWith("/i18n/")) {
    event.respondWith(asset(event));
  }
});

// A page asks to be kept (its first load came before this worker took control). Only an
// attendee's home of this origin, fetched afresh with the phone's cookie.
self.addEventListener("message", (event) => {
  const wanted = event.data && event.data.keep;
  if (typeof wanted !== "string") return;
  const url = new URL(wanted, self.location.origin);
  if (url.origin !== self.location.origin || !url.pathname.startsWith("/e/")) return;
  event.waitUntil((async () => {
    try {
      const response = await fetch(url, { credentials: "same-origin", redirect: "error" });
      if (keepable(response)) await keep(new Request(url), response);
    } catch {
      // offline again already: the page stays as it was kept, if it was
    }
  })());
});

function keepable(response) {
  const noStore = /no-store/i.test(response.headers.get("Cache-Control") || "");
  return response.ok && response.type === "basic" && !noStore;
}

// Static files: from the cache when there, else from the network (and kept).
async function asset(event) {
  const cache = await caches.open(SHELL);
  const cached = await cache.match(event.request);
  if (cached) return cached;
  const response = await fetch(event.request);
  if (response.ok) event.waitUntil(cache.put(event.request, response.clone()));
  return response;
}

// Pages: from the network, keeping a copy; offline, the copy, else the offline page.
async function page(event) {
  try {
    const response = await fetch(event.request);
    if (keepable(response)) event.waitUntil(keep(event.request, response.clone()));
    return response;
  } catch {
    const options = { cacheName: PAGES, ignoreVary: true };
    // The same page with another query (?lang=…) beats the offline page.
    const cached = (await caches.match(event.request, options))
      || (await caches.match(event.request, { ...options, ignoreSearch: true }));
    return cached || (await caches.match(OFFLINE, { cacheName: SHELL })) || Response.error();
  }
}

async function keep(request, response) {
  const cache = await caches.open(PAGES);
  await cache.put(request, response);
  const keys = await cache.keys(); // oldest first
  await Promise.all(keys.slice(0, -MAX_PAGES).map((key) => cache.delete(key)));
}
