// Service worker of 履职自评: the app shell cached under a version, so the app opens offline after
// one visit. A new version waits until the page asks it to take over (the user's 更新 click);
// drafts live in localStorage and are never touched here.
const VERSION = '__VERSION__';
const SHELL = __SHELL__;
const CACHE = `lvzhi-shell-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('lvzhi-shell-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const cached = await cache.match(request, { ignoreSearch: true })
        ?? (request.mode === 'navigate' ? await cache.match('./index.html') : undefined);
      if (cached) return cached;
      return fetch(request);
    }),
  );
});
