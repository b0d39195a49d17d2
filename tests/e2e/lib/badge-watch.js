// Where our badges are and what they say, read from inside the page. The person a badge is about
// is the one named by the element just before its host: the name link of a search card or a
// top card, or (a name heading without a link) its text mapped through `names`.
// (The page functions below repeat that rule: they run in the page, where nothing is imported.)

/** Every badge in the page: `{ slug, state, card }` (card: inside a result list item). */
export function placed(page, names = {}) {
  return page.evaluate((names) => {
    const personOf = (el) => {
      if (!el) return null;
      const href = el.getAttribute('href');
      if (href && href.includes('/in/')) return decodeURIComponent(new URL(href, location.href).pathname.split('/')[2]);
      return names[el.textContent.trim()] || null;
    };
    return [...document.querySelectorAll('[data-talent-bridge]')].map((host) => {
      const badge = host.shadowRoot && host.shadowRoot.querySelector('[data-tb="badge"]');
      return { slug: personOf(host.previousElementSibling), state: badge && badge.dataset.state, card: !!host.closest('li') };
    });
  }, names);
}

/**
 * Watches the page every animation frame, from the next navigation on, for a badge showing a
 * known person's wrong state (a stale answer) or two badges beside one name. `allowed` lists
 * states that are never wrong (`checking`, and `unreadable` where the design may defeat us).
 */
export async function watchForWrongBadges(page, known, { names = {}, allowed = ['checking'] } = {}) {
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
        for (const host of document.querySelectorAll('[data-talent-bridge]')) {
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

/** What the watcher saw go wrong (`undefined` if it never ran). */
export const wrongBadges = (page) => page.evaluate(() => window.__tbWrong);
