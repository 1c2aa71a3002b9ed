#!/usr/bin/env bash
# Prints the first Python interpreter on PATH that is 3.11 or newer, or fails with a Chinese message.
for candidate in python3.13 python3.12 python3.11 python3; do
  if command -v "$candidate" >/dev/null 2>&1 && \
     "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
    command -v "$candidate"
    exit 0
  fi
done
echo "需要 Python 3.11 或更高版本，请先安装（Debian：sudo apt-get install -y python3）。" >&2
exit 1
