#!/usr/bin/env bash
# Refresh the self-hosted JavaScript libraries under overrides/assets/vendor/ from the npm registry.
# The site loads nothing from a CDN: these files are served from the site itself.
set -euo pipefail
cd "$(dirname "$0")/.."
TABLESORT_VERSION=5.6.0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "tablesort@$TABLESORT_VERSION" >/dev/null && tar xzf tablesort-*.tgz)
out=overrides/assets/vendor/tablesort
mkdir -p "$out"
cp "$tmp/package/dist/tablesort.min.js" "$tmp/package/dist/sorts/tablesort.number.min.js" "$out/"
cp "$tmp/package/LICENCE" "$out/LICENCE.txt"
echo "tablesort $TABLESORT_VERSION -> $out"
