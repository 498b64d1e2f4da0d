// The host page's build. Two settings matter for pqlscope under a strict CSP:
export default {
  build: {
    // No data: URLs (a small asset would be inlined, and default-src 'self' refuses data: fetches).
    assetsInlineLimit: 0,
  },
  // The dev server's dependency pre-bundling would separate the .wasm from its glue.
  optimizeDeps: { exclude: ['pqlscope'] },
};
