// The bench's eyes inside the badges' shadow roots. Ours are closed (issue #16): the page's own
// scripts, and so the bench's in-page probe (lib/probe.mjs), get `null` for them. A content
// script may ask `chrome.dom.openOrClosedShadowRoot`; this one, loaded in every variant's browser,
// watches each badge host's root and tells the in-page probe what it saw and when, as a
// `tb-bench` event on the document (`performance.now()` is one clock for both worlds). Never shipped.
const tell = (kind, fields = {}) =>
  document.dispatchEvent(new CustomEvent('tb-bench', { detail: JSON.stringify({ kind, t: performance.now(), ...fields }) }));

const finalSeen = new WeakSet();
let checkingSeen = false;
let exportStarted = false;
let exportOver = false;
const scan = (root) => {
  for (const badge of root.querySelectorAll('[data-tb="badge"]')) {
    const state = badge.getAttribute('data-state');
    if (state === 'checking') {
      if (!checkingSeen) tell('checking');
      checkingSeen = true;
    } else if (state && !finalSeen.has(badge)) {
      finalSeen.add(badge);
      tell('final', { state });
    }
  }
  if (exportStarted && !exportOver) {
    if (root.querySelector('[data-tb="progress"] [data-step="done"][data-status="done"], [data-tb="contact-link"]')) {
      exportOver = true;
      tell('export-done');
    } else {
      const error = root.querySelector('[data-tb="export-error"]');
      if (error) {
        exportOver = true;
        tell('export-error', { error: error.textContent });
      }
    }
  }
};

const watched = new WeakSet();
const watchHost = (host, tries = 0) => {
  if (watched.has(host)) return;
  const root = chrome.dom.openOrClosedShadowRoot(host);
  if (!root) {
    // The shadow root is attached right after insertion; look again shortly if not yet.
    if (tries < 50) setTimeout(() => watchHost(host, tries + 1), 2);
    return;
  }
  watched.add(host);
  tell('host');
  new MutationObserver(() => scan(root)).observe(root, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-state', 'data-status'],
  });
  root.addEventListener(
    'click',
    (event) => {
      if (!exportStarted && event.composedPath().some((el) => el.getAttribute?.('data-tb') === 'export-start')) {
        exportStarted = true;
        tell('export-start');
      }
    },
    true,
  );
  // The hover card (figures/badge.mjs): from the pointer's arrival on the badge to the first
  // frame that shows the card. CSS shows it on hover, with no DOM change to observe: looked at
  // in every frame's animation callbacks, from the next one on.
  host.addEventListener('mouseenter', (event) => {
    if (!event.isTrusted) return;
    const enterAt = performance.now();
    const look = () => {
      const card = root.querySelector('[data-tb="hover-card"]');
      const box = card?.getBoundingClientRect();
      if (card && box.width > 0 && box.height > 0 && card.checkVisibility({ visibilityProperty: true })) {
        tell('card-shown', { enterAt });
      } else if (host.matches(':hover') && performance.now() - enterAt < 10_000) {
        requestAnimationFrame(look);
      }
    };
    requestAnimationFrame(look);
  });
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
