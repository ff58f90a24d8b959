#!/usr/bin/env bash
# The system tools saoy's tests and demo need, found or installed in one place (used by `.ci/run`, `npm start`,
# `npm test`). Fast and silent when everything is there: no apt-get at all then.
#
#   scripts/setup-system.sh [--for test|start] [--check]
#
#   --for test   (default) everything the tests need; anything missing that cannot be installed stops the run
#   --for start  the demo: a missing browser is only a warning (`npm start` then serves the portal without one)
#   --check      only say what is missing (exit 1 when something is), never install
#
# The browser is the first of: $SAOY_BROWSER (a path, or "none" for no browser), /usr/bin/chromium, then
# chromium, chromium-browser, google-chrome, google-chrome-stable on PATH — the same order as
# demo-portal/browser-path.ts, which the tests and `npm start` use. SAOY_NO_INSTALL=1 is the same as --check
# but does not fail for the browser under --for start.
set -euo pipefail

purpose=test
check_only=0
while [ $# -gt 0 ]; do
  case "$1" in
    --for) purpose="${2:-}"; shift 2 ;;
    --check) check_only=1; shift ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "setup-system: unknown option $1 (use --for test|start, --check)" >&2; exit 2 ;;
  esac
done
case "$purpose" in test|start) ;; *) echo "setup-system: --for takes test or start" >&2; exit 2 ;; esac

# command → Debian package that provides it
declare -A PKG=(
  [pdfsig]=poppler-utils [pdftotext]=poppler-utils [pdftoppm]=poppler-utils
  [mutool]=mupdf-tools [qpdf]=qpdf [openssl]=openssl [certutil]=libnss3-tools
  [softhsm2-util]=softhsm2 [pkcs11-tool]=opensc [unzip]=unzip
  [g++]=g++ [make]=make [python3]=python3 # node-gyp builds the pkcs11js binding (token signing) in npm ci
)

# A browser that actually starts: Ubuntu's chromium-browser/chromium are snap stubs that only print
# "requires the chromium snap" where snapd is missing (containers, chroots, WSL).
runs() { if command -v timeout >/dev/null 2>&1; then timeout 20 "$1" --version >/dev/null 2>&1; else "$1" --version >/dev/null 2>&1; fi; }

find_browser() {
  if [ -n "${SAOY_BROWSER:-}" ]; then
    [ "$SAOY_BROWSER" != none ] && [ -x "$SAOY_BROWSER" ] && echo "$SAOY_BROWSER"
    return 0
  fi
  if [ -x /usr/bin/chromium ] && runs /usr/bin/chromium; then echo /usr/bin/chromium; return 0; fi
  local b p
  for b in chromium chromium-browser google-chrome google-chrome-stable; do
    p="$(command -v "$b" 2>/dev/null)" || continue
    if runs "$p"; then echo "$p"; return 0; fi
  done
  # The snap's own launcher, when /snap/bin is not on PATH (e.g. under sudo).
  if [ -x /snap/bin/chromium ] && runs /snap/bin/chromium; then echo /snap/bin/chromium; return 0; fi
}

on_ubuntu() {
  local line
  [ -r /etc/os-release ] || return 1
  while IFS= read -r line; do [ "$line" = ID=ubuntu ] && return 0; done </etc/os-release
  return 1
}
snap_works() { command -v snap >/dev/null 2>&1 && [ -S /run/snapd.socket ] && snap version >/dev/null 2>&1; }
CHROME_DEB=https://dl.google.com/linux/direct/google-chrome-stable_current_amd64.deb
ubuntu_browser_help() {
  echo "setup: on Ubuntu the chromium package is a snap; here snapd is not running, so it cannot work. Either:" >&2
  echo "  sudo snap install chromium          (a desktop or server Ubuntu with snapd)" >&2
  echo "  wget -O /tmp/chrome.deb $CHROME_DEB && sudo apt-get install -y /tmp/chrome.deb   (Google Chrome)" >&2
  echo "or set SAOY_BROWSER=/path/to/chromium-or-chrome." >&2
}

missing=()
for cmd in "${!PKG[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${PKG[$cmd]}")
done
# A font with Vietnamese coverage for the pages the browser renders (screenshots, the demo original).
[ -d /usr/share/fonts/truetype/noto ] || missing+=(fonts-noto-core)
# OpenSC's PKCS#11 module loads the PC/SC library at run time (not a package dependency): without it the module
# cannot even initialise (CKR_GENERAL_ERROR), where with it and no reader it answers "no token" as on a user's PC.
compgen -G '/usr/lib/*/libpcsclite.so.1' >/dev/null || compgen -G '/lib/*/libpcsclite.so.1' >/dev/null || missing+=(libpcsclite1)

browser="$(find_browser || true)"
browser_missing=0
if [ -z "$browser" ]; then
  browser_missing=1
  # Installing cannot help when SAOY_BROWSER names a path: that path is what was asked for. On Ubuntu no apt
  # package gives a working Chromium (see ubuntu_browser_help): the browser is handled after the apt packages.
  if [ -z "${SAOY_BROWSER:-}" ] && ! on_ubuntu; then missing+=(chromium); fi
fi

# Ubuntu: snap when snapd runs (and we may install), otherwise one clear message; the apt packages still install.
ubuntu_browser() {
  [ "$browser_missing" = 1 ] && [ -z "${SAOY_BROWSER:-}" ] && on_ubuntu || return 0
  if [ "$check_only" = 0 ] && [ "${SAOY_NO_INSTALL:-}" != 1 ] && snap_works && { [ "$(id -u)" = 0 ] || sudo -n true 2>/dev/null; }; then
    echo "setup: installing the chromium snap (Ubuntu's Chromium)"
    if { [ "$(id -u)" = 0 ] && snap install chromium || sudo -n snap install chromium; } >/dev/null 2>&1 && [ -n "$(find_browser || true)" ]; then
      echo "setup: installed chromium (snap)"; browser_missing=0; return 0
    fi
  fi
  ubuntu_browser_help
  if [ "$purpose" = start ]; then echo "setup: the demo serves the portal without opening a browser" >&2; return 0; fi
  return 1
}

if [ "$purpose" = start ]; then
  # The demo needs only the browser (and its fonts); the test tools are not its business.
  start_missing=()
  for p in "${missing[@]}"; do case "$p" in chromium|fonts-noto-core) start_missing+=("$p") ;; esac; done
  missing=("${start_missing[@]}")
fi

if [ ${#missing[@]} -eq 0 ]; then
  if [ "$browser_missing" = 1 ] && on_ubuntu && [ -z "${SAOY_BROWSER:-}" ]; then ubuntu_browser; exit $?; fi
  if [ "$browser_missing" = 1 ]; then
    if [ "$purpose" = start ]; then
      echo "setup: no browser (SAOY_BROWSER=${SAOY_BROWSER}): the demo serves the portal without opening one" >&2
      exit 0
    fi
    echo "setup: SAOY_BROWSER=${SAOY_BROWSER} is not an executable browser; unset it or give the path of chromium or chrome" >&2
    exit 1
  fi
  exit 0
fi

mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
apt_line="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" = 0 ]; then one_command="$apt_line"
elif command -v sudo >/dev/null 2>&1; then one_command="sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}"
else one_command="su -c '$apt_line'"  # no sudo (e.g. a minimal Debian): root's password
fi

can_install() {
  [ "$check_only" = 0 ] && [ "${SAOY_NO_INSTALL:-}" != 1 ] && command -v apt-get >/dev/null 2>&1 || return 1
  if [ "$(id -u)" = 0 ]; then SUDO=(); return 0; fi
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO=(sudo); return 0; fi
  return 1
}

if can_install; then
  echo "setup: installing ${missing[*]} (the packages saoy's tests and demo use)"
  export DEBIAN_FRONTEND=noninteractive
  log="$(mktemp)"
  # dpkg prints hundreds of lines: keep them in a log, show its end only if the install fails.
  if ! { "${SUDO[@]}" apt-get update -qq && "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    echo "setup: apt-get failed (full log: $log)" >&2
    if on_ubuntu && grep -q 'Unable to locate package' "$log"; then
      echo "setup: some of these packages are in Ubuntu's universe component: sudo add-apt-repository -y universe, then run again" >&2
    fi
    exit 1
  fi
  rm -f "$log"
  echo "setup: installed ${missing[*]}"
  if on_ubuntu && [ "$browser_missing" = 1 ] && [ -z "${SAOY_BROWSER:-}" ]; then ubuntu_browser; exit $?; fi
  # Re-check: a package that installed nothing usable (e.g. Ubuntu's chromium is a snap stub in containers).
  if [ -z "$(find_browser || true)" ] && [ -z "${SAOY_BROWSER:-}" ]; then
    echo "setup: chromium was installed but no browser runs from /usr/bin/chromium or PATH; install Google Chrome and set SAOY_BROWSER=/path/to/chrome" >&2
    [ "$purpose" = start ] || exit 1
  fi
  exit 0
fi

# Not installing: on Ubuntu the browser needs its own command besides the apt line.
if on_ubuntu && [ "$browser_missing" = 1 ] && [ -z "${SAOY_BROWSER:-}" ]; then ubuntu_browser_help; fi
if [ "$purpose" = start ] && [ "$check_only" = 0 ]; then
  # The demo still serves the portal without a browser: say what would make it complete, and go on.
  echo "setup: missing ${missing[*]}; the demo serves the portal without opening a browser. For the full demo run:" >&2
  echo "  $one_command" >&2
  exit 0
fi
echo "setup: missing ${missing[*]}. Run this once, then try again:" >&2
echo "  $one_command" >&2
exit 1
