#!/usr/bin/env bash
# Refresh the self-hosted JavaScript libraries under overrides/assets/vendor/ from the npm registry.
# The site loads nothing from a CDN: these files are served from the site itself.
#  - tablesort (sortable comparison tables);
#  - a partial plotly.js bundle with only the trace types the charts use (bar, heatmap; scatter comes with
#    the core). Its version follows the plotly.js that the installed Python package plotly ships, so figures
#    built at build time and the library that draws them agree. tests/test_charts.py checks that every figure
#    uses a trace type the bundle registers.
set -euo pipefail
cd "$(dirname "$0")/.."
TABLESORT_VERSION=5.6.0
PLOTLY_JS_VERSION=$(.venv/bin/python -c "from plotly.offline import get_plotlyjs_version as v; print(v())")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack --silent "tablesort@$TABLESORT_VERSION" >/dev/null && tar xzf tablesort-*.tgz)
out=overrides/assets/vendor/tablesort
mkdir -p "$out"
cp "$tmp/package/dist/tablesort.min.js" "$tmp/package/dist/sorts/tablesort.number.min.js" "$out/"
cp "$tmp/package/LICENCE" "$out/LICENCE.txt"
echo "tablesort $TABLESORT_VERSION -> $out"

cp scripts/plotly-bundle/index.js scripts/plotly-bundle/build.js "$tmp/"
(cd "$tmp" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund "plotly.js@$PLOTLY_JS_VERSION" \
  esbuild esbuild-plugin-inline-css esbuild-plugin-environment >/dev/null)
out=overrides/assets/vendor/plotly
mkdir -p "$out"
banner="/*! plotly.js v$PLOTLY_JS_VERSION, partial bundle for Plan Atlas (bar, heatmap, scatter). Copyright 2012-2026 Plotly, Inc. MIT licence: LICENSE.txt */"
(cd "$tmp" && node build.js index.js plotly-atlas.min.js "$banner")
cp "$tmp/plotly-atlas.min.js" "$out/"
cp "$tmp/node_modules/plotly.js/LICENSE" "$out/LICENSE.txt"
echo "plotly.js $PLOTLY_JS_VERSION (bar, heatmap) -> $out/plotly-atlas.min.js ($(wc -c < "$out/plotly-atlas.min.js") bytes)"
