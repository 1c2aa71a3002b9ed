#!/usr/bin/env bash
# Usage: require-system-packages.sh PACKAGE...
# Installs the Debian packages that are missing when we can (root, or sudo without a password, and apt-get);
# otherwise prints exactly what to install and fails.
set -euo pipefail
missing=()
for package in "$@"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "缺少系统软件包：${missing[*]}。本机没有 apt-get，请用系统的包管理器安装对应软件。" >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
  runner=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  runner=(sudo -n)
else
  echo "缺少系统软件包：${missing[*]}。请先运行：sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "正在安装系统软件包：${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${runner[@]}" apt-get update -qq >/dev/null || true
"${runner[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
