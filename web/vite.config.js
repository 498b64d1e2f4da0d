// The dashboard's build. web/ consumes the root package by name ("pqlscope", "pqlscope/worker"):
// web/ sits inside the package, so Node's self-reference resolves the name through the root
// package.json "exports", exactly as for an installed dependency (no alias, no file: link).
import { defineConfig } from 'vite';
import { exampleAssets } from './plugins/example-assets.js';

export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  base: './',
  // No public/ folder in git: the bundled example is copied in by the plugin at build time.
  publicDir: false,
  plugins: [exampleAssets()],
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    // Inline nothing: a strict CSP (default-src 'self') forbids data: URLs.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
