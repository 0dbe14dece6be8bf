// Upstream's postcss.config.cjs minus cssnano (Vite already minifies the CSS of a production build).
module.exports = {
  plugins: [
    require('autoprefixer')(),
    require('tailwindcss/nesting')(),
    require('tailwindcss')(),
  ],
};
