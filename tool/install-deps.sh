#!/bin/sh
# Installs what kmapcheck needs to build and test on Debian 12 (bookworm):
# LLVM/Clang 19, yaml-cpp, GoogleTest, CMake and Ninja; for the tests also
# git, Chromium (the HTML report is checked in headless Chromium) and
# Node.js/npm with Microsoft's SARIF validator (npm package
# @microsoft/sarif-multitool; it needs ICU). Uses sudo when not run as root.
# Only missing packages are installed.
set -eu
PACKAGES="clang-19 libclang-19-dev libclang-cpp19-dev llvm-19-dev llvm-19-tools
clang-tools-19 libyaml-cpp-dev googletest libgtest-dev cmake ninja-build
python3 g++ git libicu72 chromium"
# Node.js and npm from Debian, unless a Node.js with npm is already there.
command -v npm >/dev/null 2>&1 || PACKAGES="$PACKAGES nodejs npm"
missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing="$missing $p"
done
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
if [ -z "$missing" ]; then
  echo "install-deps: all packages present"
else
  echo "install-deps: installing$missing"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # shellcheck disable=SC2086
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing
fi
# The SARIF validator used by test/driver/sarif.test.
if NODE_PATH="$(npm root -g)" node -e 'require("@microsoft/sarif-multitool")' >/dev/null 2>&1; then
  echo "install-deps: sarif-multitool present"
else
  echo "install-deps: installing @microsoft/sarif-multitool (npm)"
  $SUDO npm install -g --no-audit --no-fund @microsoft/sarif-multitool
fi
