// Where the tests find the site's own parts (a profile's name, the search result cards, a card's
// name link) in the design the fixture site renders: the `design-next` project (and
// design-next.spec.js) run against the second design (issue #4), where the same people come in
// another structure. The extension itself is never told the design; only the tests' own
// selectors follow it. Specs get these through the `siteLook` fixture (lib/fixtures.js).

import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './servers.js';

/**
 * The fixture site's named people, name → public id (from the site's own `people.json`), for a
 * name heading without a link (the next design's profile): the badge watcher then knows the
 * person by the heading's text.
 */
export const NAMES = Object.fromEntries(
  JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/site/people.json'), 'utf8')).people.map((p) => [p.name, p.public_id]),
);

/** The presence indicator's hidden text in the site's languages (`--lang en|fr|de`). */
const PRESENCE = /^\s*(Status is|Le statut est|Status ist)/;

/**
 * A card's link to `slug`'s profile by name: not the photo's (`aria-hidden`, without text, or
 * holding only the presence indicator's hidden text) nor the empty overlay links the current
 * design lays over a card, nor a mutual connection's link to that person from another card. The next design adds a query
 * string to it, so the path is matched, not the end of the address; the 2018 design links by
 * member id, so there `slug` is one.
 */
export const nameLink = (scope, slug) => scope.locator(`a[href*="/in/${slug}/"]:not([aria-hidden]):not([data-view-name="search-result-social-proof-insight"])`).filter({ hasText: /\S/ })
    .filter({ hasNotText: PRESENCE });

/** The pager's words in the site's languages (`--lang`, tests/site/src/lang.rs). */
const PAGER = {
  en: { nav: 'Pagination', page: 'Page' },
  fr: { nav: 'Pagination', page: 'Page' },
  de: { nav: 'Seitennummerierung', page: 'Seite' },
};

/**
 * The search result cards (person cards only: never an upsell or an empty slot) in each design:
 * `role=listitem`s in the current (2025-12) design; plain `li`s around the site's
 * `data-view-name` hooks in the next and the 2025 hashed-class designs; in the 2018 design the
 * `li`s whose `h3` names someone.
 */
const RESULTS = {
  current: 'main [role="list"] [role="listitem"]',
  next: 'main li:has([data-view-name="search-entity-result"])',
  'hashed-2025': 'main li:has([data-view-name="search-entity-result-universal-template"])',
  'member-id-2018': 'main ul > li:has(h3)',
};

/**
 * The site's parts in `design` ('current' | 'next' | 'hashed-2025' | 'member-id-2018') and
 * interface language `lang` ('en' | 'fr' | 'de').
 */
export function designHelpers(design, lang = 'en') {
  const next = design === 'next';
  const results = (page) => page.locator(RESULTS[design] || RESULTS.current);
  return {
    next,
    NAMES,
    /** The profile's name heading: an `h2` in the current design (and the search-only variants), an `h1` in the next. */
    profileName: (page) => page.locator(next ? 'main h1' : 'main h2').first(),
    results,
    nameLink,
    /** The pager's link to page `n`, by the names the site gives it in its language. */
    pageLink: (page, n) => {
      const words = PAGER[lang] || PAGER.en;
      return page.locator(`nav[aria-label="${words.nav}"] a[aria-label="${words.page} ${n}"]`);
    },
    /** The search result card of `slug`. */
    cardOf: (page, slug) => results(page).filter({ has: nameLink(page, slug) }),
  };
}
