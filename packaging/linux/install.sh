#!/bin/sh
# Install Model Advisor for the current user (no root): the program into
# ~/.local/opt/model-advisor, `advisor` and `model-advisor` into ~/.local/bin, and the menu
# entry, icons and AppStream data under ~/.local/share. Run from the unpacked archive.
# Set PREFIX to install elsewhere (e.g. PREFIX=/opt/model-advisor as root).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
prefix=${PREFIX:-$HOME/.local/opt/model-advisor}
bin=${BINDIR:-$HOME/.local/bin}

if [ ! -x "$here/advisor" ]; then
    echo "error: run install.sh from the unpacked Model Advisor folder." >&2
    exit 1
fi
mkdir -p "$prefix" "$bin" "$data/applications" "$data/metainfo"
rm -rf "$prefix"
cp -R "$here" "$prefix"
ln -sf "$prefix/advisor" "$bin/advisor"
ln -sf "$prefix/model-advisor" "$bin/model-advisor"
# Menus do not always search ~/.local/bin: point the entry at the installed program itself.
sed -e "s|^Exec=model-advisor|Exec=$prefix/model-advisor|" \
    -e "s|^TryExec=model-advisor|TryExec=$prefix/model-advisor|" \
    "$here/share/applications/org.modeladvisor.ModelAdvisor.desktop" \
    > "$data/applications/org.modeladvisor.ModelAdvisor.desktop"
cp "$here/share/metainfo/org.modeladvisor.ModelAdvisor.metainfo.xml" "$data/metainfo/"
cp -R "$here/share/icons" "$data/"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
echo "Model Advisor $(cat "$here/VERSION") installed in $prefix"
echo "Start it from the applications menu, or run: model-advisor (window) / advisor --help"
