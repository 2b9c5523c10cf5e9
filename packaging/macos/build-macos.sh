#!/usr/bin/env bash
# Build "Model Advisor.app" and a disk image on macOS (11 or newer), optionally signed and
# notarised. Not run in CI (no macOS here); see packaging/README.md, "macOS".
#
#   packaging/macos/build-macos.sh
#   SIGN_IDENTITY="Developer ID Application: Example Corp (TEAMID)" NOTARY_PROFILE=advisor \
#       packaging/macos/build-macos.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

PYTHON=${PYTHON:-python3}
version=$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
arch=$(uname -m)
[ -x build/venv/bin/python ] || "$PYTHON" -m venv build/venv
build/venv/bin/python -m pip install -q --upgrade pip
build/venv/bin/python -m pip install -q --force-reinstall --no-deps .
build/venv/bin/python -m pip install -q '.[packaging]'
rm -rf dist/model-advisor "dist/Model Advisor.app"
build/venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/model-advisor.spec
app="dist/Model Advisor.app"

if [ -n "${SIGN_IDENTITY:-}" ]; then
    # Hardened runtime is required for notarisation; Qt and Python need no extra entitlements
    # for an offline app (the live probe's outgoing connections are allowed by default).
    codesign --force --deep --timestamp --options runtime --sign "$SIGN_IDENTITY" "$app"
    codesign --verify --deep --strict --verbose=2 "$app"
fi

dmg="dist/model-advisor-${version}-macos-${arch}.dmg"
rm -f "$dmg"
hdiutil create -volname "Model Advisor ${version}" -srcfolder "$app" -ov -format UDZO "$dmg"

if [ -n "${SIGN_IDENTITY:-}" ] && [ -n "${NOTARY_PROFILE:-}" ]; then
    codesign --timestamp --sign "$SIGN_IDENTITY" "$dmg"
    # NOTARY_PROFILE: stored once with `xcrun notarytool store-credentials`.
    xcrun notarytool submit "$dmg" --keychain-profile "$NOTARY_PROFILE" --wait
    xcrun stapler staple "$dmg"
fi
echo "built $dmg"
