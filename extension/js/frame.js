// Talent Bridge frame bootstrap (frame mode, DESIGN.md §2): runs inside `frame.html`, which the
// content script frames into a page whose CSP refuses WebAssembly. `#reader:<token>` is the
// tab's hidden reader; `#badge:<token>` shows one person's badge. Everything this frame does
// comes through a `chrome.tabs` port to the content script of its own tab: nothing is taken
// from the page, and a frame the page opened itself gets nothing (the content script knows
// only the tokens it made).
const [role, token] = location.hash.slice(1).split(':');

const load = async (dir, name) => {
  const glue = await import(`./${dir}/${name}.js`);
  await glue.default({ module_or_path: `./${dir}/${name}_bg.wasm` });
  return glue;
};

const start = async () => {
  if (!token || (role !== 'reader' && role !== 'badge')) return;
  const tab = await chrome.tabs.getCurrent();
  if (!tab) return;
  const port = chrome.tabs.connect(tab.id, { frameId: 0, name: `${role}:${token}` });
  const listeners = [];
  const eventListeners = [];
  const pending = new Map();
  let asked = 0;
  let started = false;
  let fitter = null;
  const rpc = (msg) =>
    new Promise((resolve, reject) => {
      asked += 1;
      pending.set(asked, { resolve, reject });
      port.postMessage({ ...msg, re: asked });
    });
  port.onDisconnect.addListener(() => {
    for (const { reject } of pending.values()) reject(new Error('disconnected'));
    pending.clear();
  });
  const glue = load('frame', 'talent_bridge_content');
  const hub = { post: (msg) => port.postMessage(msg), listen: (f) => listeners.push(f) };
  const handle = async (msg) => {
    if (!msg || typeof msg.type !== 'string') return;
    if (msg.type === 'reply') {
      const call = pending.get(msg.re);
      pending.delete(msg.re);
      if (call) call.resolve(msg.value);
    } else if (msg.type === 'event') {
      for (const f of eventListeners) f(msg.event);
    } else if (msg.type === 'init' && role === 'badge' && !started) {
      const shadow = (await glue).start_badge(hub, msg.init);
      started = true;
      fitter = fitToContent(port, shadow);
    } else if (msg.type === 'viewport' && fitter) {
      fitter.viewport(Number(msg.w) || innerWidth, Number(msg.h) || innerHeight);
    } else if (msg.type === 'pointer-left' && fitter) {
      fitter.pointerLeft();
    } else if (msg.type === 'escape' && started) {
      // Pressed in the page, which this frame's document does not hear.
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    } else if (started || role === 'reader') {
      for (const f of listeners) f(msg);
    }
  };
  // In order: what comes after `init` waits until the badge is there to hear it.
  let queue = Promise.resolve();
  port.onMessage.addListener((msg) => {
    queue = queue.then(() => handle(msg)).catch(() => {});
  });
  if (role === 'reader') {
    (await glue).start_reader(hub);
    return;
  }
  // What the UI module asks of the site, done by the content script (same origin, the page's
  // session), and the worker's messages to the tab, passed on by it.
  globalThis.talentBridgeSite = {
    cookies: () => rpc({ type: 'cookies' }),
    fetch: (request) => rpc({ type: 'fetch', request }),
    sources: () => rpc({ type: 'sources' }),
    onEvent: (f) => eventListeners.push(f),
  };
  let ui = null;
  globalThis.talentBridgeLoadUi = () => {
    ui ??= load('ui', 'talent_bridge_ui')
      .then((glue) => {
        glue.start();
        return glue;
      })
      .catch((err) => {
        ui = null;
        throw err;
      });
    return ui;
  };
};

// The badge's size, for the content script to size this frame: the badge row (what the page
// makes room for) and everything shown (hover card, export panel: drawn over the page).
// `shadow` is the badge's closed root, as `start_badge` hands it over.
function fitToContent(port, shadow) {
  if (!shadow) return null;
  const host = shadow.host;
  // The frame is only as large as the badge: the card and panel are sized to the page's
  // viewport instead of this frame's. The pointer leaving the frame for the page is seen by the
  // page's side (`pointer-left`): a frame keeps `:hover` until its own next pointer event.
  const fit = document.createElement('style');
  const fitTo = (w, h) => {
    fit.textContent =
      `.hover, .panel { max-width: ${Math.max(w - 16, 200)}px !important; }\n` +
      `.box { max-height: ${Math.max(Math.round(h * 0.6), 120)}px !important; }\n` +
      // The panel's own limit is in vh, which here is this frame's height: sized to the frame
      // that is sized to it, it could stay squeezed for good (issue #13's "never on top").
      `.panel { max-height: ${Math.max(Math.round(h * 0.7), 120)}px !important; }\n` +
      ':host(:not([data-pointer])) .tip:hover:not(:focus-within) .hover { visibility: hidden; }';
  };
  fitTo(innerWidth, innerHeight);
  shadow.appendChild(fit);
  // The frame's own idea of what the pointer is over outlives the pointer: when it comes back,
  // the elements it enters get the `mouseenter` the browser no longer sends them.
  const enter = (event) => {
    for (const el of event.composedPath()) {
      if (el instanceof Element && shadow.contains(el)) el.dispatchEvent(new MouseEvent('mouseenter'));
    }
  };
  const back = (event) => {
    if (host.hasAttribute('data-pointer')) return;
    host.setAttribute('data-pointer', '');
    port.postMessage({ type: 'pointer-in' });
    if (gone) enter(event);
    gone = false;
  };
  // Coming back over the element it "never left", the pointer makes no `mouseover`: a move.
  document.addEventListener('mouseover', back, true);
  document.addEventListener('mousemove', back, true);
  let gone = false;
  document.documentElement.addEventListener('mouseleave', () => host.removeAttribute('data-pointer'));
  let last = '';
  let queued = false;
  const measure = () => {
    queued = false;
    const row = shadow.querySelector('.row');
    if (!row) return;
    // Focus in the panel (its search box) scrolls this document's body while the frame is still
    // smaller than the panel; a row measured scrolled out of view had a negative size, which the
    // content script refuses, so the frame never grew to the panel (issue #13, "never on top").
    // Nothing here is meant to scroll: back to the top, then measure.
    for (const el of [document.scrollingElement, document.documentElement, document.body]) {
      if (el && (el.scrollTop || el.scrollLeft)) el.scrollTo(0, 0);
    }
    const r = row.getBoundingClientRect();
    let w = r.right;
    let h = r.bottom;
    for (const el of shadow.querySelectorAll('*')) {
      const b = el.getBoundingClientRect();
      if (!b.width || !b.height || getComputedStyle(el).visibility === 'hidden') continue;
      w = Math.max(w, b.right);
      h = Math.max(h, b.bottom);
    }
    const size = { type: 'size', row: [Math.ceil(r.right), Math.ceil(r.bottom)], all: [Math.ceil(w), Math.ceil(h)] };
    const key = JSON.stringify(size);
    if (key !== last) {
      last = key;
      port.postMessage(size);
    }
  };
  // A timer, not an animation frame: Chromium may stop rendering a cross-origin frame that has
  // no area, and this frame has none until its first size arrives.
  const soon = () => {
    if (!queued) {
      queued = true;
      setTimeout(measure, 0);
    }
  };
  new MutationObserver(soon).observe(shadow, { subtree: true, childList: true, attributes: true, characterData: true });
  for (const type of ['mouseover', 'mouseout', 'focusin', 'focusout', 'transitionend', 'transitionrun']) {
    shadow.addEventListener(type, soon, true);
  }
  new ResizeObserver(soon).observe(host);
  // A panel laid out in a smaller frame is narrower than it will be: measure again once the
  // content script has resized this frame (issue #13: the panel sometimes never came on top).
  window.addEventListener('resize', soon);
  document.addEventListener('scroll', soon, true);
  soon();
  return {
    viewport: (w, h) => {
      fitTo(w, h);
      soon();
    },
    pointerLeft: () => {
      host.removeAttribute('data-pointer');
      gone = true;
      for (const el of shadow.querySelectorAll(':hover')) el.dispatchEvent(new MouseEvent('mouseleave'));
      soon();
    },
  };
}

start().catch((err) => console.warn('Talent Bridge frame could not start:', err && err.name));
