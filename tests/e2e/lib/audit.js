// Accessibility audits of our UI in the real browser (issue #21, deliver 4).
//
// axe-core walks shadow roots through `element.shadowRoot`, which is null for a closed root: run
// in a document as is, it sees nothing of our badge, card and panel (measured: a nameless button,
// an image without alt and #eee-on-#fff text inside a closed root gave no finding). So it runs in
// an isolated world of the test's own (a CDP `Page.createIsolatedWorld`, as lib/our-ui.js reads
// our roots): there the roots DevTools finds through the pierced DOM are handed to axe as the
// hosts' `shadowRoot`. The shipped code and the document's own world are untouched; axe audits
// the live components, in the document that shows them (the site's page, an extension frame, the
// side panel, the popup), with the page's real layout and colours.
//
// `Accessibility.getFullAXTree` is the other audit: what the browser tells a screen reader about
// each of our controls (role, name, focusable, state), closed roots included.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WORLD = 'talent-bridge-audit';

/** `send(method, params)` over a Playwright CDP session. */
export const sender = (cdp) => (method, params) => cdp.send(method, params);

/** Every shadow root in the document that is not the browser's own: backend node ids. */
async function ourRoots(send) {
  const { root } = await send('DOM.getDocument', { depth: -1, pierce: true });
  const roots = [];
  const walk = (node) => {
    for (const shadow of node.shadowRoots || []) {
      if (shadow.shadowRootType !== 'user-agent') roots.push(shadow);
      walk(shadow);
    }
    for (const child of node.children || []) walk(child);
  };
  walk(root);
  return roots;
}

/** axe-core loaded into a fresh isolated world of the document; our roots open to it there. */
async function axeWorld(send) {
  const { frameTree } = await send('Page.getFrameTree');
  const { executionContextId } = await send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: WORLD });
  const loaded = await send('Runtime.evaluate', { expression: AXE, contextId: executionContextId });
  if (loaded.exceptionDetails) throw new Error(`axe-core did not load: ${loaded.exceptionDetails.text}`);
  const roots = await ourRoots(send);
  const objects = [];
  for (const r of roots) {
    const { object } = await send('DOM.resolveNode', { backendNodeId: r.backendNodeId, executionContextId });
    objects.push({ objectId: object.objectId });
  }
  return { id: executionContextId, roots: objects };
}

// Runs in the audit world: the hosts' closed roots as their `shadowRoot` (this world's prototype
// only; the document's own scripts see nothing of it).
const OPEN_ROOTS = `function (...roots) {
  const hosts = new Map(roots.map((r) => [r.host, r]));
  const own = Object.getOwnPropertyDescriptor(Element.prototype, 'shadowRoot').get;
  Object.defineProperty(Element.prototype, 'shadowRoot', {
    configurable: true,
    get() { return hosts.get(this) || own.call(this); },
  });
  return roots.length;
}`;

// Runs in the audit world: axe over `scope` ('ours': only what is in our roots; 'document': the
// whole document, which is ours). Returns the violations and how many elements axe walked, and
// how many of them inside our roots.
const RUN = `async function (scope, ...roots) {
  const context = scope === 'ours' ? roots.map((r) => r.host) : document;
  const tree = axe.utils.getFlattenedTree(document.documentElement);
  let walked = 0;
  let inRoots = 0;
  const inScope = (el) => scope !== 'ours' || roots.some((r) => r.contains(el));
  const count = (v) => {
    if (v.actualNode && v.actualNode.nodeType === 1 && inScope(v.actualNode)) {
      walked += 1;
      if (v.actualNode.getRootNode() instanceof ShadowRoot) inRoots += 1;
    }
    for (const c of v.children || []) count(c);
  };
  for (const v of tree) count(v);
  axe.teardown();
  const result = await axe.run(context, { resultTypes: ['violations'], iframes: false });
  return {
    walked,
    inRoots,
    violations: result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 200), summary: n.failureSummary })),
    })),
  };
}`;

// Runs in the audit world: adds a known violation to the first of our roots, or to the body of a
// document without any (a nameless button, #eee-on-#fff text); `false`: removes them.
const SEED = `function (add, ...roots) {
  const where = roots[0] || document.body;
  if (!add) {
    for (const el of where.querySelectorAll('[data-audit-seed]')) el.remove();
    return 0;
  }
  const button = document.createElement('button');
  button.setAttribute('data-audit-seed', 'button');
  const text = document.createElement('p');
  text.setAttribute('data-audit-seed', 'contrast');
  text.setAttribute('style', 'color:#eee;background:#fff;font-size:13px');
  text.textContent = 'Seeded low-contrast text';
  where.append(button, text);
  return 2;
}`;

/**
 * axe-core over one document: `{ walked, inRoots, violations }`; `scope: 'ours'` keeps it to our
 * roots (the site's page), `'document'` audits all of it (an extension document). `seed: true`
 * first adds a nameless button and unreadable text, which an audit that works must report.
 */
export async function axeAudit(send, { scope = 'document', seed = false } = {}) {
  const world = await axeWorld(send);
  const call = async (fn, args) => {
    const { result, exceptionDetails } = await send('Runtime.callFunctionOn', {
      functionDeclaration: fn,
      executionContextId: world.id,
      arguments: args,
      returnByValue: true,
      awaitPromise: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description || exceptionDetails.text);
    return result.value;
  };
  await call(OPEN_ROOTS, world.roots);
  if (seed) await call(SEED, [{ value: true }, ...world.roots]);
  try {
    return { roots: world.roots.length, ...(await call(RUN, [{ value: scope }, ...world.roots])) };
  } finally {
    if (seed) await call(SEED, [{ value: false }, ...world.roots]);
  }
}

/** The serious and critical findings, one line each (for an assertion's message). */
export const serious = (report) =>
  report.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${JSON.stringify(n.target)} ${n.html}`));

/** The rule ids reported on an element that a seed added. */
export const seededFindings = (report) =>
  new Set(report.violations.filter((v) => v.nodes.some((n) => n.html.includes('data-audit-seed'))).map((v) => v.id));

const CONTROLS = new Set(['button', 'link', 'checkbox', 'textbox', 'searchbox', 'combobox', 'radio', 'switch', 'menuitem', 'tab', 'option', 'slider', 'spinbutton']);
const prop = (node, name) => node.properties?.find((p) => p.name === name)?.value?.value;

/**
 * What the browser's accessibility tree says of every control in our roots of the page (closed
 * ones included): `{ nodes, controls, problems }`. A control needs a role, a name, to be focusable
 * unless disabled, and its state (a checkbox's `checked`, a disclosure's `expanded`). `seed:
 * true` first adds a nameless button and a `role=button` that takes no focus to our first root.
 */
export async function axTreeAudit(send, { seed = false } = {}) {
  let seeded = null;
  if (seed) {
    const world = await axeWorld(send);
    seeded = world;
    const { exceptionDetails } = await send('Runtime.callFunctionOn', {
      functionDeclaration: `function (root) {
        const nameless = document.createElement('button');
        nameless.setAttribute('data-audit-seed', 'nameless');
        const stuck = document.createElement('span');
        stuck.setAttribute('role', 'button');
        stuck.setAttribute('data-audit-seed', 'unfocusable');
        stuck.textContent = 'Seeded';
        root.append(nameless, stuck);
      }`,
      executionContextId: world.id,
      arguments: [world.roots[0]],
    });
    if (exceptionDetails) throw new Error(exceptionDetails.text);
  }
  try {
    const roots = await ourRoots(send);
    const ours = new Map();
    const walk = (node) => {
      ours.set(node.backendNodeId, node);
      for (const shadow of node.shadowRoots || []) walk(shadow);
      for (const child of node.children || []) walk(child);
    };
    roots.forEach(walk);
    const { nodes } = await send('Accessibility.getFullAXTree', {});
    const mine = nodes.filter((n) => !n.ignored && ours.has(n.backendDOMNodeId));
    const problems = [];
    const controls = [];
    for (const n of mine) {
      const role = n.role?.value;
      if (!CONTROLS.has(role)) continue;
      const dom = ours.get(n.backendDOMNodeId);
      const attrs = Object.fromEntries(chunk(dom.attributes || []));
      const name = String(n.name?.value ?? '').trim();
      const disabled = prop(n, 'disabled') === true;
      const focusable = prop(n, 'focusable') === true;
      const what = `${role} <${dom.localName}${attrs['data-tb'] ? ` data-tb="${attrs['data-tb']}"` : ''}${attrs['data-audit-seed'] ? ` data-audit-seed="${attrs['data-audit-seed']}"` : ''}> "${name}"`;
      controls.push({ role, name, disabled, focusable, hook: attrs['data-tb'] ?? null, seed: attrs['data-audit-seed'] ?? null });
      if (!name) problems.push(`${what}: no accessible name`);
      if (!disabled && !focusable) problems.push(`${what}: not focusable`);
      if (role === 'checkbox' && prop(n, 'checked') === undefined) problems.push(`${what}: no checked state`);
      if (attrs['aria-expanded'] !== undefined && prop(n, 'expanded') === undefined) problems.push(`${what}: no expanded state`);
    }
    return { nodes: mine.length, controls, problems };
  } finally {
    if (seeded) {
      await send('Runtime.callFunctionOn', {
        functionDeclaration: `function (root) { for (const el of root.querySelectorAll('[data-audit-seed]')) el.remove(); }`,
        executionContextId: seeded.id,
        arguments: [seeded.roots[0]],
      });
    }
  }
}

const chunk = (flat) => {
  const out = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i], flat[i + 1]]);
  return out;
};
