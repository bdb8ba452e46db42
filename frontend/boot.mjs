// Starts the app. Kept out of index.html so that the page's CSP allows no
// inline script. Trunk writes frontend.js / frontend_bg.wasm beside this file.
import init from './frontend.js';

const wasm = await init({ module_or_path: new URL('./frontend_bg.wasm', import.meta.url) });
// Benchmarks read the size of the wasm memory (it only grows: its peak).
window.__eventmapWasmBytes = () => wasm.memory.buffer.byteLength;
