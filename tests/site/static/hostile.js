// The fixture site's hostile mode (`--hostile`, issue #16): what a site that does not want
// extensions on its pages can do from its own scripts. It finds every element the site did not
// render (site.js marks its own in `window.__siteOwned`), reads them and their open shadow roots,
// fires synthetic pointer, focus, keyboard and click events at them, looks for extension URLs in
// the document and the performance timeline, probes extension files at the fixed id, copies and
// removes extension frames, and — when a test asks (`window.__hostile`) — churns the URL through
// people and plants cards nobody sees. Everything it learns goes to `window.__stolen`.
(() => {
  'use strict';
  const FIXED_ID = 'gnkhiiocdompgpmpfknahhechpbajkmk';
  const PROBED = [
    'manifest.json', 'background.js', 'popup.html', 'options.html', 'frame.html', 'frame.js',
    'content/loader.js', 'content/frames.js', 'content/talent_bridge_content.js',
    'content/talent_bridge_content_bg.wasm', 'ui/talent_bridge_ui.js', 'ui/talent_bridge_ui_bg.wasm',
    'icons/icon16.png', 'icons/icon48.png', 'icons/icon128.png',
  ];
  const stolen = (window.__stolen = {
    texts: [], extensionUrls: [], probes: [], synthetic: 0, framesCopied: 0, framesRemoved: 0,
  });
  const MAX_TEXTS = 4000;
  const note = (value) => {
    const text = String(value ?? '').trim();
    if (text && stolen.texts.length < MAX_TEXTS && !stolen.texts.includes(text)) stolen.texts.push(text.slice(0, 4000));
  };
  const noteUrl = (url) => {
    if (!stolen.extensionUrls.includes(url)) stolen.extensionUrls.push(url);
  };
  const owned = (el) => {
    const mine = window.__siteOwned;
    return Boolean(mine && mine.has(el));
  };

  // Every element inserted by anyone but the site.
  const foreign = new Set();
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType === Node.ELEMENT_NODE && !owned(node)) foreign.add(node);
      }
    }
    schedule();
  }).observe(document.documentElement, { childList: true, subtree: true });

  const inside = (el) => [
    ...el.querySelectorAll('*'),
    ...(el.shadowRoot ? [...el.shadowRoot.querySelectorAll('*')] : []),
  ];

  const read = (el) => {
    for (const target of [el, ...inside(el)]) {
      for (const attribute of target.attributes) note(`${attribute.name}=${attribute.value}`);
    }
    note(el.textContent);
    if (el.shadowRoot) note(el.shadowRoot.innerHTML);
  };

  const POINTER = ['pointerover', 'pointerenter', 'mouseover', 'mouseenter', 'mousemove', 'pointerdown', 'mousedown', 'pointerup', 'mouseup'];
  const poke = (el) => {
    for (const target of [el, ...inside(el)]) {
      for (const type of POINTER) {
        target.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, cancelable: true, view: window }));
      }
      target.dispatchEvent(new FocusEvent('focus', { composed: true }));
      target.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
      if (typeof target.focus === 'function') target.focus();
      for (const key of ['Enter', ' ']) {
        target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));
        target.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true, composed: true, cancelable: true }));
      }
      // Not the site's own links: a click on one would navigate away from the attack.
      if (typeof target.click === 'function' && !(target.tagName === 'A' && owned(target))) target.click();
      target.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, view: window }));
      stolen.synthetic += 1;
    }
  };

  const scanUrls = () => {
    const html = document.documentElement.outerHTML;
    for (const match of html.matchAll(/chrome-extension:\/\/[^\s"'<>)]+/g)) noteUrl(match[0]);
    for (const entry of performance.getEntries()) {
      if (entry.name.startsWith('chrome-extension:')) noteUrl(entry.name);
    }
    for (const el of foreign) {
      for (const target of [el, ...inside(el)]) {
        for (const attribute of target.attributes) {
          if (attribute.value.includes('chrome-extension:')) noteUrl(attribute.value);
        }
      }
    }
  };

  // Frames an extension put in the page: a copy beside each, and the first one thrown away.
  const meddleWithFrames = () => {
    const frames = [];
    for (const el of foreign) {
      for (const target of [el, ...inside(el)]) if (target.tagName === 'IFRAME') frames.push(target);
    }
    for (const frame of frames) {
      if (frame.dataset.hostileCopy) continue;
      const copy = frame.cloneNode(true);
      copy.dataset.hostileCopy = '1';
      frame.after(copy);
      stolen.framesCopied += 1;
    }
    const victim = frames.find((f) => !f.dataset.hostileCopy && f.isConnected);
    if (victim && stolen.framesRemoved === 0) {
      victim.remove();
      stolen.framesRemoved += 1;
    }
  };

  const probe = async () => {
    for (const path of PROBED) {
      const url = `chrome-extension://${FIXED_ID}/${path}`;
      try {
        const response = await fetch(url);
        stolen.probes.push({ path, ok: response.ok, status: response.status });
      } catch (e) {
        stolen.probes.push({ path, ok: false, error: e.name });
      }
    }
  };

  let timer = null;
  const attack = () => {
    timer = null;
    for (const el of [...foreign]) {
      if (!el.isConnected) {
        foreign.delete(el);
        continue;
      }
      read(el);
    }
    for (const el of [...foreign]) poke(el);
    // What the pokes opened (a card, a panel) is read too.
    for (const el of [...foreign]) if (el.isConnected) read(el);
    scanUrls();
    meddleWithFrames();
  };
  function schedule() {
    if (timer === null) timer = setTimeout(attack, 300);
  }
  // Again a little later: a card opened by the last poke renders after it.
  for (const ms of [1000, 2500, 5000, 8000]) setTimeout(schedule, ms);
  setTimeout(probe, 500);

  // On request (a test's `page.evaluate`): the site's own scripts doing what the issue lists.
  window.__hostile = {
    // The URL and the top card go through `count` people, one every `ms`.
    async churn(count = 30, ms = 150) {
      const main = document.querySelector('main');
      const template = main.innerHTML;
      const id = location.pathname.split('/')[2];
      const heading = main.querySelector('h1, h2');
      const name = heading ? heading.textContent.trim() : '';
      for (let i = 1; i <= count; i++) {
        const victim = `victim-${i}`;
        history.pushState(null, '', `/in/${victim}/`);
        let html = template.split(id).join(victim);
        if (name) html = html.split(name).join(`Victim Number ${i}`);
        main.innerHTML = html;
        if (window.__siteOwned) for (const el of main.querySelectorAll('*')) window.__siteOwned.add(el);
        await new Promise((resolve) => setTimeout(resolve, ms));
      }
    },
    // Cards for people nobody sees, among the results: hidden by CSS, transparent, of zero size,
    // hidden from assistive technology, or not in the document.
    plantHiddenCards() {
      const list = document.querySelector('main [role="list"], main ul');
      if (!list) return 0;
      const hiding = [
        'display:none', 'visibility:hidden', 'opacity:0', 'width:0;height:0;overflow:hidden;display:block',
      ];
      let planted = 0;
      const card = (i, style, extra = '') => {
        const li = document.createElement('li');
        li.setAttribute('role', 'listitem');
        li.innerHTML = `<div style="${style}" ${extra}><a href="/in/hidden-${i}/"><span>Hidden Person ${i}</span></a>
          <p>Head of Secrets at Example</p><p>Nowhere</p></div>`;
        if (window.__siteOwned) for (const el of [li, ...li.querySelectorAll('*')]) window.__siteOwned.add(el);
        return li;
      };
      hiding.forEach((style, i) => {
        list.append(card(i, style));
        planted += 1;
      });
      list.append(card(hiding.length, '', 'aria-hidden="true"'));
      planted += 1;
      return planted;
    },
  };
})();
