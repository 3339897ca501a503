// Mostrador service worker (generated at build time from pwa/serviceWorkerTemplate.js).
// Precaches the app shell so the till opens with no network; never touches /api.
const VERSION = "__MOSTRADOR_VERSION__";
const PRECACHE_URLS = __MOSTRADOR_PRECACHE__;
const CACHE_PREFIX = "mostrador-shell-";
const CACHE_NAME = `${CACHE_PREFIX}${VERSION}`;
const APP_SHELL_URL = "/index.html";

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE_NAME)
      .then((cache) => cache.addAll(PRECACHE_URLS.map((url) => new Request(url, { cache: "reload" })))),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((key) => key.startsWith(CACHE_PREFIX) && key !== CACHE_NAME).map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
  if (event.data && event.data.type === "GET_VERSION") event.source?.postMessage({ type: "VERSION", version: VERSION });
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // The API is always live: never answered from or stored in a cache.
  if (url.pathname === "/api" || url.pathname.startsWith("/api/")) return;

  if (request.mode === "navigate") {
    event.respondWith(
      caches
        .open(CACHE_NAME)
        .then((cache) => cache.match(APP_SHELL_URL, { ignoreVary: true }))
        .then((cached) => cached || fetch(request)),
    );
    return;
  }
  event.respondWith(
    caches
      .open(CACHE_NAME)
      .then((cache) => cache.match(request, { ignoreSearch: true, ignoreVary: true }))
      .then((cached) => cached || fetch(request)),
  );
});
