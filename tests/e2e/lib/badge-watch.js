// Where our badges are and what they say, read from inside the page. The person a badge is about
// is the one named by the element just before its host: the name link of a search card or a
// top card, or (a name heading without a link) its text mapped through `names` (by default the
// fixture site's people, lib/design.js).
// (The page functions below repeat that rule: they run in the page, where nothing is imported.)

import { STRICT_CSP } from './servers.js';
import { NAMES } from './design.js';

const HOSTS = '[data-talent-bridge="badge"]';

/** Every badge in the page: `{ slug, state, card }` (card: inside a result list item). */
export async function placed(page, names = NAMES) {
  if (!STRICT_CSP) return placedHere(page, names);
  // Frame mode: the page knows where each badge frame is; each frame, what its badge says. Both
  // are read through the same host element, so a page that changes meanwhile cannot pair one
  // host's place with another's state.
  const hosts = await page.locator(HOSTS).elementHandles();
  const out = await Promise.all(
    hosts.map(async (host) => {
      const where = await host.evaluate(describe, names).catch(() => null);
      const frame = await host.evaluateHandle((h) => h.shadowRoot && h.shadowRoot.querySelector('iframe')).catch(() => null);
      const content = frame && (await frame.asElement()?.contentFrame().catch(() => null));
      const state = content
        ? await content.evaluate(() => {
            const host = document.querySelector('[data-talent-bridge]');
            const badge = host && host.shadowRoot && host.shadowRoot.querySelector('[data-tb="badge"]');
            return badge ? badge.dataset.state : null;
          }).catch(() => null)
        : null;
      return where && { ...where, state };
    }),
  );
  return out.filter(Boolean);
}

/** Where a badge's host is, and whose it is (runs in the page). */
function describe(host, names) {
  const personOf = (el) => {
    if (!el) return null;
    const href = el.getAttribute('href');
    if (href && href.includes('/in/')) return decodeURIComponent(new URL(href, location.href).pathname.split('/')[2]);
    return names[el.textContent.trim()] || null;
  };
  const pathOf = (el) => {
    const steps = [];
    for (; el && el.parentElement; el = el.parentElement) steps.push([...el.parentElement.children].indexOf(el));
    return steps.join('/');
  };
  const before = host.previousElementSibling;
  return { slug: personOf(before), card: !!host.closest('li'), before: pathOf(before), besideText: before && before.textContent.trim() };
}

/** How many badges have settled (not `checking`), in either mode. */
export async function settledCount(page) {
  return (await placed(page)).filter((b) => b.state && b.state !== 'checking').length;
}

function placedHere(page, names) {
  return page.evaluate((names) => {
    const personOf = (el) => {
      if (!el) return null;
      const href = el.getAttribute('href');
      if (href && href.includes('/in/')) return decodeURIComponent(new URL(href, location.href).pathname.split('/')[2]);
      return names[el.textContent.trim()] || null;
    };
    return [...document.querySelectorAll('[data-talent-bridge="badge"]')].map((host) => {
      const badge = host.shadowRoot && host.shadowRoot.querySelector('[data-tb="badge"]');
      const pathOf = (el) => {
        const steps = [];
        for (; el && el.parentElement; el = el.parentElement) steps.push([...el.parentElement.children].indexOf(el));
        return steps.join('/');
      };
      const before = host.previousElementSibling;
      return {
        slug: personOf(before),
        state: badge && badge.dataset.state,
        card: !!host.closest('li'),
        before: pathOf(before),
        besideText: before && before.textContent.trim(),
      };
    });
  }, names);
}

/**
 * Watches the page every animation frame, from the next navigation on, for a badge showing a
 * known person's wrong state (a stale answer) or two badges beside one name. `allowed` lists
 * states that are never wrong (`checking`, and `unreadable` where the design may defeat us).
 */
export async function watchForWrongBadges(page, known, { names = NAMES, allowed = ['checking'] } = {}) {
  if (STRICT_CSP) {
    // Frame mode: the page cannot read the badge frames, so the test looks, as often as it can.
    const wrong = [];
    framedWrong.set(page, wrong);
    (async () => {
      while (!page.isClosed()) {
        const seen = await placed(page, names).catch(() => []);
        const path = await page.evaluate(() => location.pathname).catch(() => '');
        const beside = new Set();
        for (const { slug, state, before } of seen) {
          if (before && beside.has(before)) wrong.push(`two badges beside ${before}`);
          beside.add(before);
          if (slug && known[slug] && state && !allowed.includes(state) && state !== known[slug]) {
            wrong.push(`${slug} showed ${state} at ${path}`);
          }
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    return;
  }
  await page.addInitScript(
    ([known, names, allowed]) => {
      const personOf = (el) => {
        if (!el) return null;
        const href = el.getAttribute('href');
        if (href && href.includes('/in/')) return decodeURIComponent(new URL(href, location.href).pathname.split('/')[2]);
        return names[el.textContent.trim()] || null;
      };
      window.__tbWrong = [];
      const look = () => {
        const seen = new Set();
        for (const host of document.querySelectorAll('[data-talent-bridge="badge"]')) {
          const before = host.previousElementSibling;
          if (seen.has(before)) window.__tbWrong.push(`two badges beside ${before && before.textContent}`);
          seen.add(before);
          const slug = personOf(before);
          const badge = host.shadowRoot && host.shadowRoot.querySelector('[data-tb="badge"]');
          const state = badge && badge.dataset.state;
          if (slug && known[slug] && state && !allowed.includes(state) && state !== known[slug]) {
            window.__tbWrong.push(`${slug} showed ${state} at ${location.pathname}`);
          }
        }
        requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    },
    [known, names, allowed],
  );
}

const framedWrong = new WeakMap();

/** What the watcher saw go wrong (`undefined` if it never ran). */
export const wrongBadges = (page) =>
  STRICT_CSP ? Promise.resolve(framedWrong.get(page)) : page.evaluate(() => window.__tbWrong);
