import { defineConfig } from 'vite';

// Built by `npm run build` from the repository root into dist/web, which `cairn serve` serves at `/`.
// esbuild turns JSX into react/jsx-runtime calls; no React plugin (and so no fast refresh) needed.
export default defineConfig({
  root: 'web',
  base: '/',
  publicDir: 'public',
  esbuild: { jsx: 'automatic' },
  build: { outDir: '../dist/web', emptyOutDir: true, sourcemap: true, target: 'es2022', chunkSizeWarningLimit: 600 },
  server: { proxy: { '/api': 'http://127.0.0.1:4000' } },
});
