// Talent Bridge popup and options pages: load the Yew app and mount the view the page asks for.
import init, { mount } from './pages/talent_bridge_pages.js';

await init({ module_or_path: new URL('./pages/talent_bridge_pages_bg.wasm', import.meta.url) });
mount(document.body.dataset.view);
