#!/usr/bin/env bash
# macOS: double-click in Finder to write the newest period's reports (see generate.sh).
exec "$(dirname "$0")/generate.sh" "$@"
