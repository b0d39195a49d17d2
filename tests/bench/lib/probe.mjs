// In-page timing, installed with `page.addInitScript` (main world, before the site's scripts).
// Times are `performance.now()`: ms since the navigation started (`performance.timeOrigin`).
// A MutationObserver finds our badge hosts (`[data-talent-bridge]`, inserted by the isolated
// world), then watches each host's open shadow root for the badge's `data-state` to leave
// "checking". A MutationObserver callback runs at the next microtask checkpoint after the DOM
// change, so a time here is "the DOM shows the answer" (the paint follows within a frame).

/** Runs in the page. Results accumulate in `window.__tbBench`. */
export function probe() {
  const now = () => performance.now();
  const bench = {
    hostAt: [], // each badge host's insertion
    checkingAt: null, // first badge seen in "checking"
    finals: [], // { t, state } per badge, when it first leaves "checking"
    exportStartAt: null, // click on [data-tb="export-start"]
    exportDoneAt: null, // progress "done" or the contact link
    exportErrorAt: null,
    exportError: null,
  };
  window.__tbBench = bench;
  const waiters = [];
  bench.whenFinals = (count, timeoutMs) =>
    new Promise((resolve) => {
      const check = () => bench.finals.length >= count;
      if (check()) return resolve(true);
      const timer = setTimeout(() => resolve(false), timeoutMs);
      waiters.push(() => {
        if (!check()) return false;
        clearTimeout(timer);
        resolve(true);
        return true;
      });
    });
  const wake = () => {
    for (let i = waiters.length - 1; i >= 0; i--) if (waiters[i]()) waiters.splice(i, 1);
  };

  const finalSeen = new WeakSet();
  const scan = (root) => {
    const t = now();
    for (const badge of root.querySelectorAll('[data-tb="badge"]')) {
      const state = badge.getAttribute('data-state');
      if (state === 'checking') {
        if (bench.checkingAt === null) bench.checkingAt = t;
      } else if (state && !finalSeen.has(badge)) {
        finalSeen.add(badge);
        bench.finals.push({ t, state });
      }
    }
    if (bench.exportStartAt !== null && bench.exportDoneAt === null) {
      if (root.querySelector('[data-tb="progress"] [data-step="done"][data-status="done"], [data-tb="contact-link"]')) {
        bench.exportDoneAt = t;
      } else if (bench.exportErrorAt === null) {
        const error = root.querySelector('[data-tb="export-error"]');
        if (error) {
          bench.exportErrorAt = t;
          bench.exportError = error.textContent;
        }
      }
    }
    wake();
  };

  const watched = new WeakSet();
  const watchHost = (host, tries = 0) => {
    if (watched.has(host)) return;
    const root = host.shadowRoot;
    if (!root) {
      // The shadow root is attached right after insertion; look again shortly if not yet.
      if (tries < 50) setTimeout(() => watchHost(host, tries + 1), 2);
      return;
    }
    watched.add(host);
    bench.hostAt.push(now());
    new MutationObserver(() => scan(root)).observe(root, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-state', 'data-status'],
    });
    root.addEventListener(
      'click',
      (event) => {
        if (event.composedPath().some((el) => el.getAttribute?.('data-tb') === 'export-start')) {
          bench.exportStartAt = now();
        }
      },
      true,
    );
    scan(root);
  };

  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        if (node.hasAttribute('data-talent-bridge')) watchHost(node);
        else if (node.firstElementChild) node.querySelectorAll('[data-talent-bridge]').forEach((h) => watchHost(h));
      }
    }
  }).observe(document, { childList: true, subtree: true });
}
