// In-page timing, installed with `page.addInitScript` (main world, before the site's scripts).
// Times are `performance.now()`: ms since the navigation started (`performance.timeOrigin`).
// The badges' shadow roots are closed to the page (issue #16), so the watching is done by the
// bench's probe extension (../probe-extension/probe.js, loaded in every variant): a
// MutationObserver there finds the badge hosts (`[data-talent-bridge]`), watches each host's root
// for the badge's `data-state` to leave "checking", and tells this script at once (a `tb-bench`
// event). A MutationObserver callback runs at the next microtask checkpoint after the DOM change,
// so a time here is "the DOM shows the answer" (the paint follows within a frame).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The probe extension, loaded beside the measured extension in every variant's browser. */
export const PROBE_EXTENSION = path.join(import.meta.dirname, '..', 'probe-extension');

/**
 * Its origin, from the manifest's `key` (Chrome's id: the key's SHA-256, first 32 hex digits
 * written a–p). The cost and memory figures leave this origin's scripts out.
 */
export const PROBE_ORIGIN = (() => {
  const { key } = JSON.parse(fs.readFileSync(path.join(PROBE_EXTENSION, 'manifest.json'), 'utf8'));
  const hex = crypto.createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex').slice(0, 32);
  return `chrome-extension://${[...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('')}`;
})();

/** Runs in the page. Results accumulate in `window.__tbBench`. */
export function probe() {
  const bench = {
    hostAt: [], // each badge host's insertion
    checkingAt: null, // first badge seen in "checking"
    finals: [], // { t, state } per badge, when it first shows an answer (leaves "checking", or goes in with one)
    exportStartAt: null, // click on [data-tb="export-start"]
    exportDoneAt: null, // progress "done" or the contact link
    exportErrorAt: null,
    exportError: null,
    cards: [], // { enterAt, t }: the pointer's arrival on a badge, its hover card visible
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

  // What the bench's probe extension (../probe-extension) saw inside the badges' shadow roots:
  // ours are closed, and no script of the page can look in (issue #16).
  document.addEventListener('tb-bench', (event) => {
    let seen;
    try {
      seen = JSON.parse(event.detail);
    } catch {
      return;
    }
    const { kind, t } = seen;
    if (kind === 'host') bench.hostAt.push(t);
    else if (kind === 'checking' && bench.checkingAt === null) bench.checkingAt = t;
    else if (kind === 'final') bench.finals.push({ t, state: seen.state });
    else if (kind === 'card-shown') bench.cards.push({ enterAt: seen.enterAt, t });
    else if (kind === 'export-start' && bench.exportStartAt === null) bench.exportStartAt = t;
    else if (kind === 'export-done' && bench.exportDoneAt === null) bench.exportDoneAt = t;
    else if (kind === 'export-error' && bench.exportErrorAt === null) {
      bench.exportErrorAt = t;
      bench.exportError = seen.error;
    }
    wake();
  });
}
