// Watches our badges for a stale answer, from the test's side: `badgesOf` (lib/our-ui.js) reads
// every badge, in either mode, over CDP, with the person it is for (the one named by the element
// just before its host: a name link, or a name heading's text mapped through `names`, by default
// the fixture site's people, lib/design.js). Nothing runs in the page's world: our shadow roots
// are closed to it.

import { badgesOf } from './our-ui.js';
import { NAMES } from './design.js';

/** Pause between two looks: modest, so that a frame-mode page of 35 badges does not starve the machine. */
const EVERY_MS = 100;

const watches = new WeakMap();

/**
 * Watches the page from now on, one look at a time (never two at once), for a badge showing a
 * known person's wrong state (a stale answer) or two badges beside one element. `known` maps a
 * public id to its right state; `allowed` lists states that are never wrong (`checking`, and
 * `unreadable` where the design may defeat us). The watch ends with the page.
 */
export async function watchForWrongBadges(page, known, { names = NAMES, allowed = ['checking'] } = {}) {
  // `started`/`done`: how many looks began and ended; `waiters`: `wrongBadges` calls waiting for one.
  const watch = { wrong: [], started: 0, done: 0, waiters: [] };
  watches.set(page, watch);
  (async () => {
    while (!page.isClosed()) {
      watch.started += 1;
      try {
        const seen = await badgesOf(page, names);
        const path = new URL(page.url()).pathname;
        const beside = new Set();
        for (const { slug, state, before } of seen) {
          if (before && beside.has(before)) watch.wrong.push(`two badges beside ${before} at ${path}`);
          beside.add(before);
          if (slug && known[slug] && state && !allowed.includes(state) && state !== known[slug]) {
            watch.wrong.push(`${slug} showed ${state} at ${path}`);
          }
        }
      } catch {
        // A page navigating or closing between two CDP calls: the next look sees it.
      }
      watch.done += 1;
      watch.waiters = watch.waiters.filter((w) => (watch.done >= w.need ? (w.resolve(), false) : true));
      await new Promise((r) => setTimeout(r, EVERY_MS));
    }
    for (const w of watch.waiters.splice(0)) w.resolve();
  })();
}

/**
 * What the watcher saw go wrong (`undefined` if it never ran), once it has looked at the page as
 * it is now (a look started after this call).
 */
export async function wrongBadges(page) {
  const watch = watches.get(page);
  if (!watch) return undefined;
  if (!page.isClosed()) {
    // A look in progress may have begun before the call: wait for the one after it.
    const need = watch.started + 1;
    await new Promise((resolve) => watch.waiters.push({ need, resolve }));
  }
  return [...watch.wrong];
}
