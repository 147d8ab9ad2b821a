#!/bin/sh
# Installs what kmapcheck needs to build and test on Debian 12 (bookworm):
# LLVM/Clang 19, yaml-cpp, GoogleTest, CMake and Ninja. Uses sudo when not
# run as root. Only missing packages are installed.
set -eu
PACKAGES="clang-19 libclang-19-dev libclang-cpp19-dev llvm-19-dev llvm-19-tools
clang-tools-19 libyaml-cpp-dev googletest libgtest-dev cmake ninja-build
python3 g++"
missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing="$missing $p"
done
if [ -z "$missing" ]; then
  echo "install-deps: all packages present"
  exit 0
fi
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
echo "install-deps: installing$missing"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
# shellcheck disable=SC2086
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
