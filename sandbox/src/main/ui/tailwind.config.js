// Upstream's tailwind.config.ts; the theme plugin (by file path: the package exports it for `import` only, and Tailwind loads its config with `require`) and the classes to keep come from the published package.
import { fontFamily } from 'tailwindcss/defaultTheme';

import temporal, { textStyles } from './node_modules/@temporalio/ui/dist/theme/plugin.js';

export default {
  content: [
    './src/**/*.{html,js,svelte,ts}',
    './node_modules/@temporalio/ui/dist/**/*.{html,js,svelte,ts}',
  ],
  darkMode: ['selector', '[data-theme="dark"]'],
  theme: {
    fontFamily: {
      sans: ['Inter', ...fontFamily.sans],
      mono: ['Noto Sans Mono', ...fontFamily.mono],
    },
    extend: {
      animation: {
        'spin-slow': 'spin 3s linear infinite',
      },
      zIndex: {
        100: '100',
      },
    },
  },
  plugins: [temporal, textStyles],
};
