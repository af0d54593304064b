import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const pages = fileURLToPath(new URL('./pages/', import.meta.url));

// The drawing benchmark's three pages (Parley's drawing path, bare sigma, Cytoscape.js), built by bench/draw.ts
// into a temporary folder (outDir given there) and served with the generated data from 127.0.0.1.
export default defineConfig({
  root: pages,
  base: './',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      input: {
        parley: `${pages}parley.html`,
        sigma: `${pages}sigma.html`,
        cytoscape: `${pages}cytoscape.html`,
      },
    },
  },
  worker: { format: 'es' },
});
