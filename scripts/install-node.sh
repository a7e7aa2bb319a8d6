#!/usr/bin/env bash
# Installs Node <major> from the npm registry's `node` package (its binary ships inside the package) under
# .cache/node/<major> of this clone, once; prints the path of its `node` binary. Used by .ci/run and
# bench/memory.mjs to run on every Node the package supports, with nothing installed by hand.
set -euo pipefail
major="$1"
root="$(cd "$(dirname "$0")/.." && pwd)"
prefix="$root/.cache/node/$major"
bin="$prefix/node_modules/node/bin/node"
if [ ! -x "$bin" ] || [ "$("$bin" --version | cut -d. -f1)" != "v$major" ]; then
  mkdir -p "$prefix"
  [ -f "$prefix/package.json" ] || echo '{ "private": true }' > "$prefix/package.json"
  npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error "node@$major" >&2
fi
"$bin" --version >&2
echo "$bin"
