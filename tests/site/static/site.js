// The fixture site's own script: a tiny single-page app like the real one. Same-origin
// links and the search form load the next page's <main> as a fragment (x-fragment: 1),
// push the URL, clear <main>, then fill it 50-150 ms later (a loading skeleton), so
// extensions see the URL change before the content and a half-built DOM in between.
(() => {
  'use strict';
  const SPA_PATHS = [/^\/feed\/?/, /^\/in\//, /^\/search\/results\//, /^\/jobs\/?/, /^\/company\//, /^\/messaging\/?/];
  let generation = 0;
  // Every element the site rendered: its hostile mode (hostile.js) tells them from what others
  // insert, as a site that watches its pages for extensions does.
  const owned = (window.__siteOwned = window.__siteOwned || new WeakSet());
  const own = (root) => {
    if (!root) return;
    owned.add(root);
    for (const el of root.querySelectorAll('*')) owned.add(el);
  };
  own(document.documentElement);

  const main = () => document.querySelector('main');
  const spaUrl = (href) => {
    let url;
    try { url = new URL(href, location.href); } catch { return null; }
    if (url.origin !== location.origin) return null;
    return SPA_PATHS.some((re) => re.test(url.pathname)) ? url : null;
  };

  async function navigate(url, push) {
    const mine = ++generation;
    if (push) history.pushState({ spa: true }, '', url.href);
    let response;
    try {
      response = await fetch(url.href, { headers: { 'x-fragment': '1' }, credentials: 'same-origin' });
    } catch {
      location.assign(url.href);
      return;
    }
    const isJson = (response.headers.get('content-type') || '').includes('application/json');
    if (!isJson) { location.assign(url.href); return; }
    const page = await response.json();
    if (page.redirect) { location.assign(page.redirect); return; }
    if (mine !== generation) return;
    const target = main();
    if (!target) { location.assign(url.href); return; }
    const skeleton = document.createElement('div');
    skeleton.setAttribute('aria-busy', 'true');
    skeleton.style.minHeight = '480px';
    skeleton.style.borderRadius = '8px';
    skeleton.style.background = '#eceae6';
    target.replaceChildren(skeleton);
    own(skeleton);
    setTimeout(() => {
      if (mine !== generation) return;
      target.innerHTML = page.main;
      own(target);
      document.title = page.title;
      window.scrollTo(0, 0);
      document.dispatchEvent(new CustomEvent('site:navigated', { detail: { url: url.href } }));
    }, 50 + Math.floor(Math.random() * 100));
  }

  function closeMenus(except) {
    document.querySelectorAll('[data-menu-toggle][aria-expanded="true"]').forEach((toggle) => {
      if (toggle === except) return;
      toggle.setAttribute('aria-expanded', 'false');
      const menu = toggle.parentElement && toggle.parentElement.querySelector('[role="menu"]');
      if (menu) menu.hidden = true;
    });
  }

  let loadingMore = false;
  async function loadMore(button) {
    if (loadingMore || !button.isConnected) return;
    loadingMore = true;
    try {
      const response = await fetch(button.dataset.moreResults, { credentials: 'same-origin' });
      if (!response.ok) return;
      const list = button.previousElementSibling;
      if (list) {
        const before = list.children.length;
        list.insertAdjacentHTML('beforeend', await response.text());
        for (const added of [...list.children].slice(before)) own(added);
      }
      const next = response.headers.get('x-next-page');
      if (next) button.dataset.moreResults = next; else button.remove();
    } finally {
      loadingMore = false;
    }
  }

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)JSESSIONID=("?)([^";]*)\1/);
    return match ? match[2] : '';
  }

  async function saveToPdf(publicId) {
    const response = await fetch(
      `/voyager/api/identity/profiles/${encodeURIComponent(publicId)}/profileActions?action=saveToPdf`,
      { method: 'POST', credentials: 'same-origin', headers: { 'csrf-token': csrfToken() } });
    if (!response.ok) return;
    const body = await response.json();
    if (body && body.value) location.assign(body.value);
  }

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    const toggle = target.closest('[data-menu-toggle]');
    if (toggle) {
      const menu = toggle.parentElement && toggle.parentElement.querySelector('[role="menu"]');
      const open = toggle.getAttribute('aria-expanded') !== 'true';
      closeMenus(toggle);
      toggle.setAttribute('aria-expanded', String(open));
      if (menu) menu.hidden = !open;
      return;
    }
    closeMenus(null);
    const pdf = target.closest('[role="menuitem"][data-public-id]');
    if (pdf) { saveToPdf(pdf.dataset.publicId); return; }
    const more = target.closest('[data-more-results]');
    if (more) { loadMore(more); return; }
    const link = target.closest('a[href]');
    if (!link || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (link.target === '_blank' || link.hasAttribute('download')) return;
    const url = spaUrl(link.getAttribute('href'));
    if (!url) return;
    event.preventDefault();
    navigate(url, true);
  });

  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || form.getAttribute('role') !== 'search') return;
    const url = spaUrl(form.getAttribute('action') || location.pathname);
    if (!url) return;
    event.preventDefault();
    url.search = new URLSearchParams(new FormData(form)).toString();
    navigate(url, true);
  });

  window.addEventListener('popstate', () => {
    const url = spaUrl(location.href);
    if (url) navigate(url, false); else location.reload();
  });

  window.addEventListener('scroll', () => {
    const button = document.querySelector('main [data-more-results]');
    if (!button) return;
    const bottom = window.scrollY + window.innerHeight;
    if (bottom >= document.documentElement.scrollHeight - 300) loadMore(button);
  }, { passive: true });
})();
