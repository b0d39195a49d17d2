// What the content script does for our extension pages that read the site's page from outside it
// (frame mode's reader and badge frames, the side panel): a copy of the page to read, and the
// site's answers with the page's own session (DESIGN.md §2, §5). Nothing here changes the page.
export const LINKS = 'a[href*="/in/"]';

// The copy has no layout: profile links the user does not see (web_dom.rs's rule) are marked in
// the copy, which the page never sees (PRODUCT.md S5).
const empty = (el, box = el.getBoundingClientRect()) => box.width <= 0 || box.height <= 0;
const clips = (el) => empty(el) && getComputedStyle(el).overflow.split(' ').some((v) => v !== 'visible');
const above = (el, n = 16) => (n && el.parentElement ? [el.parentElement, ...above(el.parentElement, n - 1)] : []);
const seen = (el) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) && !empty(el) && !above(el).some(clips);
export const copy = (max, page = document.documentElement.cloneNode(true), live = document.querySelectorAll(LINKS)) => {
  page.querySelectorAll(LINKS).forEach((a, i) => live[i] && !seen(live[i]) && a.setAttribute('data-tb-hidden', ''));
  return [page.outerHTML].find((html) => html.length <= max) ?? null;
};

// The element at `path` (element-child indexes from <html>), as in the copy that was read.
export const at = (path) => path.reduce((el, i) => el?.children[i], document.documentElement);

// A request to the site (DESIGN.md §5): same origin, the page's cookies, any status.
export const answer = async (ask, tags = [...document.querySelectorAll('script, code')]) => {
  if (ask.kind === 'cookies') return { kind: 'cookies', cookies: document.cookie };
  if (ask.kind === 'sources') return { kind: 'sources', bundles: tags.filter((e) => e.src).map((e) => e.src), inline: tags.filter((e) => !e.src).map((e) => e.textContent) };
  if (ask.kind !== 'fetch') return { kind: 'unanswered' };
  const response = await fetch(new URL(ask.url, location.href), { method: ask.method, headers: Object.fromEntries(ask.headers), body: ask.body, credentials: 'include' });
  const bytes = Number(response.headers.get('content-length')) > ask.max ? null : await response.bytes();
  if (!bytes || bytes.length > ask.max) return { kind: 'too_large' };
  return { kind: 'fetched', status: response.status, content_type: response.headers.get('content-type') || '', final_url: response.url, body: bytes.toBase64() };
};
