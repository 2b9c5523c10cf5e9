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
function Invoke-Checked {
    # Run a native command and stop the build when it fails ($ErrorActionPreference does not
    # cover native exit codes).
    param([string]$What, [scriptblock]$Command)
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit $LASTEXITCODE)." }
}
if (-not (Test-Path "build\venv\Scripts\python.exe")) {
    Invoke-Checked "Creating the build venv" { & $python -m venv build\venv }
}
$venv = "build\venv\Scripts\python.exe"
Invoke-Checked "Upgrading pip" { & $venv -m pip install -q --upgrade pip }
Invoke-Checked "Installing Model Advisor" { & $venv -m pip install -q --force-reinstall --no-deps . }
Invoke-Checked "Installing the packaging tools" { & $venv -m pip install -q ".[packaging]" }

Write-Host "== PyInstaller (one folder)"
if (Test-Path "dist\model-advisor") { Remove-Item -Recurse -Force "dist\model-advisor" }
Invoke-Checked "PyInstaller" {
    & "build\venv\Scripts\pyinstaller.exe" --noconfirm --clean --log-level WARN `
        --distpath dist --workpath build\pyinstaller packaging\model-advisor.spec
}
Copy-Item CHANGELOG.md "dist\model-advisor\"
Set-Content -Path "dist\model-advisor\VERSION" -Value $version

Write-Host "== zip"
if (Test-Path "dist\$name.zip") { Remove-Item "dist\$name.zip" }
Compress-Archive -Path "dist\model-advisor" -DestinationPath "dist\$name.zip"

Write-Host "== installer"
# Inno Setup 6.3 or newer (the script uses x64compatible); on PATH or in its default folder.
$iscc = $null
$found = Get-Command "iscc.exe" -ErrorAction SilentlyContinue
if ($found) { $iscc = $found.Source }
else {
    $default = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"
    if (Test-Path $default) { $iscc = $default }
}
if ($iscc) {
    Invoke-Checked "Inno Setup" { & $iscc "/DAppVersion=$version" "packaging\windows\model-advisor.iss" }
} else {
    Write-Host "Inno Setup 6 not found: skipped the installer (the zip is complete)."
}

$seconds = [int]((Get-Date) - $start).TotalSeconds
$size = "{0:N0} MB" -f ((Get-ChildItem -Recurse "dist\model-advisor" | Measure-Object Length -Sum).Sum / 1MB)
Write-Host "built dist\$name.zip in $seconds s; folder $size"
