// The side panel as a test reaches it (issue #19). Chromium opens it for a window when an extension
// page calls `chrome.sidePanel.open` in a click: the test clicks the popup's "Open side panel" as a
// user would. The panel is then a CDP target of its own, not a Playwright page (it is not in
// `context.pages()`): the test attaches to it over the site page's CDP session and reads and acts
// there. It acts only with trusted input (the element's box, then CDP mouse and keyboard events on
// the panel's target); inside the badge's closed shadow roots it sees through the pierced DOM, in
// an isolated world of its own, as lib/our-ui.js does in the page.
import { EXTENSION_ID } from './browser.js';
import { GUARD_CLICKS } from './our-ui.js';

const WORLD = 'talent-bridge-test';

/**
 * Opens the side panel from the popup for the window of `sitePage`, then shows `sitePage`; `id`:
 * the extension's (a re-keyed copy's under policy).
 */
export async function openSidePanel(context, sitePage, id = EXTENSION_ID) {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${id}/popup.html`);
  await popup.locator('[data-tb="popup-side-panel"]').click();
  const cdp = await context.newCDPSession(sitePage);
  // Polled by hand: the bench opens it too, outside the test runner.
  let target = null;
  for (const started = Date.now(); !target; await new Promise((r) => setTimeout(r, 50))) {
    const { targetInfos } = await cdp.send('Target.getTargets');
    target = targetInfos.find((t) => t.url.startsWith(`chrome-extension://${id}/sidepanel.html`)) ?? null;
    if (!target && Date.now() - started > 10_000) throw new Error('the side panel did not open');
  }
  if (!popup.isClosed()) await popup.close();
  await sitePage.bringToFront();
  const panel = new SidePanel(cdp, target.targetId);
  await panel.attach();
  return panel;
}

export class SidePanel {
  constructor(cdp, targetId) {
    this.cdp = cdp;
    this.targetId = targetId;
    this.lastId = 0;
    this.waiting = new Map();
  }

  async attach() {
    const { sessionId } = await this.cdp.send('Target.attachToTarget', { targetId: this.targetId, flatten: false });
    this.sessionId = sessionId;
    this.cdp.on('Target.receivedMessageFromTarget', (e) => {
      if (e.sessionId !== this.sessionId) return;
      const msg = JSON.parse(e.message);
      const done = this.waiting.get(msg.id);
      if (!done) return;
      this.waiting.delete(msg.id);
      if (msg.error) done.reject(new Error(`${msg.error.message} (${done.method})`));
      else done.resolve(msg.result);
    });
    await this.send('Emulation.setFocusEmulationEnabled', { enabled: true }).catch(() => {});
  }

  /** One CDP command on the panel's target. */
  send(method, params = {}) {
    const id = ++this.lastId;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, method });
      this.cdp
        .send('Target.sendMessageToTarget', { sessionId: this.sessionId, message: JSON.stringify({ id, method, params }) })
        .catch(reject);
    });
  }

  /** `fn(...args)` in the panel's own world (our page: nothing of the site's runs there). */
  async evaluate(fn, ...args) {
    const { result, exceptionDetails } = await this.send('Runtime.evaluate', {
      expression: `(${fn})(...${JSON.stringify(args)})`,
      returnByValue: true,
      awaitPromise: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description || exceptionDetails.text);
    return result.value;
  }

  /** The people listed, in order: name, state, whether the filter shows them, their link. */
  rows() {
    return this.evaluate(() =>
      [...document.querySelectorAll('[data-tb="panel-person"]')].map((li) => ({
        name: li.querySelector('.name')?.textContent ?? '',
        state: li.dataset.state,
        shown: !li.hidden,
        href: li.querySelector('[data-tb="panel-open"]')?.getAttribute('href') ?? null,
      })),
    );
  }

  /** The panel's title and summary, and the filters' labels. */
  head() {
    return this.evaluate(() => ({
      title: document.querySelector('[data-tb="panel-title"]').textContent,
      summary: document.querySelector('[data-tb="panel-summary"]').textContent,
      filters: [...document.querySelectorAll('[data-tb="panel-filter"]')].map((b) => ({
        label: b.textContent,
        pressed: b.getAttribute('aria-pressed'),
      })),
      home: !document.querySelector('[data-tb="panel-home"]').hidden,
      filtersShown: getComputedStyle(document.querySelector('[data-tb="panel-filters"]')).display !== 'none',
    }));
  }

  /**
   * Every element matching `css` in the panel, its shadow roots included: text, data-* and aria-*
   * attributes, and box (viewport pixels; `null` when not rendered).
   */
  async query(css) {
    const { executionContextId } = await this.#world();
    const { root } = await this.send('DOM.getDocument', { depth: -1, pierce: true });
    const roots = [root.backendNodeId];
    const walk = (node) => {
      for (const shadow of node.shadowRoots || []) {
        if (shadow.shadowRootType !== 'user-agent') roots.push(shadow.backendNodeId);
        walk(shadow);
      }
      for (const child of node.children || []) walk(child);
    };
    walk(root);
    const found = [];
    for (const backendNodeId of roots) {
      const { object } = await this.send('DOM.resolveNode', { backendNodeId, executionContextId });
      const { result } = await this.send('Runtime.callFunctionOn', {
        objectId: object.objectId,
        functionDeclaration: DESCRIBE,
        arguments: [{ value: css }],
        returnByValue: true,
      });
      found.push(...result.value.map((e, index) => ({ ...e, root: object.objectId, index })));
    }
    return found;
  }

  /** The one element matching `css` (and `hasText`), or an error naming what was found. */
  async one(css, { hasText } = {}) {
    const all = (await this.query(css)).filter((e) => hasText === undefined || e.text.includes(hasText));
    if (all.length !== 1) throw new Error(`side panel: ${css} ${hasText ?? ''} matched ${all.length}`);
    return all[0];
  }

  /**
   * A trusted click in the middle of the one element matching `css`, once it is enabled and
   * nothing covers it. The panel's content loads in steps (quota, pools, vacancies), so the layout
   * may move between measuring and clicking: as Playwright does, a guard of the test's own world
   * stops a click that did not reach the element before anything hears it, and the click is tried
   * again. A click that cannot land in `timeout` ms is an error saying why.
   */
  async click(css, { hasText, timeout = 10_000 } = {}) {
    const end = Date.now() + timeout;
    let why = 'not tried';
    for (;;) {
      const found = await this.one(css, { hasText }).catch((e) => ({ error: e.message }));
      if (found.error) why = found.error;
      else {
        const { result } = await this.send('Runtime.callFunctionOn', {
          objectId: found.root,
          functionDeclaration: ARM,
          arguments: [{ value: css }, { value: found.index }],
          returnByValue: true,
          awaitPromise: true,
        });
        const armed = result.value;
        if (armed.box) {
          const x = armed.box.x + armed.box.width / 2;
          const y = armed.box.y + armed.box.height / 2;
          await this.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x, y });
          await this.send('Input.dispatchMouseEvent', { type: 'mousePressed', x, y, button: 'left', clickCount: 1 });
          await this.send('Input.dispatchMouseEvent', { type: 'mouseReleased', x, y, button: 'left', clickCount: 1 });
          const { executionContextId } = await this.#world();
          const { result: got } = await this.send('Runtime.evaluate', {
            expression: UNGUARD,
            contextId: executionContextId,
            returnByValue: true,
          });
          if (got.value?.clicked) return;
          why = `the click at ${Math.round(x)},${Math.round(y)} did not reach it (the layout moved)`;
        } else why = armed.why;
      }
      if (Date.now() > end) throw new Error(`side panel: ${css} ${hasText ?? ''}: ${why}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** A PNG of the panel as it shows now, written to `file`. */
  async screenshot(file) {
    const { data } = await this.send('Page.captureScreenshot', { format: 'png' });
    const fs = await import('node:fs');
    fs.writeFileSync(file, Buffer.from(data, 'base64'));
  }

  /** Clicks into the field `css`, then types `text` as the keyboard would. */
  async type(css, text) {
    await this.click(css);
    await this.send('Input.insertText', { text });
  }

  async #world() {
    const { frameTree } = await this.send('Page.getFrameTree');
    const id = frameTree.frame.loaderId;
    if (this.worldFor !== id) {
      this.world = await this.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: WORLD });
      this.worldFor = id;
    }
    return this.world;
  }
}

/** Runs on a document or shadow root: its elements matching the selector, described. */
const DESCRIBE = `function (css) {
  return [...this.querySelectorAll(css)].map((el) => {
    const r = el.getBoundingClientRect();
    const attrs = Object.fromEntries([...el.attributes].filter((a) => /^(data-|aria-|disabled|hidden|href)/.test(a.name)).map((a) => [a.name, a.value]));
    return { text: el.textContent.replace(/\\s+/g, ' ').trim(), attrs, box: r.width || r.height ? { x: r.x, y: r.y, width: r.width, height: r.height } : null };
  });
}`;

/**
 * Readies a click on the `index`th element matching `css`: scrolls it into view, checks that it is
 * enabled and is what the pointer hits at its centre, then guards the click (lib/our-ui.js
 * `GUARD_CLICKS`). Its box, or why not.
 */
const ARM = `async function (css, index) {
  ${GUARD_CLICKS}
  const el = this.querySelectorAll(css)[index];
  if (!el) return { why: 'gone' };
  el.scrollIntoView({ block: 'center' });
  await new Promise((r) => requestAnimationFrame(() => r()));
  if (el.matches(':disabled') || el.closest('[aria-disabled="true"]')) return { why: 'disabled' };
  const r = el.getBoundingClientRect();
  if (!r.width && !r.height) return { why: 'not rendered' };
  const box = { x: r.x, y: r.y, width: r.width, height: r.height };
  const root = el.getRootNode();
  const hit = root.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
  if (hit !== el && !el.contains(hit)) return { why: 'covered by ' + (hit ? hit.tagName.toLowerCase() : 'nothing') };
  globalThis.__tbPanelGuard = guardClicks(el);
  return { box };
}`;

/** Ends the guard `ARM` set; whether the click reached the element. */
const UNGUARD = `(() => {
  const guard = globalThis.__tbPanelGuard;
  globalThis.__tbPanelGuard = null;
  if (!guard) return null;
  guard.off();
  return guard.state;
})()`;
