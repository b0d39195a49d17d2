// Talent Bridge side panel, the tab's side (PRODUCT.md Q1, Q2): the side panel reads copies of this page and asks the
// site through this script, in every mode; nothing here inserts anything into the page or acts on the page's events.
// Messages: src/protocol/panel.rs. `loader.js` hands over the port once it is known to be our side panel's, and
// page_io.js (as for frames.js).
export function serve(port, { answer, at, copy }) {
  const send = (msg) => {
    try {
      port.postMessage(msg);
    } catch {}
  };
  // One "changed" until the panel asks for the copy that shows it.
  let told = false;
  const changed = () => told || ((told = true), send({ type: 'changed', url: location.href }));
  const observer = new MutationObserver(changed);
  observer.observe(document.documentElement, { childList: true, subtree: true });
  navigation.addEventListener('currententrychange', changed);
  port.onMessage.addListener(async (msg) => {
    if (msg.type === 'snapshot') (told = false), send({ type: 'snapshot', url: location.href, html: copy(msg.max_chars) });
    else if (msg.type === 'ask') send({ type: 'answer', re: msg.re, answer: await answer(msg.ask).catch(() => ({ kind: 'unanswered' })) });
    else if (msg.type === 'scroll_to') at(msg.path)?.scrollIntoView({ block: 'center' });
  });
  port.onDisconnect.addListener(() => {
    observer.disconnect();
    navigation.removeEventListener('currententrychange', changed);
  });
  changed();
}
