// Build Plan Atlas's partial plotly.js bundle with esbuild, as plotly.js's own esbuild-config.js does.
const esbuild = require('esbuild');
const { environmentPlugin } = require('esbuild-plugin-environment');
const InlineCSSPlugin = require('esbuild-plugin-inline-css');
const [entry, outfile, banner] = process.argv.slice(2);
esbuild.build({
  entryPoints: [entry], outfile, format: 'iife', globalName: 'Plotly', bundle: true, minify: true,
  legalComments: 'none', banner: { js: banner },
  plugins: [InlineCSSPlugin(), environmentPlugin({ NODE_DEBUG: false })],
  define: { global: 'window', 'define.amd': 'false' }, target: 'es2016', logLevel: 'warning',
}).catch(() => process.exit(1));
