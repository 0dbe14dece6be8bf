// Upstream's vite.config.ts without its dev-only plugins (they start a Temporal CLI server and a UI
// server for `vite dev`); a production build only needs SvelteKit's plugin.
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  optimizeDeps: {
    include: ['date-fns', 'date-fns-tz'],
  },
});
