#!/bin/sh
# Remove what install.sh put in place. Your catalogue (~/.local/share/model-advisor) and your
# profiles are kept; delete that folder yourself to remove them too.
set -eu
data=${XDG_DATA_HOME:-$HOME/.local/share}
prefix=${PREFIX:-$HOME/.local/opt/model-advisor}
bin=${BINDIR:-$HOME/.local/bin}
rm -f "$bin/advisor" "$bin/model-advisor"
rm -f "$data/applications/org.modeladvisor.ModelAdvisor.desktop"
rm -f "$data/metainfo/org.modeladvisor.ModelAdvisor.metainfo.xml"
find "$data/icons/hicolor" -name 'org.modeladvisor.ModelAdvisor.*' -delete 2>/dev/null || true
rm -rf "$prefix"
echo "Model Advisor removed; your catalogue in $data/model-advisor is kept."
