// Talent Bridge frame mode, the content script's side (DESIGN.md §2 "Strict page CSP"): the page refuses WebAssembly,
// so the module runs in extension frames (a hidden reader planning badges from copies of the page; a frame per badge, at
// once or when the user reaches for its look, looks.js); this script only carries out (src/protocol/frame.rs).
// Ports are named with tokens only it knows; roots are closed; only the user moves anything (PRODUCT.md S5).
const FRAME = chrome.runtime.getURL('frame.html');
const COMMITTED = `chrome-extension://${chrome.runtime.id}/frame.html#`; // sent to the dynamic id, at the fixed one
const HOST_CSS = { reader: 'display:none', badge: 'display:inline-block;position:relative;vertical-align:middle;width:0;height:0;' };
const FRAME_CSS = 'border:0;padding:0;margin:0;background:transparent;color-scheme:normal;position:absolute;left:0;top:0;width:0;height:0;z-index:2147483000;';
// `io`: page_io.js, and `looks`: looks.js, which `loader.js` imports beside this module (a module of ours imported by a
// content script cannot import another: the site's origin is what may fetch them, not ours).
export function start({ answer, at, copy }, looks) {
  const frames = new Map(); // token → { role, id, host, root, frame, look, init, shown, woken, queue (until connected), port, pointer }
  let reader = null;
  const tokenOf = (id) => [...frames].find(([, f]) => f.role === 'badge' && f.id === id)?.[0];
  const send = (token, msg) => (frames.get(token)?.port ? frames.get(token).port.postMessage(msg) : frames.get(token)?.queue?.push(msg));
  const toBadges = (msg, only = () => true) => frames.forEach((f, token) => f.role === 'badge' && only(f) && send(token, msg));
  // No `src`: no attribute may name our address; the frame is sent there once it is in the page.
  const frameIn = (f, token) => {
    f.frame = Object.assign(document.createElement('iframe'), { style: FRAME_CSS, title: chrome.i18n.getMessage('extName') });
    f.frame.dataset.tbFrame = f.role;
    f.root.appendChild(f.frame);
    f.name = `${f.role}:${token}${f.woken ? ':now' : ''}`; // `now`: the user is reaching for it (frame.js)
    f.frame.contentWindow?.location.replace(`${FRAME}#${f.name}`);
  };
  const place = (role, id, put, look, init) => {
    const [token, host] = [crypto.randomUUID(), Object.assign(document.createElement('span'), { style: HOST_CSS[role] })];
    Object.assign(host.dataset, { talentBridge: role }, role === 'badge' && { tbId: String(id) });
    const f = { role, id, host, root: host.attachShadow({ mode: 'closed' }), init, queue: look ? null : [init].filter(Boolean) };
    frames.set(token, f);
    if (look) looks.draw(f, look, (how) => wake(f, token, how));
    put(host);
    if (!look) frameIn(f, token);
    return token;
  };
  // The user reached for a badge shown by its look: its frame is made and told what the look showed.
  const wake = (f, token, how) => {
    if (f.frame || frames.get(token) !== f) return;
    Object.assign(f, { woken: how, pointer: how === 'pointer', queue: [f.init, f.shown, how === 'pointer' && { type: 'pointer_over' }].filter(Boolean) });
    frameIn(f, token);
  };
  const drop = (token) => { frames.get(token)?.host.remove(); frames.get(token)?.port?.disconnect(); frames.delete(token); };
  // A reader gone (the page threw it away, its frame died): everything starts again.
  const startOver = () => ([...frames.keys()].forEach(drop), (reader = place('reader', 0, (host) => document.body.append(host))));
  const apply = ({ remove, add, update }) => {
    // Paths name elements of the copy that was read: all are found before anything moves.
    const found = add.map(({ path }) => at(path));
    remove.forEach((id) => drop(tokenOf(id)));
    // A badge framed later is framed with its page as it is then.
    for (const [id, page, f = frames.get(tokenOf(id))] of update) (f && (f.init.init.page = page), send(tokenOf(id), { type: 'page', page }));
    add.forEach(({ id, tag, init, look }, i) => {
      if (found[i]?.tagName === tag) place('badge', id, (host) => found[i].after(host), look, { type: 'init', init, width: innerWidth, height: innerHeight });
    });
  };
  // A frame woken by focus in its look takes the focus with the look's place.
  const shown = (f, size) => {
    const woke = looks.off(f, HOST_CSS.badge) && f.woken === 'focus';
    [f.host.style.width, f.host.style.height, f.frame.style.width, f.frame.style.height] = size.map((n) => `${n}px`);
    if (woke) (f.frame.focus(), f.port?.postMessage({ type: 'focus' }));
  };
  // Its frame, once made, is told; a badge still shown by its look is drawn anew (`looks.js`), or framed if it has none.
  const showIn = (token, msg, look, f = frames.get(token)) =>
    f && ((f.shown = msg), send(token, msg), f.look && !looks.redraw(f, look) && wake(f, token, 'answer'));
  const heard = async (f, msg) => {
    if (f.role === 'reader' && msg.type === 'snapshot') send(reader, { type: 'snapshot', url: location.href, html: copy(msg.max_chars) });
    else if (f.role === 'reader' && msg.type === 'style') looks.style(msg.css);
    else if (f.role === 'reader' && msg.type === 'apply') apply(msg.plan);
    else if (f.role === 'reader' && msg.type === 'show') showIn(tokenOf(msg.id), { type: 'show', badge: msg.badge }, msg.look);
    else if (f.role === 'badge' && msg.type === 'size') shown(f, [...msg.row, ...msg.all]);
    else if (f.role === 'badge' && msg.type === 'pointer_in') f.pointer = true;
    else if (f.role === 'badge' && msg.type === 'ask') f.port?.postMessage({ type: 'answer', re: msg.re, answer: await answer(msg.ask).catch(() => ({ kind: 'unanswered' })) });
  };
  // One connection per frame we made, from that frame (a copy the page made gets nothing); roles never mix.
  chrome.runtime.onConnect.addListener((port) => {
    if (port.name === 'panel') return; // the side panel's, which `loader.js` serves
    const [, token] = String(port.name).split(':');
    const f = frames.get(token);
    const ours = [COMMITTED, `${FRAME}#`].some((at) => String(port.sender?.url).startsWith(at));
    if (!ours || !f?.queue || port.name !== f.name) return port.disconnect();
    f.queue.forEach((msg) => port.postMessage(msg));
    Object.assign(f, { port, queue: null });
    port.onMessage.addListener((msg) => heard(f, msg));
    port.onDisconnect.addListener(() => (f.role === 'reader' && frames.has(token) ? startOver() : (f.port = null)));
  });
  // Any change but our own frames going in is news for the reader (made anew if the page threw it away).
  const changed = () => (frames.get(reader)?.host.isConnected ? send(reader, { type: 'changed', url: location.href }) : startOver());
  const ours = (node) => [...frames.values()].some((f) => f.host === node);
  const onlyOurs = (records) => records.every((r) => !r.removedNodes.length && r.addedNodes.length && [...r.addedNodes].every(ours));
  new MutationObserver((records) => onlyOurs(records) || changed()).observe(document.body, { childList: true, subtree: true });
  navigation.addEventListener('currententrychange', changed);
  // A trusted pointer event the page sees means the pointer left our frames, which do not notice it themselves.
  const left = (e) => e.isTrusted && toBadges({ type: 'pointer_left' }, (f) => f.pointer && e.target !== f.host && !(f.pointer = false));
  for (const type of ['mouseover', 'mousemove']) document.addEventListener(type, left, true);
  addEventListener('keydown', (e) => e.key === 'Escape' && e.isTrusted && toBadges({ type: 'escape' }), true);
  addEventListener('resize', () => toBadges({ type: 'viewport', width: innerWidth, height: innerHeight }));
  chrome.runtime.onMessage.addListener((event, sender) => sender.id === chrome.runtime.id && !sender.tab && toBadges({ type: 'event', event: JSON.stringify(event) }));
  startOver();
}
