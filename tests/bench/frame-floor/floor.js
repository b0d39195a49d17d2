// The bench's frame floor (tests/bench/figures/frame.mjs): once the search page is parsed, 25
// extension frames go into it the way frame mode's `frames.js` places its badge frames (a host
// with a closed root, the frame sent to its address once in the page), each an empty document
// with one script that says it loaded. When all 25 have, the page's root says so for the bench.
(() => {
  const FRAMES = 25;
  // Sent to the dynamic id, a frame commits at the fixed one (as `frames.js` notes).
  const origin = `chrome-extension://${chrome.runtime.id}`;
  let loaded = 0;
  addEventListener('message', (event) => {
    if (event.origin !== origin || event.data !== 'tb-frame-floor') return;
    loaded += 1;
    if (loaded === FRAMES) document.documentElement.dataset.tbFrameFloor = String(loaded);
  });
  for (let i = 0; i < FRAMES; i++) {
    const host = document.createElement('span');
    const frame = document.createElement('iframe');
    frame.style.cssText = 'border:0;width:0;height:0;';
    host.attachShadow({ mode: 'closed' }).appendChild(frame);
    document.body.append(host);
    frame.contentWindow?.location.replace(`${chrome.runtime.getURL('frame.html')}#${i}`);
  }
})();
