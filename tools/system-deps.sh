#!/bin/sh
# Make sure the Debian packages Qt needs are present.
# Usage: tools/system-deps.sh offscreen|test|desktop|dist
# (test: offscreen + the PDF checking tools + a browser and its driver for Selenium;
#  dist: what make dist and its smoke test use: binutils for PyInstaller, desktop-file-utils)
# On Debian/Ubuntu as root, installs only the missing ones; elsewhere prints what to run.
set -eu

OFFSCREEN="libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core"
DESKTOP="libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 \
libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0"
PDFTOOLS="poppler-utils qpdf zbar-tools"  # the instruction sheet tests read real PDFs with them
BROWSER="chromium chromium-driver"  # the customer space's real-browser tests (Selenium)
BUILD="binutils desktop-file-utils"  # PyInstaller reads binaries with objdump; the menu entry is validated

case "${1:-offscreen}" in
  offscreen) wanted="$OFFSCREEN" ;;
  test) wanted="$OFFSCREEN $PDFTOOLS $BROWSER" ;;
  desktop) wanted="$OFFSCREEN $DESKTOP" ;;
  dist) wanted="$OFFSCREEN $PDFTOOLS $BUILD" ;;
  *) echo "usage: $0 offscreen|test|desktop|dist" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
  exit 0  # not Debian-like: Qt's wheels bring what they need on Windows and macOS
fi

missing=""
for pkg in $wanted; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  case "$status" in
    *"install ok installed"*) ;;
    *) missing="$missing $pkg" ;;
  esac
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages Return Desk needs:$missing"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
else
  echo "Return Desk needs these Debian packages, which are missing. Install them with:" >&2
  echo "  sudo apt-get install$missing" >&2
  exit 1
fi
