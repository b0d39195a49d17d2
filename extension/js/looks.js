// Talent Bridge frame mode's looks (DESIGN.md §2 "Strict page CSP"): a badge without the Export to CRM button is drawn
// in the page from the reader's look of it (src/protocol/frame.rs, `Look`) until the user reaches for it; `frames.js`
// then makes its frame, which takes the look's place once it has shown itself. Only the user's pointer or focus inside
// the closed root wakes it (PRODUCT.md S5): the page reaches the host alone, which it may make focusable, never inside.
const TAGS = ['span', 'a', 'button']; // what a look holds (`LOOK_TAGS`)
const HOST_CSS = 'display:inline-block;position:relative;vertical-align:middle;';
const sheet = new CSSStyleSheet(); // a constructed sheet: no page CSP to meet

/** The looks' style sheet, as the reader sends it. */
export const style = (css) => sheet.replaceSync(css);

// Elements made one by one (no HTML parsed), of a badge row's tags only, with no event handler attribute.
const build = (node) => {
  if (typeof node === 'string') return document.createTextNode(node);
  const [tag, attrs, children] = node;
  if (!TAGS.includes(tag)) return document.createTextNode('');
  const el = document.createElement(tag);
  attrs.filter(([name]) => !/^on/i.test(name)).forEach(([name, value]) => el.setAttribute(name, value));
  children.forEach((child) => el.append(build(child)));
  return el;
};

/** Draws `look` in the badge `f`'s closed root, in place of its last; the first calls `wake('pointer' | 'focus')`. */
export const draw = (f, look, wake) => {
  const row = build(look);
  if (f.look) f.look.replaceWith(row);
  else {
    [f.root.adoptedStyleSheets, f.host.style] = [[sheet], HOST_CSS];
    f.root.append(row);
    f.root.addEventListener('mouseover', (e) => e.isTrusted && wake('pointer'));
    f.root.addEventListener('focusin', (e) => e.isTrusted && wake('focus'));
    // The look's controls are not the site's: its router and shortcuts do not hear them.
    for (const type of ['click', 'keydown', 'keyup', 'keypress']) f.root.addEventListener(type, (e) => e.stopPropagation());
  }
  f.look = row;
};

/** The badge's answer for a badge still shown by its look: drawn anew; `false` if the reader sent none. */
export const redraw = (f, look) => Boolean(look) && (draw(f, look), true);

/** The badge's frame has shown itself: the look goes, the host takes `hostCss`; whether there was one. */
export const off = (f, hostCss) => {
  if (!f.look) return false;
  f.look.remove();
  [f.look, f.root.adoptedStyleSheets, f.host.style] = [null, [], hostCss];
  return true;
};
