; Inno Setup 6.3+ script (x64compatible needs 6.3): a per-user install of the one-folder build (no administrator rights),
; with a Start-menu entry, an optional desktop icon and an uninstaller.
; Built by packaging/build.ps1, which passes the version from pyproject.toml:
;   ISCC.exe /DAppVersion=0.1.0 packaging\windows\model-advisor.iss
; Paths are relative to this file. Output: dist\model-advisor-<version>-windows-x64-setup.exe

#ifndef AppVersion
  #error Pass the version: ISCC.exe /DAppVersion=X.Y.Z (build.ps1 does).
#endif

[Setup]
; The AppId identifies the product to Windows across upgrades: never change it.
AppId={{03BB0683-A631-4283-AE83-9A5119FCE883}
AppName=Model Advisor
AppVersion={#AppVersion}
AppVerName=Model Advisor {#AppVersion}
AppPublisher=Model Advisor developers
; Per user: installs into %LOCALAPPDATA%\Programs\Model Advisor, no UAC prompt.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\Model Advisor
DefaultGroupName=Model Advisor
DisableProgramGroupPage=yes
OutputDir=..\..\dist
OutputBaseFilename=model-advisor-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\resources\icons\model-advisor.ico
UninstallDisplayIcon={app}\model-advisor.exe
UninstallDisplayName=Model Advisor {#AppVersion}
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; The user's catalogue lives in %LOCALAPPDATA%\model-advisor and survives uninstall/upgrade.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole program folder: no DLL or Qt plugin of an older build is left.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\..\dist\model-advisor\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Model Advisor"; Filename: "{app}\model-advisor.exe"; Comment: "Choose an LLM vendor and model the way you will actually run it"
Name: "{autodesktop}\Model Advisor"; Filename: "{app}\model-advisor.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\model-advisor.exe"; Description: "{cm:LaunchProgram,Model Advisor}"; Flags: nowait postinstall skipifsilent
