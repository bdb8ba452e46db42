// Starts the app. Kept out of index.html so that the page's CSP allows no
// inline script. Trunk writes frontend.js / frontend_bg.wasm beside this file.
import init from './frontend.js';

await init({ module_or_path: new URL('./frontend_bg.wasm', import.meta.url) });
