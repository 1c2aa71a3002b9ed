#!/usr/bin/env bash
# Creates .venv (installing Debian's python3-venv first when the interpreter lacks ensurepip) and installs
# the project with its development tools. Re-installs only when pyproject.toml changed.
set -euo pipefail
cd "$(dirname "$0")/.."
python=$(scripts/find-python.sh)
if [ ! -x .venv/bin/python ]; then
  if ! "$python" -m venv .venv 2>/dev/null; then
    rm -rf .venv
    version=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
    scripts/require-system-packages.sh "python${version}-venv" || scripts/require-system-packages.sh python3-venv
    "$python" -m venv .venv
  fi
fi
stamp=.venv/.installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e '.[dev]'
  touch "$stamp"
fi
