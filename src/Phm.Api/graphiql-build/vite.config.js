import { defineConfig } from 'vite';

export default defineConfig({
  // The hub serves the bundle from this path (GraphiQLAssets.BasePath in ../Transport/GraphiQLAssets.cs).
  base: '/graphiql/',
  build: {
    outDir: '../wwwroot/graphiql',
    emptyOutDir: true,
    // Monaco (GraphiQL's editor) is large by nature; the warning would only be noise.
    chunkSizeWarningLimit: 5000,
    // Every bundled package's licence text, committed beside the bundle.
    license: { fileName: 'LICENSES.md' },
    rolldownOptions: {
      // React's "use client" markers mean nothing outside a server-components framework.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  worker: { format: 'es' },
});
