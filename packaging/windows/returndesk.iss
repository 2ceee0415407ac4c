; Inno Setup script of the Windows installer (.github/workflows/dist.yml runs it after
; PyInstaller): installs dist\returndesk for the current user, with a Start menu entry.
; iscc /DVersion=0.2.0 packaging\windows\returndesk.iss
#ifndef Version
  #define Version "0.0.0"
#endif

[Setup]
AppId={{6F1D0C2B-7A38-4E0B-9A61-5B7D3C1E9F40}
AppName=Return Desk
AppVersion={#Version}
AppPublisher=Return Desk
DefaultDirName={localappdata}\Programs\Return Desk
DefaultGroupName=Return Desk
PrivilegesRequired=lowest
OutputDir=..\..\dist
OutputBaseFilename=returndesk-{#Version}-windows-x64-setup
SetupIconFile=returndesk.ico
UninstallDisplayIcon={app}\returndesk.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "ptbr"; MessagesFile: "compiler:Languages\BrazilianPortuguese.isl"

[Files]
Source: "..\..\dist\returndesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs

[Icons]
Name: "{group}\Return Desk"; Filename: "{app}\returndesk.exe"
Name: "{userdesktop}\Return Desk"; Filename: "{app}\returndesk.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; Flags: unchecked

[Run]
Filename: "{app}\returndesk.exe"; Description: "{cm:LaunchProgram,Return Desk}"; Flags: nowait postinstall skipifsilent
