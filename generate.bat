@echo off
chcp 65001 >nul
rem Launcher for Windows: double-click, or run "generate.bat apr-2025" for a given period.
rem First use: creates .venv and installs the program (needs Python 3.11+ and internet).
rem DELARSRAPPORT_NO_OPEN=1 skips opening the output folder, DELARSRAPPORT_NO_PAUSE=1 the pause.
setlocal EnableExtensions
set "PYTHONUTF8=1"
set "PYTHONIOENCODING=utf-8"
cd /d "%~dp0"

set "VENV_PY=.venv\Scripts\python.exe"
set "STAMP=.venv\delarsrapport-pyproject.toml"
set "PERIOD="

set "READY="
if exist "%VENV_PY%" (
  "%VENV_PY%" -c "import sys" >nul 2>&1 && set "READY=1"
)
if not defined READY (
  call :setup
  if errorlevel 1 goto :failed
)
rem (Re)install when the program is missing or pyproject.toml changed since the last install.
set "INSTALLED="
"%VENV_PY%" -c "import generator" >nul 2>&1 && fc /b pyproject.toml "%STAMP%" >nul 2>&1 && set "INSTALLED=1"
if not defined INSTALLED (
  call :install
  if errorlevel 1 goto :failed
)

if "%~1"=="" (
  for /f "usebackq delims=" %%P in (`"%VENV_PY%" -m generator senaste-period`) do set "PERIOD=%%P"
) else (
  set "PERIOD=%~1"
)
if not defined PERIOD goto :failed

echo Skriver rapporterna för %PERIOD% ...
"%VENV_PY%" -m generator --period "%PERIOD%"
if errorlevel 1 goto :notall

set "FOLDER=outputs\%PERIOD%"
if not exist "%FOLDER%\" set "FOLDER=outputs"
if not defined DELARSRAPPORT_NO_OPEN start "" "%FOLDER%"
echo Rapporterna finns i %FOLDER%.
if not defined DELARSRAPPORT_NO_PAUSE pause
exit /b 0

:setup
set "PY="
py -3 -c "import sys; sys.exit(sys.version_info < (3, 11))" >nul 2>&1 && set "PY=py -3"
if not defined PY (
  python -c "import sys; sys.exit(sys.version_info < (3, 11))" >nul 2>&1 && set "PY=python"
)
if not defined PY (
  echo Fel: Python 3.11 eller senare behövs. Installera det från https://www.python.org/downloads/
  echo och kryssa i "Add python.exe to PATH". Dubbelklicka sedan på generate.bat igen.
  exit /b 1
)
echo Förbereder första körningen ^(en gång, tar någon minut^) ...
if exist .venv rmdir /s /q .venv
%PY% -m venv .venv
if errorlevel 1 (
  echo Fel: kunde inte skapa mappen .venv.
  exit /b 1
)
exit /b 0

:install
echo Installerar programmet i .venv ...
"%VENV_PY%" -m pip install --quiet --disable-pip-version-check -e .
if errorlevel 1 (
  echo Fel: installationen misslyckades. Kontrollera internetanslutningen och försök igen.
  exit /b 1
)
copy /y pyproject.toml "%STAMP%" >nul
exit /b 0

:notall
rem Other nämnders' reports may have been written: the summary above says which.
echo.
echo En eller flera rapporter kunde inte skrivas. Läs meddelandena ovan: där står vad som behöver rättas.
if not defined DELARSRAPPORT_NO_PAUSE pause
exit /b 2

:failed
echo.
echo Ingen rapport skrevs. Läs meddelandena ovan.
if not defined DELARSRAPPORT_NO_PAUSE pause
exit /b 2
