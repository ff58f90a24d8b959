#!/usr/bin/env bash
# The PKCS#11 binding (pkcs11js, token signing) is an optional dependency: `npm install` on a machine without a C++
# tool chain skips it instead of failing, so the demo still installs. The tests need it: once setup-system.sh has
# installed g++, make and python3, this builds it (npm rebuild, or a fresh install of the skipped package).
set -euo pipefail
cd "$(dirname "$0")/.."
loads() { node -e "require('pkcs11js')" >/dev/null 2>&1; }
loads && exit 0
for tool in g++ make python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "setup: the token binding (pkcs11js) needs $tool; run bash scripts/setup-system.sh first" >&2; exit 1; }
done
echo "setup: building the token binding (pkcs11js), skipped by npm install without build tools"
log="$(mktemp)"
if [ -d node_modules/pkcs11js ]; then npm rebuild pkcs11js >"$log" 2>&1 || true
else
  # A plain `npm install` keeps treating the skipped optional package as settled: name the locked version.
  version="$(node -p "require('./package-lock.json').packages['node_modules/pkcs11js'].version")"
  npm install --no-audit --no-fund --no-save "pkcs11js@$version" >"$log" 2>&1 || true
fi
if loads; then rm -f "$log"; echo "setup: token binding built"; exit 0; fi
tail -n 20 "$log" >&2
echo "setup: the token binding (pkcs11js) did not build (full log: $log)" >&2
exit 1
