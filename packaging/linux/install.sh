#!/bin/sh
# Install Model Advisor for the current user (no root): the program into
# ~/.local/opt/model-advisor, the commands `advisor` and `model-advisor` into ~/.local/bin, and
# the menu entry, icons and AppStream data under ~/.local/share. Run it from the unpacked
# archive. Running it again upgrades in place; your catalogue and profiles are never touched.
#
# Elsewhere: INSTALL_DIR (the program folder itself), BINDIR (for the two commands) and
# XDG_DATA_HOME (menu entry and icons) may be set.
set -eu
here=$(cd "$(dirname "$0")" && pwd -P)
data=${XDG_DATA_HOME:-$HOME/.local/share}
dest=${INSTALL_DIR:-$HOME/.local/opt/model-advisor}
bin=${BINDIR:-$HOME/.local/bin}
app_id=org.modeladvisor.ModelAdvisor

fail() { echo "error: $*" >&2; exit 1; }
is_install() { [ -f "$1/VERSION" ] && [ -x "$1/advisor" ] && [ -d "$1/_internal" ]; }

is_install "$here" || fail "run install.sh from the unpacked Model Advisor folder."
case $dest in
    *'"'* | *'`'* | *'$'* | *'\'* ) fail "INSTALL_DIR may not contain \" \` \$ or \\: $dest" ;;
    /*) ;;
    *) fail "INSTALL_DIR must be an absolute path: $dest" ;;
esac

mkdir -p "$(dirname "$dest")"
dest=$(cd "$(dirname "$dest")" && pwd -P)/$(basename "$dest")
if [ "$dest" != "$here" ]; then
    # Replace only an earlier install, never an unrelated folder.
    if [ -e "$dest" ] && ! is_install "$dest"; then
        fail "$dest exists and is not a Model Advisor install; choose another INSTALL_DIR."
    fi
    staging="$dest.new.$$"
    rm -rf "$staging"
    cp -R "$here" "$staging"
    rm -rf "$dest"
    mv "$staging" "$dest"
fi

mkdir -p "$bin" "$data/applications" "$data/metainfo"
for command in advisor model-advisor; do
    link="$bin/$command"
    if [ -e "$link" ] && [ ! -L "$link" ]; then
        echo "note: $link exists and is not ours; left alone (run $dest/$command)." >&2
    else
        ln -sf "$dest/$command" "$link"
    fi
done
# Menus do not always search ~/.local/bin: point the entry at the program itself, quoted as
# the desktop-entry specification requires (the path may hold spaces).
sed_path=$(printf '%s' "$dest" | sed -e 's/[&|\\]/\\&/g')
sed -e "s|^Exec=model-advisor|Exec=\"$sed_path/model-advisor\"|" \
    -e "s|^TryExec=model-advisor|TryExec=$sed_path/model-advisor|" \
    "$dest/share/applications/$app_id.desktop" > "$data/applications/$app_id.desktop"
cp "$dest/share/metainfo/$app_id.metainfo.xml" "$data/metainfo/"
cp -R "$dest/share/icons" "$data/"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
echo "Model Advisor $(cat "$dest/VERSION") installed in $dest"
echo "Start it from the applications menu, or run: model-advisor (window) / advisor --help"
