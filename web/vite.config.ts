import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { antdStaticCss } from './scripts/antd-static-css.mjs';
import { THEME } from './src/theme.js';

/**
 * The web app: built into web/dist, which the API server serves beside /api/v1. Each page is its own chunk
 * (React.lazy in App.tsx); the heavy libraries get chunks of their own so a page loads only what it uses.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react(), antdStaticCss(THEME)],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ }],
        },
      },
    },
  },
  server: {
    proxy: { '/api': process.env.LUOSHI_API_URL ?? 'http://127.0.0.1:8080' },
  },
});
