#!/bin/sh
# Installs the Debian packages sanzi needs, if any is missing. Used by
# `make test`, `make demo` and .ci/run, so a fresh Debian machine works.
# Arguments name more packages a target needs (make fuzz: clang).
pkgs="$* build-essential libqrencode-dev zbar-tools librsvg2-bin libsqlite3-dev libcsv-dev libcmocka-dev libsodium-dev nettle-dev
libxlsxwriter-dev libzip-dev libexpat1-dev libfreexl-dev libmicrohttpd-dev curl openssl sqlite3 time perl python3-openpyxl faketime gettext man-db groff-base tzdata chromium fonts-noto-cjk strace
poppler-utils fonts-wqy-microhei"
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
    missing="$missing $p"
done
# Node.js and npm run the browser tests; a machine without them gets
# Debian's.
command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"
# The print tests turn workbooks into PDF with LibreOffice: any Calc will
# do (libreoffice-calc and the smaller -nogui one exclude each other).
command -v soffice >/dev/null 2>&1 || missing="$missing libreoffice-calc-nogui"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
if [ -n "$missing" ]; then
  echo "sanzi: installing missing Debian packages:$missing" >&2
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq $missing >&2 || exit 1
fi
# The browser tests' npm packages, at the versions of their lock file
# (playwright-core drives Debian's chromium; it downloads no browser).
b=$(dirname "$0")/../tests/browser
if [ ! -d "$b/node_modules/playwright-core" ] || [ ! -d "$b/node_modules/axe-core" ]; then
  echo "sanzi: installing the browser tests' npm packages (tests/browser)" >&2
  (cd "$b" && npm ci --no-audit --no-fund >&2) || exit 1
fi
