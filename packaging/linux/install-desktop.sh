#!/bin/sh
# Put Return Desk in this user's application menu: its icon (SVG and PNGs at the usual
# sizes) and a .desktop file starting PROGRAM. No root needed; run again after moving it.
#   ./install-desktop.sh [PROGRAM]   (default: the returndesk program next to this script)
#   ./install-desktop.sh --remove    takes them out again
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
ICONS="$DATA/icons/hicolor"
if [ "${1:-}" = "--remove" ]; then
    rm -f "$DATA/applications/returndesk.desktop" "$ICONS"/*/apps/returndesk.png "$ICONS/scalable/apps/returndesk.svg"
    echo "Return Desk is no longer in the application menu."
    exit 0
fi
PROGRAM=$(cd "$(dirname "${1:-$HERE/returndesk}")" && pwd)/$(basename "${1:-$HERE/returndesk}")
[ -x "$PROGRAM" ] || { echo "No program at $PROGRAM: give its path." >&2; exit 1; }
# the icons: next to this script in the built program, or in the source tree
for folder in "$HERE/_internal/resources/icons/app" "$HERE/../../resources/icons/app"; do
    [ -f "$folder/returndesk.svg" ] && SOURCE=$folder && break
done
[ -n "${SOURCE:-}" ] || { echo "The icons are missing next to $0." >&2; exit 1; }
for png in "$SOURCE"/returndesk-*.png; do
    size=$(basename "$png" .png | sed 's/returndesk-//')
    mkdir -p "$ICONS/${size}x${size}/apps"
    cp "$png" "$ICONS/${size}x${size}/apps/returndesk.png"
done
mkdir -p "$ICONS/scalable/apps" "$DATA/applications"
cp "$SOURCE/returndesk.svg" "$ICONS/scalable/apps/returndesk.svg"
for desktop in "$HERE/returndesk.desktop.in"; do  # the menu entry, @PROGRAM@ to fill in
    [ -f "$desktop" ] && break
done
sed "s#@PROGRAM@#$PROGRAM#g" "$desktop" > "$DATA/applications/returndesk.desktop"
command -v update-desktop-database >/dev/null && update-desktop-database -q "$DATA/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$ICONS" 2>/dev/null || true
echo "Return Desk is in the application menu (it starts $PROGRAM)."
