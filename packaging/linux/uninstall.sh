#!/bin/sh
# Remove the Model Advisor install this script belongs to, its commands and its menu entry.
# Your catalogue (~/.local/share/model-advisor) and your profiles are kept; delete that folder
# yourself to remove them too. BINDIR and XDG_DATA_HOME as given to install.sh.
set -eu
here=$(cd "$(dirname "$0")" && pwd -P)
data=${XDG_DATA_HOME:-$HOME/.local/share}
bin=${BINDIR:-$HOME/.local/bin}
app_id=org.modeladvisor.ModelAdvisor

if [ ! -f "$here/VERSION" ] || [ ! -x "$here/advisor" ] || [ ! -d "$here/_internal" ]; then
    echo "error: uninstall.sh must be run from an installed Model Advisor folder." >&2
    exit 1
fi
for command in advisor model-advisor; do
    link="$bin/$command"
    # Only our own links: a pip-installed `advisor` stays.
    if [ -L "$link" ] && [ "$(readlink "$link")" = "$here/$command" ]; then
        rm -f "$link"
    fi
done
entry="$data/applications/$app_id.desktop"
if [ -f "$entry" ] && grep -q "$here/model-advisor" "$entry"; then
    rm -f "$entry" "$data/metainfo/$app_id.metainfo.xml"
    find "$data/icons/hicolor" -name "$app_id.*" -delete 2>/dev/null || true
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data/applications" || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
fi
cd /
rm -rf "$here"
echo "Model Advisor removed from $here; your catalogue in $data/model-advisor is kept."
