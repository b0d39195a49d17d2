// People search in the real site's 2024-25 design with hashed classes (`--design hashed-2025`,
// issue #14): presence text in the photo link, hidden "View …'s profile" and degree labels. A
// couple of scenarios only; search.spec.js runs the whole journey on the current design.
import { test } from '../lib/fixtures.js';
import { expectCleanHoverCard, twentyFiveResults } from '../lib/search.js';

test.use({ design: 'hashed-2025' });

test('hashed-2025: 25 badges from one request, none on presence text, clean names in the hover card // proves P1, B4, P4', async ({ signedInPage: page, crm, ourUi, siteLook }) => {
  await twentyFiveResults(page, { crm, ourUi, siteLook });
  await expectCleanHoverCard(page, 'katherine-johnson', { ourUi, siteLook });
});
