#!/bin/sh
# Install the NetKeeper desktop bundle for the current user (no root needed).
#
#   pyinstaller build_app.spec && packaging/install-linux.sh            # install or update
#   packaging/install-linux.sh --uninstall                              # remove it again
#
# Copies dist/netkeeper to ~/.local/opt/netkeeper, links ~/.local/bin/netkeeper to it, and
# installs the menu entry and the icons under ~/.local/share (XDG_DATA_HOME). Your data (the
# database in ~/.local/share/netkeeper or wherever NETKEEPER_DB points) is never touched.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
bundle=${NETKEEPER_BUNDLE:-"$root/dist/netkeeper"}
# The menu entry and icons: from the bundle itself, else from the source tree.
resources="$bundle/_internal/netkeeper/resources"
[ -d "$resources" ] || resources="$root/netkeeper/resources"
opt="$HOME/.local/opt/netkeeper"
bin="$HOME/.local/bin"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
sizes="16 32 48 64 128 256 512"

[ -n "${HOME:-}" ] && [ -d "$HOME" ] || { echo "install-linux.sh: HOME is not set" >&2; exit 1; }

say() { printf '%s\n' "$*"; }
die() { printf 'install-linux.sh: %s\n' "$*" >&2; exit 1; }

refresh_caches() {
    # Only refresh caches that already exist: a new, later stale cache in the user's folders
    # would hide icons and entries that other programs install there.
    if [ -f "$data/applications/mimeinfo.cache" ] && command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$data/applications" 2>/dev/null || true
    fi
    if [ -f "$data/icons/hicolor/icon-theme.cache" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t "$data/icons/hicolor" 2>/dev/null || true
    fi
}

uninstall() {
    # Only what this script installed: the link only if it points into our folder.
    if [ -L "$bin/netkeeper" ] && [ "$(readlink "$bin/netkeeper")" = "$opt/netkeeper" ]; then
        rm -f "$bin/netkeeper"
    fi
    rm -f "$data/applications/netkeeper.desktop"
    for size in $sizes; do
        rm -f "$data/icons/hicolor/${size}x${size}/apps/netkeeper.png"
    done
    rm -f "$data/icons/hicolor/scalable/apps/netkeeper.svg"
    case "$opt" in
        "$HOME"/.local/opt/netkeeper) rm -rf "$opt" ;;
        *) die "refusing to remove $opt" ;;
    esac
    refresh_caches
    say "NetKeeper removed (your data is untouched)."
}

case "${1:-}" in
    --uninstall) uninstall; exit 0 ;;
    "") ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) die "unknown option $1 (use --uninstall or nothing)" ;;
esac

[ -x "$bundle/netkeeper" ] || die "no bundle at $bundle; build it first: pyinstaller build_app.spec"
[ -d "$bundle/_internal" ] || die "$bundle is not a one-folder bundle (no _internal/)"
"$bundle/netkeeper" --version >/dev/null 2>&1 || die "$bundle/netkeeper does not run here"

# Copy into a fresh folder next to the old one, then swap, so a failed copy leaves the old
# install working.
mkdir -p "$(dirname "$opt")" "$bin" "$data/applications"
staging="$opt.new.$$"
trap 'rm -rf "$staging"' EXIT INT TERM
cp -a "$bundle" "$staging"
rm -rf "$opt"
mv "$staging" "$opt"
trap - EXIT INT TERM

if [ -e "$bin/netkeeper" ] && [ ! -L "$bin/netkeeper" ]; then
    say "note: $bin/netkeeper exists and is not a link (a pip install?); left as it is"
else
    ln -sfn "$opt/netkeeper" "$bin/netkeeper"
fi

# The menu entry runs the absolute path, so it works even if ~/.local/bin is not on PATH.
sed -e "s|^Exec=netkeeper\$|Exec=$opt/netkeeper|" -e "s|^TryExec=netkeeper\$|TryExec=$opt/netkeeper|" \
    "$resources/netkeeper.desktop" > "$data/applications/netkeeper.desktop"
chmod 644 "$data/applications/netkeeper.desktop"

for size in $sizes; do
    png="$resources/icons/app/netkeeper-$size.png"
    [ -f "$png" ] || continue
    mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
    cp "$png" "$data/icons/hicolor/${size}x${size}/apps/netkeeper.png"
done
mkdir -p "$data/icons/hicolor/scalable/apps"
cp "$resources/netkeeper.svg" "$data/icons/hicolor/scalable/apps/netkeeper.svg"
refresh_caches

say "NetKeeper $("$opt/netkeeper" --version | cut -d' ' -f2) installed in $opt"
case ":$PATH:" in
    *":$bin:"*) ;;
    *) say "note: $bin is not on your PATH; add it to run 'netkeeper' from a terminal" ;;
esac
