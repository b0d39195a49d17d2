// The bench baseline (issue #7): the least a hand-written JavaScript extension does to show an
// in-CRM badge beside a profile's name, so the Rust/wasm content script has a yardstick. It marks
// its badge like ours (host `data-talent-bridge`, open shadow root, `data-tb="badge"` with
// `data-state`) so the bench measures both the same way. Like ours it follows the site's
// client-side navigation (a debounced MutationObserver), or the comparison would flatter it.
(() => {
  const HOST = 'data-talent-bridge';
  const LABELS = {
    checking: 'Checking…',
    'in-crm': 'In CRM',
    'not-in-crm': 'Not in CRM',
    multiple: 'Several matches',
    'signed-out': 'Sign in to check',
    error: 'CRM unreachable',
  };
  let shownFor = null;

  const publicId = () => {
    const m = location.pathname.match(/^\/in\/([^/]+)/);
    if (!m) return null;
    try {
      return decodeURIComponent(m[1]).toLowerCase();
    } catch {
      return m[1].toLowerCase();
    }
  };

  const nameHeading = () => {
    const card = document.querySelector('main section[componentkey$="Topcard"]');
    return card && card.querySelector('a[href*="/in/"] h2');
  };

  const show = (root, state) => {
    const badge = root.querySelector('[data-tb="badge"]');
    badge.dataset.state = state;
    badge.textContent = LABELS[state] || state;
  };

  function check() {
    const id = publicId();
    const heading = id && nameHeading();
    const existing = document.querySelector(`[${HOST}]`);
    if (!heading) {
      existing?.remove();
      shownFor = null;
      return;
    }
    if (shownFor === id && existing?.isConnected) return;
    existing?.remove();
    shownFor = id;
    const host = document.createElement('span');
    host.setAttribute(HOST, 'baseline');
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML =
      '<style>:host{all:initial;display:inline-flex;margin:4px 8px;font:600 12px system-ui}' +
      'span{border:1px solid;border-radius:12px;padding:3px 10px}</style>' +
      '<span data-tb="badge" data-state="checking"></span>';
    show(root, 'checking');
    (heading.closest('a') || heading).after(host);
    chrome.runtime.sendMessage({ type: 'lookup', publicId: id }).then(
      (answer) => shownFor === id && show(root, answer?.state || 'error'),
      () => shownFor === id && show(root, 'error'),
    );
  }

  check();
  let timer = 0;
  new MutationObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(check, 100);
  }).observe(document.body, { childList: true, subtree: true });
})();
