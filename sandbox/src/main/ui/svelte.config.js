// The Temporal UI's own svelte.config.js (temporalio/ui v2.38.0), with one change: the UI's library code
// ($lib) is not a source tree here but the published package, so `files.lib` points at its dist folder.
// The route files under src/routes are the upstream ones, unmodified, so the pages mount exactly as in
// the real UI server's build (`pnpm build:server`).
import adapter from '@sveltejs/adapter-static';
import preprocess from 'svelte-preprocess';

const buildPath = process.env.BUILD_PATH || 'build';

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: [preprocess({ postcss: true })],
  kit: {
    files: {
      lib: 'node_modules/@temporalio/ui/dist',
    },
    alias: {
      $types: 'node_modules/@temporalio/ui/dist/types',
      '$types/*': 'node_modules/@temporalio/ui/dist/types/*',
    },
    adapter: adapter({
      fallback: 'index.html',
      pages: buildPath,
      assets: buildPath,
    }),
    prerender: {
      entries: [],
    },
    csp: {
      mode: 'auto',
      directives: { 'script-src': ['strict-dynamic'] },
    },
  },
};
