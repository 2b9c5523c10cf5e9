# Build the one-folder Windows bundle, a zip of it and (when Inno Setup 6 is installed) the
# per-user installer, from a clean checkout:
#
#   powershell -ExecutionPolicy Bypass -File packaging\build.ps1
#
# Needs Python 3.11+ (the `py` launcher, or set $env:PYTHON). Outputs in dist\:
#   model-advisor\   model-advisor-<version>-windows-x64.zip   model-advisor-<version>-windows-x64-setup.exe
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")

$python = if ($env:PYTHON) { $env:PYTHON } else { "py" }
$start = Get-Date
$version = & $python -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])"
if ($LASTEXITCODE -ne 0) { throw "Cannot read the version from pyproject.toml with $python." }
$name = "model-advisor-$version-windows-x64"

Write-Host "== build environment (build\venv)"
if (-not (Test-Path "build\venv\Scripts\python.exe")) { & $python -m venv build\venv }
$venv = "build\venv\Scripts\python.exe"
& $venv -m pip install -q --upgrade pip
& $venv -m pip install -q --force-reinstall --no-deps .
& $venv -m pip install -q ".[packaging]"
if ($LASTEXITCODE -ne 0) { throw "pip install failed." }

Write-Host "== PyInstaller (one folder)"
if (Test-Path "dist\model-advisor") { Remove-Item -Recurse -Force "dist\model-advisor" }
& "build\venv\Scripts\pyinstaller.exe" --noconfirm --clean --log-level WARN `
    --distpath dist --workpath build\pyinstaller packaging\model-advisor.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed." }
Copy-Item CHANGELOG.md "dist\model-advisor\"
Set-Content -Path "dist\model-advisor\VERSION" -Value $version

Write-Host "== zip"
if (Test-Path "dist\$name.zip") { Remove-Item "dist\$name.zip" }
Compress-Archive -Path "dist\model-advisor" -DestinationPath "dist\$name.zip"

Write-Host "== installer"
$iscc = Get-Command "iscc.exe" -ErrorAction SilentlyContinue
if (-not $iscc) {
    $default = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"
    if (Test-Path $default) { $iscc = Get-Item $default }
}
if ($iscc) {
    & $iscc.Source "/DAppVersion=$version" "packaging\windows\model-advisor.iss"
    if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed." }
} else {
    Write-Host "Inno Setup 6 not found: skipped the installer (the zip is complete)."
}

$seconds = [int]((Get-Date) - $start).TotalSeconds
$size = "{0:N0} MB" -f ((Get-ChildItem -Recurse "dist\model-advisor" | Measure-Object Length -Sum).Sum / 1MB)
Write-Host "built dist\$name.zip in $seconds s; folder $size"
