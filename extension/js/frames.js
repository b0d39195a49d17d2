// Talent Bridge frame mode, the content script's side (DESIGN.md §2 "Strict page CSP"). This
// page's CSP refuses WebAssembly in the content script, so the extension's module runs in
// extension frames instead (`frame.html`, `frame.js`): a hidden reader, sent a snapshot of the
// page's HTML after each burst of changes, which decides where badges go; and one frame per
// badge, put where the reader says. This script only carries out: it snapshots, places and
// sizes frames, passes messages, and makes the site requests a frame asks for (same origin,
// the page's session). It talks to the frames over `chrome.tabs` ports they open to it; the
// page can neither read nor forge those, and ports from frames this script did not make are
// closed unheard. Every shadow root here is closed: the page reads nothing of our frames (not
// even their tokened addresses), and only the user's own input (`isTrusted`) moves them
// (PRODUCT.md S5, issue #16).
const HOST = 'data-talent-bridge';
const DEBOUNCE_MS = 120;
/** Larger pages are not sent: the reader would take too long over them. */
const MAX_SNAPSHOT_CHARS = 8 * 1024 * 1024;
/**
 * A reader silent this long over one snapshot is taken for dead (a trap, a killed frame): the
 * badges start again with a new reader. A slow reader is waited for, never sent a second snapshot
 * (issue #13: that snapshot lacked the first plan's badges, so every plan removed and re-added
 * all of them, and on a loaded machine no badge ever settled).
 */
const READER_SILENT_MS = 30_000;
// The frame's address has this session's dynamic id (`use_dynamic_url`, issue #16): only the
// content script knows it; Chromium commits the frame at the fixed id, so its ports come from there.
const FRAME = chrome.runtime.getURL('frame.html');
const FRAME_COMMITTED = `chrome-extension://${chrome.runtime.id}/frame.html#`;

export function start() {
  /** token → { role, id, port, queue } */
  const frames = new Map();
  /** badge id → { host, frame, token } */
  const badges = new Map();
  let reader = null;
  let lastUrl = '';
  let pending = null;

  const newFrame = (role, id, first) => {
    const token = crypto.randomUUID();
    frames.set(token, { role, id, port: null, queue: first ? [first] : [] });
    const frame = document.createElement('iframe');
    frame.setAttribute('data-tb-frame', role);
    frame.setAttribute('title', chrome.i18n.getMessage('extName'));
    frame.style.cssText = 'border:0;padding:0;margin:0;background:transparent;color-scheme:normal;';
    // No `src`: the page can read attributes (our roots are not all closed), and none may name
    // the dynamic id or the token. The content script navigates the frame once it is connected.
    const open = () => frame.contentWindow && frame.contentWindow.location.replace(`${FRAME}#${role}:${token}`);
    return { token, frame, open };
  };
  const send = (token, msg) => {
    const entry = frames.get(token);
    if (!entry) return;
    if (entry.port) entry.port.postMessage(msg);
    else entry.queue.push(msg);
  };
  const drop = (token) => {
    const entry = frames.get(token);
    frames.delete(token);
    if (entry && entry.port) entry.port.disconnect();
  };

  const makeReader = () => {
    const host = document.createElement('span');
    host.setAttribute(HOST, 'reader');
    host.style.cssText = 'display:none';
    const { token, frame, open } = newFrame('reader', 0, null);
    host.attachShadow({ mode: 'closed' }).appendChild(frame);
    document.body.appendChild(host);
    open();
    reader = { host, token, ready: false, reading: 0, again: false };
  };

  const startOver = () => {
    for (const { host, token } of badges.values()) {
      host.remove();
      drop(token);
    }
    badges.clear();
    if (reader) {
      reader.host.remove();
      drop(reader.token);
    }
    makeReader();
  };

  // What the user does not see is not read (PRODUCT.md S5): the reader has no layout, so the
  // profile links hidden by CSS or of zero size are marked `data-tb-hidden` in a copy of the
  // page, and the copy is what it gets. The page never sees the copy.
  const PROFILE_LINKS = 'a[href*="/in/"]';
  const shown = (el) => {
    if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
    const box = el.getBoundingClientRect();
    if (box.width <= 0 || box.height <= 0) return false;
    // Not inside an ancestor of zero size that clips its content (the same rule as web_dom.rs).
    let up = el.parentElement;
    for (let i = 0; up && i < 16; i++, up = up.parentElement) {
      const { width, height } = up.getBoundingClientRect();
      if ((width === 0 || height === 0) && getComputedStyle(up).overflow.split(' ').some((v) => v !== 'visible')) return false;
    }
    return true;
  };
  const pageCopy = () => {
    const copy = document.documentElement.cloneNode(true);
    const live = document.querySelectorAll(PROFILE_LINKS);
    const copied = copy.querySelectorAll(PROFILE_LINKS);
    for (let i = 0; i < live.length && i < copied.length; i++) {
      if (!shown(live[i])) copied[i].setAttribute('data-tb-hidden', '');
    }
    return copy.outerHTML;
  };

  const snapshot = () => {
    pending = null;
    lastUrl = location.href;
    // The site threw our reader away with its markup: start again from scratch.
    if (!reader || !reader.host.isConnected) return startOver();
    if (!reader.ready) return;
    // One reading at a time: the next snapshot must show what this one's plan changed.
    if (reader.reading) {
      const silent = Date.now() - reader.reading;
      if (silent >= READER_SILENT_MS) return startOver();
      reader.again = true;
      pending = setTimeout(snapshot, READER_SILENT_MS - silent);
      return;
    }
    const html = pageCopy();
    if (html.length > MAX_SNAPSHOT_CHARS) return;
    reader.reading = Date.now();
    send(reader.token, { type: 'snapshot', url: location.href, html });
  };
  const schedule = (ms = DEBOUNCE_MS) => {
    if (pending === null) pending = setTimeout(snapshot, ms);
  };

  const resolve = (path, tag) => {
    let el = document.documentElement;
    for (const i of path) {
      el = el && el.children[i];
    }
    return el && el.tagName === tag ? el : null;
  };

  const apply = (plan) => {
    for (const id of plan.remove || []) {
      const badge = badges.get(id);
      if (!badge) continue;
      badge.host.remove();
      drop(badge.token);
      badges.delete(id);
    }
    for (const [id, page] of plan.page || []) {
      const badge = badges.get(id);
      if (badge) send(badge.token, { type: 'page', page });
    }
    for (const add of plan.add || []) {
      const place = resolve(add.path, add.tag);
      if (!place) continue;
      const host = document.createElement('span');
      host.setAttribute(HOST, 'badge');
      host.setAttribute('data-tb-id', String(add.id));
      host.style.cssText = 'display:inline-block;position:relative;vertical-align:middle;width:0;height:0;';
      const { token, frame, open } = newFrame('badge', add.id, { type: 'init', init: add.init });
      frame.style.cssText += 'position:absolute;left:0;top:0;width:0;height:0;z-index:2147483000;';
      const shadow = host.attachShadow({ mode: 'closed' });
      shadow.appendChild(frame);
      // Our events are ours: the site's router and shortcuts must not see them.
      for (const type of ['click', 'keydown', 'keyup', 'keypress']) {
        host.addEventListener(type, (e) => e.stopPropagation());
      }
      place.after(host);
      open();
      badges.set(add.id, { host, frame, token });
      send(token, viewport());
    }
  };

  const viewport = () => ({ type: 'viewport', w: window.innerWidth, h: window.innerHeight });
  window.addEventListener('resize', () => {
    for (const { token } of badges.values()) send(token, viewport());
  });

  const resize = (id, row, all) => {
    const badge = badges.get(id);
    if (!badge) return;
    const ok = (pair) => Array.isArray(pair) && pair.every((n) => Number.isFinite(n) && n >= 0 && n < 4000);
    if (!ok(row) || !ok(all)) return;
    badge.host.style.width = `${row[0]}px`;
    badge.host.style.height = `${row[1]}px`;
    badge.frame.style.width = `${Math.max(row[0], all[0])}px`;
    badge.frame.style.height = `${Math.max(row[1], all[1])}px`;
  };

  // The site's requests of an export, on the frame's behalf (DESIGN.md §5): same origin, the
  // page's cookies. Only https, only these headers; any status comes back with a bounded body,
  // so the core can tell why an action gave no PDF.
  const SENT_HEADERS = new Set(['csrf-token', 'accept', 'content-type', 'x-restli-protocol-version']);
  const siteFetch = async (request) => {
    try {
      const url = new URL(String(request.url), location.href);
      const method = request.method === 'POST' ? 'POST' : 'GET';
      const max = Number(request.max) || 0;
      if (url.protocol !== 'https:') return { status: 0 };
      const headers = {};
      for (const pair of Array.isArray(request.headers) ? request.headers : []) {
        if (Array.isArray(pair) && SENT_HEADERS.has(pair[0]) && typeof pair[1] === 'string') headers[pair[0]] = pair[1];
      }
      const init = { method, headers, credentials: 'include' };
      if (method === 'POST' && typeof request.body === 'string') init.body = request.body;
      const response = await fetch(url.href, init);
      const answer = {
        status: response.status,
        contentType: response.headers.get('content-type') || '',
        finalPath: new URL(response.url || url.href).pathname,
      };
      if (Number(response.headers.get('content-length')) > max) return { tooLarge: true };
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (bytes.length > max) return { tooLarge: true };
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) {
        binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
      }
      return { ...answer, body: btoa(binary) };
    } catch {
      return { status: 0 };
    }
  };

  // Where the page names the "Save to PDF" query id: its inline scripts and data blocks (the
  // ids found; the core checks each again) and its script bundles (addresses only).
  const QUERY_ID = /voyagerIdentityDashProfileActionsV2\.[0-9a-f]{32}(?![0-9a-fA-F])/g;
  const pdfSources = () => {
    const inPage = new Set();
    const bundles = [];
    for (const element of document.querySelectorAll('script, code')) {
      if (element.src) {
        if (bundles.length < 64) bundles.push(element.src);
      } else if (inPage.size < 16) {
        for (const found of (element.textContent || '').matchAll(QUERY_ID)) inPage.add(found[0]);
      }
    }
    return { inPage: [...inPage].slice(0, 16), bundles };
  };

  const heard = async (entry, msg) => {
    if (!msg || typeof msg.type !== 'string') return;
    if (entry.role === 'reader') {
      if (msg.type === 'ready') {
        reader.ready = true;
        snapshot();
      } else if (msg.type === 'apply') {
        apply(msg.plan || {});
        reader.reading = 0;
        if (reader.again) {
          reader.again = false;
          clearTimeout(pending);
          pending = null;
          schedule();
        }
      }
      else if (msg.type === 'show') {
        const badge = badges.get(msg.id);
        if (badge) send(badge.token, { type: 'show', badge: msg.badge });
      } else if (msg.type === 'again') schedule(Math.min(Number(msg.ms) || 0, 60_000));
      return;
    }
    if (msg.type === 'size') resize(entry.id, msg.row, msg.all);
    else if (msg.type === 'pointer-in') {
      entry.pointer = true;
      pointed += 1;
    }
    else if (msg.type === 'cookies') entry.port.postMessage({ type: 'reply', re: msg.re, value: document.cookie });
    else if (msg.type === 'sources') entry.port.postMessage({ type: 'reply', re: msg.re, value: pdfSources() });
    else if (msg.type === 'fetch') {
      const value = await siteFetch(msg.request || {});
      if (entry.port) entry.port.postMessage({ type: 'reply', re: msg.re, value });
    }
  };

  chrome.runtime.onConnect.addListener((port) => {
    const sender = port.sender || {};
    const [, token] = String(port.name).split(':');
    const entry = frames.get(token);
    const from = String(sender.url);
    const ours = sender.id === chrome.runtime.id && (from.startsWith(FRAME_COMMITTED) || from.startsWith(`${FRAME}#`));
    if (!ours || !entry || entry.port || !port.name.startsWith(`${entry.role}:`)) {
      port.disconnect();
      return;
    }
    entry.port = port;
    for (const msg of entry.queue.splice(0)) port.postMessage(msg);
    port.onMessage.addListener((msg) => heard(entry, msg));
    port.onDisconnect.addListener(() => {
      if (entry.port === port) entry.port = null;
    });
  });

  // The worker's messages to this tab (export progress) go on to the badges.
  chrome.runtime.onMessage.addListener((message, sender) => {
    if (sender.id !== chrome.runtime.id || sender.tab) return;
    for (const [token, entry] of frames) {
      if (entry.role === 'badge') send(token, { type: 'event', event: message });
    }
  });

  // Pointer events over a frame go to the frame: one the page sees means the pointer has left
  // the frame, which the frame itself does not notice (its `:hover` would stay).
  let pointed = 0;
  const pointerLeft = (event) => {
    // the page's every mouse move, while no frame has the pointer; or a script's
    if (pointed === 0 || !event.isTrusted) return;
    pointed = 0;
    for (const [token, entry] of frames) {
      if (!entry.pointer) continue;
      entry.pointer = false;
      send(token, { type: 'pointer-left' });
    }
  };
  document.addEventListener('mouseover', pointerLeft, true);
  // Escape pressed in the page closes an open hover card, as it does in the page's own badges.
  window.addEventListener(
    'keydown',
    (event) => {
      if (event.key !== 'Escape' || !event.isTrusted) return;
      for (const [token, entry] of frames) {
        if (entry.role === 'badge') send(token, { type: 'escape' });
      }
    },
    true,
  );
  document.addEventListener('mousemove', pointerLeft, true);

  // Our own badges going into the page are no change to read (a snapshot for each would double
  // the reader's work); anything else, a removal of ours included, is.
  const ourHost = (node) => node.nodeType === Node.ELEMENT_NODE && [...badges.values()].some((b) => b.host === node);
  const onlyOursAdded = (records) =>
    records.every((r) => r.removedNodes.length === 0 && r.addedNodes.length > 0 && [...r.addedNodes].every(ourHost));
  new MutationObserver((records) => {
    if (!onlyOursAdded(records)) schedule();
  }).observe(document.body, { childList: true, subtree: true });
  // The site's router moves with `history.pushState`: the Navigation API tells every world.
  navigation.addEventListener('currententrychange', () => {
    if (location.href !== lastUrl) schedule(0);
  });
  makeReader();
}
