// Our UI as the product lets a test see it (DESIGN.md §6, issue #13): the page's scripts cannot
// reach into our shadow roots (closed, issue #16), and Playwright's locators cannot either. So a
// test reads our elements over CDP — the document pierced into every shadow root, open or closed,
// queried in an isolated world of the test's own that the page's scripts cannot patch — and in
// frame mode inside the extension's own frames, through each frame's CDP session. It acts only
// with trusted input: the element's box on screen, then Playwright's mouse and keyboard.
// Nothing in the shipped extension helps: no test door, no attribute put there for tests but the
// `data-tb` hooks of DESIGN.md §6.
import { expect as baseExpect } from '@playwright/test';

const WORLD = 'talent-bridge-test';
const FRAME_PAGE = /^chrome-extension:\/\/[a-p]{32}\/frame\.html/;
const POLL_MS = [0, 50, 100, 100, 250];

/** The UI of one page: `ourUi(page)`, or `ourUi(page).within(siteLocator)` for one site card. */
export function ourUi(page) {
  return new UiLocator(uiPage(page), null, []);
}

const pages = new WeakMap();
/** One `UiPage` (and so one set of CDP sessions) per Playwright page. */
function uiPage(page) {
  let ui = pages.get(page);
  if (!ui) {
    ui = new UiPage(page);
    pages.set(page, ui);
  }
  return ui;
}

/**
 * Ends the CDP sessions `ourUi` opened for `page`. A session that has read the document keeps
 * DevTools' DOM agent following the page's every change: a measurement must not run with it.
 */
export async function releaseOurUi(page) {
  const ui = pages.get(page);
  if (!ui) return;
  pages.delete(page);
  await Promise.all([...ui.sessions.values()].map(({ cdp }) => cdp.detach().catch(() => {})));
}

/** One CDP session and isolated world: the page's, or an extension frame's (frame mode). */
class Scope {
  constructor(cdp, offset, frameId) {
    this.cdp = cdp;
    this.offset = offset; // { x, y } of this document's viewport in the page's
    this.frameId = frameId;
  }
}

/** Per page: the CDP sessions, reused while the page lives. */
class UiPage {
  constructor(page) {
    this.page = page;
    this.sessions = new Map(); // key: 'page' or a Playwright Frame → { cdp, world: { frameId, loader, id } }
  }

  async session(target) {
    const key = target === this.page ? 'page' : target;
    let entry = this.sessions.get(key);
    if (!entry) {
      const cdp = await this.page.context().newCDPSession(target);
      // As Playwright does for its pages: a headless page is never the OS's focused window, so
      // without this an extension frame's document never "has focus" for a keyboard test.
      if (target !== this.page) await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: true }).catch(() => {});
      entry = { cdp, world: null };
      this.sessions.set(key, entry);
    }
    return entry;
  }

  /** An isolated world in the session's main frame, made again after each navigation. */
  async world(entry) {
    const { frameTree } = await entry.cdp.send('Page.getFrameTree');
    const { id: frameId, loaderId } = frameTree.frame;
    if (!entry.world || entry.world.frameId !== frameId || entry.world.loader !== loaderId) {
      const { executionContextId } = await entry.cdp.send('Page.createIsolatedWorld', { frameId, worldName: WORLD });
      entry.world = { frameId, loader: loaderId, id: executionContextId };
    }
    return entry.world;
  }

  /**
   * Every shadow root that is not the browser's own, in the session's document, resolved into the
   * test's world; and the frames (by CDP frame id) that those roots hold.
   */
  async roots(entry) {
    const world = await this.world(entry);
    const { root } = await entry.cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const found = [];
    const frames = [];
    const walk = (node, inOurs) => {
      for (const shadow of node.shadowRoots || []) {
        if (shadow.shadowRootType === 'user-agent') continue;
        found.push(shadow.backendNodeId);
        walk(shadow, true);
      }
      if (inOurs && node.frameId && node.nodeName === 'IFRAME') frames.push({ frameId: node.frameId, backendNodeId: node.backendNodeId });
      for (const child of node.children || []) walk(child, inOurs);
      if (node.contentDocument) walk(node.contentDocument, inOurs);
    };
    walk(root, false);
    const resolve = async (backendNodeId) =>
      (await entry.cdp.send('DOM.resolveNode', { backendNodeId, executionContextId: world.id })).object.objectId;
    const objects = await Promise.all(found.map(resolve));
    const frameObjects = await Promise.all(frames.map(async (f) => ({ ...f, objectId: await resolve(f.backendNodeId) })));
    return { world, objects, frames: frameObjects };
  }

  /**
   * Where our UI is right now: one entry per document holding our roots. `within` (a site
   * element's path from the document element, or null) keeps only roots whose host is inside it.
   */
  async scopes(within) {
    const pageEntry = await this.session(this.page);
    const page = await this.roots(pageEntry);
    const out = [];
    // Which of the page's roots are inside `within`, and where each of their frames sits.
    const { result } = await pageEntry.cdp.send('Runtime.callFunctionOn', {
      functionDeclaration: PAGE_FACTS,
      executionContextId: page.world.id,
      arguments: [{ value: within }, { value: page.objects.length }, ...page.objects.map((objectId) => ({ objectId })), ...page.frames.map((f) => ({ objectId: f.objectId }))],
      returnByValue: true,
    });
    const facts = result.value;
    const keptRoots = page.objects.filter((_, i) => facts.roots[i]);
    out.push({ kind: 'page', entry: pageEntry, world: page.world, roots: keptRoots, offset: { x: 0, y: 0 }, hosts: facts.hosts.filter((_, i) => facts.roots[i]) });
    const wanted = page.frames.map((f, i) => ({ ...f, ...facts.frames[i] })).filter((f) => f.inside);
    if (wanted.length === 0) return out;
    const byId = new Map(wanted.map((f) => [f.frameId, f]));
    for (const frame of this.page.frames()) {
      if (!FRAME_PAGE.test(frame.url())) continue;
      let entry;
      try {
        entry = await this.session(frame);
      } catch {
        continue; // not a frame of its own process (yet): the next poll sees it
      }
      let tree;
      try {
        tree = await entry.cdp.send('Page.getFrameTree');
      } catch {
        this.sessions.delete(frame);
        continue;
      }
      const f = byId.get(tree.frameTree.frame.id);
      if (!f) continue;
      let inner;
      try {
        inner = await this.roots(entry);
      } catch {
        continue;
      }
      out.push({ kind: 'frame', entry, world: inner.world, roots: inner.objects, offset: { x: f.x, y: f.y }, hosts: [f.host], frameObjectId: f.objectId });
    }
    return out;
  }
}

// Runs in the page's test world: for each root, whether its host is inside `within`; each host's
// place (whose badge it is, read from the element before it); each frame's content box.
/**
 * Source of `guardClicks(el)`, Playwright's hit-target check for elements it cannot see (our
 * closed roots, the side panel's target): until the guard's `off()`, a pointer event that does not
 * reach `el` (the layout moved between measuring and clicking) is stopped before anything else
 * hears it, and `state.clicked` tells whether the click reached it, so the caller tries again.
 * Listeners of the test's own world: the page's scripts cannot see or remove them. Also used by
 * lib/side-panel.js.
 */
export const GUARD_CLICKS = `function guardClicks(el) {
  const win = el.ownerDocument.defaultView;
  const root = el.getRootNode();
  let outer = el;
  while (outer.getRootNode() instanceof ShadowRoot) outer = outer.getRootNode().host;
  const state = { clicked: false, missed: 0 };
  const stop = (e) => {
    e.preventDefault();
    e.stopImmediatePropagation();
    state.missed += 1;
  };
  const atWindow = (e) => {
    if (!e.composedPath().includes(outer)) stop(e);
  };
  const atRoot = (e) => {
    if (!e.composedPath().includes(el)) return stop(e);
    if (e.type === 'click') state.clicked = true;
  };
  const types = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'];
  for (const t of types) {
    win.addEventListener(t, atWindow, true);
    root.addEventListener(t, atRoot, true);
  }
  return {
    state,
    off: () => {
      for (const t of types) {
        win.removeEventListener(t, atWindow, true);
        root.removeEventListener(t, atRoot, true);
      }
    },
  };
}`;

const PAGE_FACTS = `function (within, n, ...objects) {
  const roots = objects.slice(0, n);
  const frames = objects.slice(n);
  let scope = null;
  if (within) {
    scope = document.documentElement;
    for (const i of within) scope = scope && scope.children[i];
  }
  const pathOf = (el) => {
    const steps = [];
    for (; el && el.parentElement; el = el.parentElement) steps.unshift([...el.parentElement.children].indexOf(el));
    return steps;
  };
  const outerHost = (node) => {
    let host = node.getRootNode().host || node;
    while (host.getRootNode() instanceof ShadowRoot) host = host.getRootNode().host;
    return host;
  };
  const describe = (host) => {
    const before = host.previousElementSibling;
    return {
      before: before ? pathOf(before).join('/') : null,
      beforeHref: before ? before.getAttribute('href') : null,
      besideText: before ? before.textContent.trim() : null,
      card: !!host.closest('li, [role="listitem"]'),
      hostPath: pathOf(host).join('/'),
    };
  };
  const inside = (node) => !within || (scope && scope.contains(outerHost(node)));
  return {
    roots: roots.map((r) => inside(r)),
    hosts: roots.map((r) => describe(outerHost(r))),
    frames: frames.map((f) => {
      const r = f.getBoundingClientRect();
      return { inside: inside(f), x: r.x + f.clientLeft, y: r.y + f.clientTop, host: describe(outerHost(f)) };
    }),
  };
}`;

// Runs in a scope's test world: the elements a chain of steps selects among the roots.
const QUERY = `function (steps, op, arg, ...roots) {
  ${GUARD_CLICKS}
  const visible = (el) => {
    if (!el.isConnected) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && el.checkVisibility({ visibilityProperty: true, opacityProperty: false });
  };
  const text = (el) => (el.textContent || '');
  const norm = (s) => s.replace(/[\\u200b\\s]+/g, ' ').trim();
  const matchText = (t, m) => m.re ? new RegExp(m.re, m.flags).test(t) : norm(t).toLowerCase().includes(norm(m.s).toLowerCase());
  const ROLE = {
    checkbox: 'input[type=checkbox],[role=checkbox]',
    button: 'button,[role=button],input[type=button],input[type=submit]',
    link: 'a[href],[role=link]',
    dialog: 'dialog,[role=dialog]',
    textbox: 'input:not([type]),input[type=text],input[type=search],textarea,[role=textbox],[role=searchbox]',
    alert: '[role=alert]',
    status: '[role=status],output',
  };
  const nameOf = (el) => el.getAttribute('aria-label') || (el.labels && el.labels[0] && el.labels[0].textContent) || el.textContent || '';
  const apply = (els, steps) => {
    for (const step of steps) {
      if (step.css !== undefined) {
        const next = [];
        for (const el of els) for (const m of el.querySelectorAll(step.css)) if (!next.includes(m)) next.push(m);
        els = next;
      } else if (step.role) {
        const next = [];
        for (const el of els) for (const m of el.querySelectorAll(ROLE[step.role] || '[role=' + step.role + ']')) if (!next.includes(m)) next.push(m);
        els = step.name ? next.filter((el) => matchText(nameOf(el), step.name)) : next;
      } else if (step.hasText) {
        els = els.filter((el) => matchText(text(el), step.hasText));
      } else if (step.hasNotText) {
        els = els.filter((el) => !matchText(text(el), step.hasNotText));
      } else if (step.has) {
        els = els.filter((el) => apply([el], step.has).length > 0);
      } else if (step.visible !== undefined) {
        els = els.filter((el) => visible(el) === step.visible);
      } else if (step.nth !== undefined) {
        const i = step.nth < 0 ? els.length + step.nth : step.nth;
        els = els[i] ? [els[i]] : [];
      }
    }
    return els;
  };
  const els = apply(roots, steps);
  return (${String(ops)})(els, op, arg, roots);
}`;

// What a test reads of, or does to, the selected elements (runs in the test world; see QUERY).
function ops(els, op, arg, roots) {
  const norm = (s) => s.replace(/[\u200b\s]+/g, ' ').trim();
  const visible = (el) => {
    if (!el.isConnected) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && el.checkVisibility({ visibilityProperty: true, opacityProperty: false });
  };
  const focused = (el) => {
    if (!el.isConnected || !el.ownerDocument.hasFocus()) return false;
    let node = el;
    for (;;) {
      const root = node.getRootNode();
      if (root.activeElement !== node) return false;
      if (!(root instanceof ShadowRoot)) return true;
      node = root.host;
    }
  };
  const disabled = (el) => el.matches(':disabled') || el.closest('[aria-disabled="true"]') !== null;
  if (op === 'count') return els.length;
  if (op === 'unguard') {
    const guard = globalThis.__tbClickGuard;
    globalThis.__tbClickGuard = null;
    if (!guard) return { value: null };
    guard.off();
    return { value: guard.state };
  }
  if (op === 'element') return els.length === 1 ? els[0] : null;
  if (op === 'all') return els.map((el) => ({ text: el.textContent, visible: visible(el), attrs: Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])) }));
  if (els.length === 0) return { missing: true };
  if (els.length > 1 && !arg?.first) return { strict: els.length, html: els.slice(0, 3).map((e) => e.outerHTML.slice(0, 120)) };
  const el = els[0];
  const box = () => {
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  };
  switch (op) {
    case 'state':
      return {
        value: {
          attrs: Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])),
          text: el.textContent,
          innerText: el.innerText,
          value: 'value' in el ? el.value : null,
          visible: visible(el),
          focused: focused(el),
          checked: el.checked === true || el.getAttribute('aria-checked') === 'true',
          disabled: disabled(el),
          editable: !disabled(el) && !el.readOnly && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName)),
          empty: norm(el.textContent) === '' && !el.querySelector('img,svg,input'),
        },
      };
    case 'box':
      return { value: visible(el) ? box() : null };
    case 'actionable': {
      // Visible, enabled, and what the pointer would hit at its centre: Playwright's checks.
      if (!visible(el)) return { value: { why: 'not visible' } };
      if (arg.enabled && disabled(el)) return { value: { why: 'disabled' } };
      const b = box();
      const cx = b.x + b.width / 2;
      const cy = b.y + b.height / 2;
      const hit = el.getRootNode().elementFromPoint(cx, cy);
      // No element at all: the centre is outside its document's view (a frame's, or a scrolled box's).
      if (!hit) return { value: { why: 'out of view', scroll: true } };
      if (hit !== el && !el.contains(hit)) return { value: { why: 'covered by ' + hit.tagName.toLowerCase(), scroll: true } };
      return { value: { box: b } };
    }
    case 'guard':
      // Playwright's hit-target check, for our roots (see GUARD_CLICKS).
      globalThis.__tbClickGuard = guardClicks(el);
      return { value: true };
    case 'scroll':
      el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
      return { value: true };
    case 'scroll-nearest':
      // Within its own scrolled boxes (a panel's content), as Playwright scrolls before a click.
      el.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior: 'instant' });
      return { value: true };
    case 'focus':
      el.focus();
      return { value: focused(el) };
    case 'select':
      if (typeof el.select === 'function') el.select();
      return { value: true };
    case 'evaluate':
      return { value: new Function('return (' + arg.fn + ')')()(el, arg.arg) };
    default:
      return { error: 'unknown op ' + op };
  }
}

const textMatcher = (t) => (t instanceof RegExp ? { re: t.source, flags: t.flags } : { s: String(t) });

/** A chain of steps over our UI: the subset of Playwright's Locator the specs use. */
export class UiLocator {
  constructor(ui, within, steps) {
    this.ui = ui;
    this.withinSite = within; // a Playwright locator of the site's page, or null
    this.steps = steps;
  }

  get page() {
    return this.ui.page;
  }

  toString() {
    return `ourUi${this.withinSite ? '.within(…)' : ''} ${JSON.stringify(this.steps)}`;
  }

  #with(step) {
    return new UiLocator(this.ui, this.withinSite, [...this.steps, step]);
  }

  // Our parts, by their stable hooks (DESIGN.md §6).
  get badge() {
    return this.locator('[data-tb="badge"]');
  }

  get exportButton() {
    return this.locator('[data-tb="export"]');
  }

  get panel() {
    return this.locator('[data-tb="export-panel"]');
  }

  get hoverCard() {
    return this.locator('[data-tb="hover-card"]');
  }

  /** Only our UI whose host is inside this element of the site's page (a result card). */
  within(siteLocator) {
    return new UiLocator(this.ui, siteLocator, this.steps);
  }

  locator(css) {
    const visibleOnly = css.endsWith(':visible');
    const step = this.#with({ css: visibleOnly ? css.slice(0, -':visible'.length) : css });
    return visibleOnly ? step.#with({ visible: true }) : step;
  }

  filter({ hasText, hasNotText, has, visible } = {}) {
    let out = this;
    if (hasText !== undefined) out = out.#with({ hasText: textMatcher(hasText) });
    if (hasNotText !== undefined) out = out.#with({ hasNotText: textMatcher(hasNotText) });
    if (has) out = out.#with({ has: has.steps });
    if (visible !== undefined) out = out.#with({ visible });
    return out;
  }

  getByRole(role, { name } = {}) {
    return this.#with({ role, name: name === undefined ? undefined : textMatcher(name) });
  }

  first() {
    return this.#with({ nth: 0 });
  }

  last() {
    return this.#with({ nth: -1 });
  }

  nth(i) {
    return this.#with({ nth: i });
  }

  /** The site element's path from the document element (the page's world, read-only). */
  async #withinPath() {
    if (!this.withinSite) return null;
    const paths = await this.withinSite.evaluateAll((els) =>
      els.map((el) => {
        const steps = [];
        for (; el && el.parentElement; el = el.parentElement) steps.unshift([...el.parentElement.children].indexOf(el));
        return steps;
      }),
    );
    if (paths.length !== 1) throw new UiError(`within(): the site locator matched ${paths.length} elements`);
    return paths[0];
  }

  /** Runs `op` on what the steps select, across every scope; one answer per scope. */
  async #run(op, arg) {
    const within = await this.#withinPath();
    const scopes = await this.ui.scopes(within);
    const out = [];
    for (const scope of scopes) {
      if (scope.roots.length === 0) continue;
      const { result, exceptionDetails } = await scope.entry.cdp.send('Runtime.callFunctionOn', {
        functionDeclaration: QUERY,
        executionContextId: scope.world.id,
        arguments: [{ value: this.steps }, { value: op }, { value: arg ?? null }, ...scope.roots.map((objectId) => ({ objectId }))],
        returnByValue: true,
        userGesture: op === 'focus',
      });
      if (exceptionDetails) throw new UiError(exceptionDetails.exception?.description || exceptionDetails.text);
      out.push({ scope, value: result.value });
    }
    return out;
  }

  /** How many elements the steps select now. */
  async count() {
    return (await this.#run('count')).reduce((n, r) => n + r.value, 0);
  }

  /** Text and attributes of every selected element. */
  async all() {
    return (await this.#run('all')).flatMap((r) => r.value);
  }

  /** One element's answer to `op`: fails (strict) when none or several are selected. */
  async #one(op, arg) {
    const answers = (await this.#run(op, arg)).filter((r) => !r.value.missing);
    if (answers.length === 0) return { missing: true };
    if (answers.length > 1 || answers[0].value.strict) {
      const n = answers.reduce((k, r) => k + (r.value.strict || 1), 0);
      return { strict: n, detail: answers.map((r) => r.value.html).flat().filter(Boolean) };
    }
    const { scope, value } = answers[0];
    if (value.error) throw new UiError(value.error);
    return { scope, value: value.value };
  }

  /** Polls `op` until `ok(value)` or the timeout; returns the last answer. */
  async #until(op, arg, ok, timeout = 10_000) {
    const end = Date.now() + timeout;
    for (let i = 0; ; i++) {
      let got;
      try {
        got = await this.#one(op, arg);
      } catch (e) {
        if (!isTransient(e)) throw e;
        got = { transient: e.message };
      }
      if (ok(got)) return got;
      if (Date.now() > end) return got;
      await sleep(POLL_MS[Math.min(i, POLL_MS.length - 1)]);
    }
  }

  /** The element's state (attributes, text, value, visible, focused, checked, disabled…). */
  async state() {
    const got = await this.#one('state');
    return got.missing || got.strict ? null : got.value;
  }

  async getAttribute(name, { timeout } = {}) {
    const got = await this.#until('state', null, (g) => g.value, timeout);
    if (!got.value) throw new UiError(`${this}: ${describeMiss(got)}`);
    return got.value.attrs[name] ?? null;
  }

  async textContent({ timeout } = {}) {
    const got = await this.#until('state', null, (g) => g.value, timeout);
    if (!got.value) throw new UiError(`${this}: ${describeMiss(got)}`);
    return got.value.text;
  }

  async innerText({ timeout } = {}) {
    const got = await this.#until('state', null, (g) => g.value, timeout);
    if (!got.value) throw new UiError(`${this}: ${describeMiss(got)}`);
    return got.value.innerText;
  }

  async isVisible() {
    const s = await this.state();
    return !!s && s.visible;
  }

  /** The element's box in the page's viewport (frame mode: its frame's place added). */
  async boundingBox() {
    const got = await this.#one('box');
    if (!got.value) return null;
    return { ...got.value, x: got.value.x + got.scope.offset.x, y: got.value.y + got.scope.offset.y };
  }

  /** Runs `fn(element, arg)` in the test's own world beside our UI (never the page's world). */
  async evaluate(fn, arg, { timeout } = {}) {
    const got = await this.#until('evaluate', { fn: String(fn), arg }, (g) => 'value' in g, timeout);
    if (!('value' in got)) throw new UiError(`${this}: ${describeMiss(got)}`);
    return got.value;
  }

  async waitFor({ state = 'visible', timeout } = {}) {
    const want = {
      visible: (g) => g.value?.visible,
      hidden: (g) => g.missing || (g.value && !g.value.visible),
      attached: (g) => g.value,
      detached: (g) => g.missing,
    }[state];
    const got = await this.#until('state', null, want, timeout);
    if (!want(got)) throw new UiError(`${this}: not ${state} (${describeMiss(got)})`);
  }

  /** Waits until the element can take the pointer; its centre in the page's viewport. */
  async #target(enabled, timeout = 10_000) {
    const end = Date.now() + timeout;
    let last = null;
    let scrolled = false;
    let scrolledWithin = false;
    for (let i = 0; ; i++) {
      const got = await this.#one('actionable', { enabled }).catch((e) => {
        if (!isTransient(e)) throw e;
        return { transient: e.message };
      });
      if (got.value?.box) {
        const { box } = got.value;
        const x = box.x + box.width / 2 + got.scope.offset.x;
        const y = box.y + box.height / 2 + got.scope.offset.y;
        const viewport = this.page.viewportSize();
        const onScreen = !viewport || (x >= 0 && y >= 0 && x < viewport.width && y < viewport.height);
        if (onScreen) {
          // Stable: the same place twice in a row (no animation or layout still moving it).
          if (last && last.x === x && last.y === y) return { x, y, scope: got.scope };
          last = { x, y };
        } else if (!scrolled) {
          await this.#scrollIntoView(got.scope);
          scrolled = true;
          last = null;
        }
      } else {
        if (got.value?.scroll && !scrolledWithin) {
          await this.#one('scroll-nearest').catch(() => null);
          scrolledWithin = true;
        }
        last = null;
      }
      if (Date.now() > end) {
        throw new UiError(`${this}: cannot be clicked: ${got.value?.why || describeMiss(got)}`);
      }
      await sleep(POLL_MS[Math.min(i, POLL_MS.length - 1)]);
    }
  }

  async #scrollIntoView(scope) {
    if (scope.kind === 'frame') {
      // The frame's document does not scroll: its frame in the page does.
      await this.ui.scrollFrameIntoView(scope);
    } else {
      await this.#one('scroll');
    }
  }

  /** A click of the real mouse at the element's centre (a trusted event, as a user's). */
  async click({ timeout = 10_000 } = {}) {
    const end = Date.now() + timeout;
    for (;;) {
      const { x, y, scope } = await this.#target(true, Math.max(end - Date.now(), 0));
      await this.#one('guard');
      await this.page.mouse.click(x, y);
      const got = await this.#runIn(scope, 'unguard');
      if (got?.clicked) return;
      if (Date.now() > end) throw new UiError(`${this}: the click at ${Math.round(x)},${Math.round(y)} did not reach it (the layout moved)`);
    }
  }

  /** `op` in one scope, for ops that need no element (see 'unguard'). */
  async #runIn(scope, op) {
    const { result } = await scope.entry.cdp.send('Runtime.callFunctionOn', {
      functionDeclaration: QUERY,
      executionContextId: scope.world.id,
      arguments: [{ value: [] }, { value: op }, { value: null }],
      returnByValue: true,
    });
    return result?.value?.value ?? null;
  }

  /** The real mouse moved over the element. */
  async hover({ timeout } = {}) {
    const { x, y } = await this.#target(false, timeout);
    // From the page's corner, as a pointer arrives: a pointer already resting there (an earlier
    // hover, at the same place after a reload) would give the element no `mouseover` at all.
    await this.page.mouse.move(0, 0);
    await this.page.mouse.move(x, y, { steps: 4 });
  }

  /** Keyboard focus on the element (as Tab would put it there). */
  async focus({ timeout } = {}) {
    // A script's `focus()` with a user's activation (as Playwright's own `focus` does): it also
    // moves the browser's focus into an extension frame, which DevTools' DOM.focus does not.
    const got = await this.#until('focus', null, (g) => g.value === true, timeout);
    if (got.value !== true) throw new UiError(`${this}: cannot be focused (${describeMiss(got)})`);
  }

  /** Focus, then a key press of the real keyboard. */
  async press(key, options) {
    await this.focus(options);
    await this.page.keyboard.press(key);
  }

  /** Types `value` into the field as a user would: focus, select all, type (or delete). */
  async fill(value, options) {
    await this.focus(options);
    await this.#one('select');
    if (value === '') await this.page.keyboard.press('Delete');
    else await this.page.keyboard.insertText(value);
  }

  /** Several elements, one locator each (`nth`), for iterating. */
  async each() {
    const n = await this.count();
    return Array.from({ length: n }, (_, i) => this.nth(i));
  }
}

UiPage.prototype.scrollFrameIntoView = async function scrollFrameIntoView(scope) {
  const pageEntry = await this.session(this.page);
  const world = await this.world(pageEntry);
  // The frame element was resolved in the page's world when the scope was made; resolve it again
  // there by its place (scopes are remade on every poll).
  const { root } = await pageEntry.cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  let backendNodeId = null;
  const walk = (node) => {
    if (node.frameId === scope.world.frameId) backendNodeId = node.backendNodeId;
    for (const s of node.shadowRoots || []) walk(s);
    for (const c of node.children || []) walk(c);
  };
  walk(root);
  if (!backendNodeId) return;
  const { object } = await pageEntry.cdp.send('DOM.resolveNode', { backendNodeId, executionContextId: world.id });
  await pageEntry.cdp.send('Runtime.callFunctionOn', {
    functionDeclaration: 'function () { this.scrollIntoView({ block: "center", inline: "center", behavior: "instant" }); }',
    objectId: object.objectId,
  });
};

/**
 * Every badge the page shows, with the place its host takes in the site's page (DESIGN.md §6):
 * `{ slug, state, card, before, besideText }`. The person is the one named by the element just
 * before the host: its `/in/` link, or its text mapped through `names` (name → public id).
 */
export async function badgesOf(page, names = {}) {
  const ui = uiPage(page);
  const scopes = await ui.scopes(null);
  const out = [];
  for (const scope of scopes) {
    if (scope.roots.length === 0) continue;
    const asked = scope.entry.cdp.send('Runtime.callFunctionOn', {
      functionDeclaration: `function (...roots) {
        // false: no badge in this root (a frame host, the reader); undefined would not survive JSON.
        return roots.map((r) => { const b = r.querySelector('[data-tb="badge"]'); return b ? b.dataset.state || null : false; });
      }`,
      executionContextId: scope.world.id,
      arguments: scope.roots.map((objectId) => ({ objectId })),
      returnByValue: true,
    });
    // A badge frame the page replaced since `scopes` found it (a card read again) holds no badge.
    const { result, exceptionDetails } = scope.kind === 'frame' ? await asked.catch(() => ({ exceptionDetails: 'gone' })) : await asked;
    if (exceptionDetails) continue;
    result.value.forEach((state, i) => {
      if (state === false) return;
      const host = scope.kind === 'frame' ? scope.hosts[0] : scope.hosts[i];
      if (!host) return;
      out.push({ slug: personOf(host, names), state, card: host.card, before: host.before, besideText: host.besideText, hostPath: host.hostPath });
    });
  }
  return out;
}

function personOf(host, names) {
  if (host.beforeHref && host.beforeHref.includes('/in/')) {
    try {
      return decodeURIComponent(new URL(host.beforeHref, 'https://www.linkedin.com').pathname.split('/')[2]);
    } catch {
      return null;
    }
  }
  return (host.besideText && names[host.besideText]) || null;
}

class UiError extends Error {}

// A document that navigated or a frame that went away between two CDP calls: try again.
const isTransient = (e) =>
  /Cannot find context|No node with given id|Could not find node|Target closed|Session closed|detached|No frame|Execution context was destroyed|Inspected target navigated|Object reference chain/i.test(
    String(e?.message),
  );

const describeMiss = (got) =>
  got.missing ? 'not found' : got.strict ? `strict mode: ${got.strict} elements match` : got.transient ? got.transient : 'not ready';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The matchers specs use, for our UI as for the site's page: a UiLocator is polled over CDP; any
// other value goes to Playwright's own matcher.
const TEXT = (s, want, { contain = false, inner = false } = {}) => {
  const got = inner ? s.innerText : s.text;
  if (want instanceof RegExp) return want.test(got);
  const a = got.replace(/[\u200b\s]+/g, ' ').trim();
  const b = String(want).replace(/[\u200b\s]+/g, ' ').trim();
  return contain ? a.includes(b) : a === b;
};

function uiMatcher(name, check, describe) {
  return async function matcher(received, ...args) {
    if (!(received instanceof UiLocator)) {
      const base = this.isNot ? baseExpect(received).not : baseExpect(received);
      return base[name](...args).then(
        () => ({ pass: !this.isNot, message: () => '' }),
        (e) => ({ pass: this.isNot, message: () => e.message }),
      );
    }
    const options = (typeof args[args.length - 1] === 'object' && !(args[args.length - 1] instanceof RegExp) && args[args.length - 1]) || {};
    const timeout = options.timeout ?? this.timeout ?? 10_000;
    const end = Date.now() + timeout;
    let last;
    for (let i = 0; ; i++) {
      last = await check(received, ...args).catch((e) => {
        if (!isTransient(e)) throw e;
        return { pass: false, got: e.message };
      });
      if (last.pass !== this.isNot) break;
      if (Date.now() > end) break;
      await sleep(POLL_MS[Math.min(i, POLL_MS.length - 1)]);
    }
    return {
      pass: last.pass,
      name,
      message: () => `${received} ${this.isNot ? 'not ' : ''}${name}(${describe ? describe(...args) : args.map(String).join(', ')}) — got ${JSON.stringify(last.got)} after ${timeout} ms`,
    };
  };
}

const stateCheck = (f) => async (loc, ...args) => {
  const s = await loc.state();
  if (!s) return { pass: false, got: `${await loc.count()} elements` };
  return f(s, ...args);
};

/** Custom matchers for `expect`: every Playwright locator matcher the specs use on our UI. */
export const uiMatchers = {
  toHaveCount: uiMatcher('toHaveCount', async (loc, n) => {
    const got = await loc.count();
    return { pass: got === n, got };
  }),
  toHaveAttribute: uiMatcher(
    'toHaveAttribute',
    stateCheck((s, name, value) => {
      const got = s.attrs[name];
      if (value === undefined || (typeof value === 'object' && !(value instanceof RegExp))) return { pass: got !== undefined, got };
      if (got === undefined) return { pass: false, got: null };
      return { pass: value instanceof RegExp ? value.test(got) : got === String(value), got };
    }),
  ),
  toHaveText: uiMatcher('toHaveText', stateCheck((s, want) => ({ pass: TEXT(s, want), got: s.text }))),
  toContainText: uiMatcher('toContainText', stateCheck((s, want) => ({ pass: TEXT(s, want, { contain: true }), got: s.text }))),
  toHaveValue: uiMatcher('toHaveValue', stateCheck((s, want) => ({ pass: want instanceof RegExp ? want.test(s.value) : s.value === want, got: s.value }))),
  toBeVisible: uiMatcher('toBeVisible', async (loc) => {
    const s = await loc.state();
    return { pass: !!s && s.visible, got: s ? 'hidden' : 'absent' };
  }),
  toBeHidden: uiMatcher('toBeHidden', async (loc) => {
    const n = await loc.count();
    if (n === 0) return { pass: true, got: 'absent' };
    const s = await loc.state();
    return { pass: !!s && !s.visible, got: s ? (s.visible ? 'visible' : 'hidden') : `${n} elements` };
  }),
  toBeFocused: uiMatcher('toBeFocused', stateCheck((s) => ({ pass: s.focused, got: s.focused ? 'focused' : 'not focused' }))),
  toBeChecked: uiMatcher('toBeChecked', stateCheck((s) => ({ pass: s.checked, got: s.checked ? 'checked' : 'unchecked' }))),
  toBeDisabled: uiMatcher('toBeDisabled', stateCheck((s) => ({ pass: s.disabled, got: s.disabled ? 'disabled' : 'enabled' }))),
  toBeEnabled: uiMatcher('toBeEnabled', stateCheck((s) => ({ pass: !s.disabled, got: s.disabled ? 'disabled' : 'enabled' }))),
  toBeEditable: uiMatcher('toBeEditable', stateCheck((s) => ({ pass: s.editable, got: s.editable ? 'editable' : 'read-only' }))),
  toBeEmpty: uiMatcher('toBeEmpty', stateCheck((s) => ({ pass: s.empty, got: s.text }))),
  toHaveAccessibleName: uiMatcher('toHaveAccessibleName', async (loc, want) => {
    const got = await accessible(loc, 'name');
    return { pass: got !== null && TEXT({ text: got }, want), got };
  }),
  toHaveAccessibleDescription: uiMatcher('toHaveAccessibleDescription', async (loc, want) => {
    const got = await accessible(loc, 'description');
    return { pass: got !== null && TEXT({ text: got }, want), got };
  }),
};

/** The element's accessible name or description, as the browser's accessibility tree has it. */
async function accessible(loc, field) {
  const handle = await loc.elementObject();
  if (!handle) return null;
  const { node } = await handle.cdp.send('DOM.describeNode', { objectId: handle.objectId });
  const { nodes } = await handle.cdp.send('Accessibility.getPartialAXTree', { backendNodeId: node.backendNodeId, fetchRelatives: false });
  const ax = nodes.find((n) => n.backendDOMNodeId === node.backendNodeId) || nodes[0];
  return ax?.[field]?.value ?? '';
}

/** The one selected element as a remote object in its scope (for CDP calls on it). */
UiLocator.prototype.elementObject = async function elementObject() {
  const scopes = await this.ui.scopes(this.withinSite ? await this.withinSiteForObject() : null);
  const found = [];
  for (const scope of scopes) {
    if (scope.roots.length === 0) continue;
    const { result } = await scope.entry.cdp.send('Runtime.callFunctionOn', {
      functionDeclaration: QUERY,
      executionContextId: scope.world.id,
      arguments: [{ value: this.steps }, { value: 'element' }, { value: null }, ...scope.roots.map((objectId) => ({ objectId }))],
      returnByValue: false,
    });
    if (result.objectId) found.push({ cdp: scope.entry.cdp, objectId: result.objectId });
  }
  return found.length === 1 ? found[0] : null;
};

UiLocator.prototype.withinSiteForObject = async function withinSiteForObject() {
  const paths = await this.withinSite.evaluateAll((els) =>
    els.map((el) => {
      const steps = [];
      for (; el && el.parentElement; el = el.parentElement) steps.unshift([...el.parentElement.children].indexOf(el));
      return steps;
    }),
  );
  return paths.length === 1 ? paths[0] : null;
};
