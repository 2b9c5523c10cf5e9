#!/usr/bin/env bash
# Build the one-folder desktop bundle and the Linux archive from a clean checkout.
#
#   packaging/build.sh            -> dist/model-advisor/ and dist/model-advisor-<version>-linux-<arch>.tar.gz
#
# Needs Python 3.11+ with venv (PYTHON=python3.12 to choose another) and the package index the
# project installs from; nothing else. The build venv lives in build/venv and is reused.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
start=$(date +%s)
version=$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
arch=$(uname -m)
name="model-advisor-${version}-linux-${arch}"

echo "== build environment (build/venv)"
[ -x build/venv/bin/python ] || "$PYTHON" -m venv build/venv
build/venv/bin/python -m pip install -q --upgrade pip
# A regular (non-editable) install, so the bundle holds the package and its metadata as released.
build/venv/bin/python -m pip install -q --force-reinstall --no-deps .
build/venv/bin/python -m pip install -q '.[packaging]'

echo "== PyInstaller (one folder)"
rm -rf dist/model-advisor "dist/${name}.tar.gz"
build/venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/model-advisor.spec

echo "== desktop integration files"
bundle=dist/model-advisor
mkdir -p "$bundle/share/applications" "$bundle/share/metainfo"
cp packaging/linux/org.modeladvisor.ModelAdvisor.desktop "$bundle/share/applications/"
cp packaging/linux/org.modeladvisor.ModelAdvisor.metainfo.xml "$bundle/share/metainfo/"
for png in resources/icons/model-advisor-*.png; do
    size=$(basename "$png" .png); size=${size##*-}
    mkdir -p "$bundle/share/icons/hicolor/${size}x${size}/apps"
    cp "$png" "$bundle/share/icons/hicolor/${size}x${size}/apps/org.modeladvisor.ModelAdvisor.png"
done
mkdir -p "$bundle/share/icons/hicolor/scalable/apps"
cp resources/icons/model-advisor.svg "$bundle/share/icons/hicolor/scalable/apps/org.modeladvisor.ModelAdvisor.svg"
cp packaging/linux/install.sh packaging/linux/uninstall.sh "$bundle/"
cp CHANGELOG.md "$bundle/"
printf '%s\n' "$version" > "$bundle/VERSION"

echo "== archive"
tar -C dist -czf "dist/${name}.tar.gz" --transform "s,^model-advisor,${name}," model-advisor
(cd dist && sha256sum "${name}.tar.gz" > "${name}.tar.gz.sha256")

end=$(date +%s)
echo "built dist/${name}.tar.gz in $((end - start)) s"
echo "folder: $(du -sh "$bundle" | cut -f1)   archive: $(du -h "dist/${name}.tar.gz" | cut -f1)"
