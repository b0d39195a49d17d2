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

/**
 * A card's link to `slug`'s profile by name (not the photo's hidden link). The next design adds a
 * query string to it, so the path is matched, not the end of the address.
 */
export const nameLink = (scope, slug) => scope.locator(`a[href*="/in/${slug}/"]:not([aria-hidden])`);

/** The site's parts in `design` ('current' | 'next'). */
export function designHelpers(design) {
  const next = design === 'next';
  // The search result cards: list items with roles in the current design; in the next, plain
  // `li`s (the site's classes are hashed) around the site's `data-view-name` hook.
  const results = (page) =>
    page.locator(next ? 'main li:has([data-view-name="search-entity-result"])' : 'main ul[role="list"] > li');
  return {
    next,
    NAMES,
    /** The profile's name heading: an `h2` in the current design, an `h1` in the next. */
    profileName: (page) => page.locator(next ? 'main h1' : 'main h2').first(),
    results,
    nameLink,
    /** The search result card of `slug`. */
    cardOf: (page, slug) => results(page).filter({ has: nameLink(page, slug) }),
  };
}
