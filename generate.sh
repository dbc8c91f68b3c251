#!/usr/bin/env bash
# Launcher for macOS and Linux: double-click (generate.command on macOS) or run
#   ./generate.sh            the newest period under inputs/
#   ./generate.sh apr-2025   a given period
# First use: creates .venv and installs the program (needs Python 3.11+ and internet).
# DELARSRAPPORT_NO_OPEN=1 skips opening the output folder, DELARSRAPPORT_NO_PAUSE=1 the pause.
set -u
cd "$(dirname "$0")" || exit 1

VENV_PY=.venv/bin/python
STAMP=.venv/delarsrapport-pyproject.toml

pause() {
  if [ -t 0 ] && [ -z "${DELARSRAPPORT_NO_PAUSE:-}" ]; then
    read -r -p "Tryck Enter för att stänga fönstret. " _
  fi
}

fail() {
  echo "Fel: $*" >&2
  echo "Ingen rapport skrevs." >&2
  pause
  exit 2
}

find_python() {
  for candidate in ${DELARSRAPPORT_PYTHON:-} python3.13 python3.12 python3.11 python3 python; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if ! { [ -x "$VENV_PY" ] && "$VENV_PY" -c 'import sys' 2>/dev/null; }; then
  python=$(find_python) || fail "Python 3.11 eller senare behövs. Installera det från \
https://www.python.org/downloads/ och starta sedan generate igen."
  echo "Förbereder första körningen (en gång, tar någon minut) …"
  rm -rf .venv
  "$python" -m venv .venv || fail "kunde inte skapa mappen .venv med $python."
fi
# (Re)install when the program is missing or pyproject.toml changed since the last install.
if ! { "$VENV_PY" -c 'import generator' 2>/dev/null && cmp -s pyproject.toml "$STAMP"; }; then
  echo "Installerar programmet i .venv …"
  "$VENV_PY" -m pip install --quiet --disable-pip-version-check -e . ||
    fail "installationen misslyckades. Kontrollera internetanslutningen och försök igen."
  cp pyproject.toml "$STAMP"
fi

if [ $# -ge 1 ]; then
  period=$1
else
  period=$("$VENV_PY" -m generator senaste-period) || fail "hittade ingen period att göra rapport för."
fi

echo "Skriver rapporterna för $period …"
"$VENV_PY" -m generator --period "$period"
status=$?
if [ $status -ne 0 ]; then
  # Exit 2 may still mean that other nämnders' reports were written: the summary says which.
  echo "En eller flera rapporter kunde inte skrivas. Läs meddelandena ovan: där står vad som behöver rättas." >&2
  pause
  exit $status
fi

folder="outputs/$period"
[ -d "$folder" ] || folder=outputs
if [ -z "${DELARSRAPPORT_NO_OPEN:-}" ]; then
  if [ "$(uname)" = Darwin ]; then
    open "$folder"
  elif command -v xdg-open >/dev/null 2>&1; then
    xdg-open "$folder" >/dev/null 2>&1 &
  fi
fi
echo "Rapporterna finns i $folder."
pause
