// People search in the real site's 2018 design (`--design member-id-2018`, issue #14): cards that
// link only by member id (`/in/ACoA…/`). A couple of scenarios only; search.spec.js runs the
// whole journey on the current design.
import { test, expect } from '../lib/fixtures.js';
import { MEMBER_ID_KNOWN, settled, expectOneBadgePerCard, twentyFiveResults } from '../lib/search.js';

test.use({ design: 'member-id-2018' });

test('member-id-2018: every card a badge by member id, one request, one more per batch // proves P1, B4, P4', async ({ signedInPage: page, crm, ourUi, siteLook }) => {
  await twentyFiveResults(page, { crm, ourUi, siteLook }, MEMBER_ID_KNOWN);
  await crm.resetStats();
  // A click as the site handles it, without the scroll that would also load more.
  await page.locator('main [data-more-results]').evaluate((button) => button.click());
  await expect(siteLook.results(page)).toHaveCount(35);
  await settled(page, 35, { ourUi, siteLook });
  await expectOneBadgePerCard(page, { ourUi, siteLook });
  await page.waitForTimeout(500);
  const stats = await crm.stats();
  expect(stats.lookup_requests).toBe(1);
  expect(stats.lookup_profiles).toBe(10);
});
