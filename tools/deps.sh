#!/bin/sh
# Installs the Debian packages sanzi needs, if any is missing. Used by
# `make test`, `make demo` and .ci/run, so a fresh Debian machine works.
# Arguments name more packages a target needs (make fuzz: clang).
pkgs="$* build-essential libsqlite3-dev libcsv-dev libcmocka-dev libsodium-dev
libxlsxwriter-dev libzip-dev libexpat1-dev libfreexl-dev sqlite3 time perl python3-openpyxl faketime gettext man-db groff-base tzdata
poppler-utils fonts-wqy-microhei"
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
    missing="$missing $p"
done
# The print tests turn workbooks into PDF with LibreOffice: any Calc will
# do (libreoffice-calc and the smaller -nogui one exclude each other).
command -v soffice >/dev/null 2>&1 || missing="$missing libreoffice-calc-nogui"
[ -z "$missing" ] && exit 0
echo "sanzi: installing missing Debian packages:$missing" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
$SUDO apt-get update -qq && $SUDO apt-get install -y -qq $missing >&2
