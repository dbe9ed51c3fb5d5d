#!/usr/bin/env bash
# ThreadHound on a fresh Debian 12 machine.
#   ./dev.sh demo   install what is missing, build, open the workbench on the demo case
#                   (without a display: scan the demo mailbox and print where the report went)
#   ./dev.sh test   install what is missing, build (normal and sanitizer builds), run ctest on both
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(
    cmake ninja-build g++ pkg-config python3 libssl-dev
    qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6sql6-sqlite qt6-tools-dev
    libvmime-dev libkf5syntaxhighlighting-tools
    libgumbo-dev libicu-dev libpsl-dev publicsuffix libgraphviz-dev libdtl-dev libxxhash-dev
    libpff-dev libbfio-dev pff-tools libolecf-dev
    xvfb xauth poppler-utils fonts-noto-cjk
)

install_missing() {
    local missing=()
    for p in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return
    echo "Installing: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
}

build() {
    cmake --preset "$1" >/dev/null
    cmake --build --preset "$1"
}

case "${1:-}" in
demo)
    install_missing
    build default
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
        exec build/default/app/threadhound
    fi
    report=build/demo-report.json
    build/default/app/threadhound scan resources/demo/demo.mbox --json "$report" --quiet
    echo "No display: scanned the demo case headless. Report: $(realpath "$report")"
    ;;
test)
    install_missing
    build default
    build sanitize
    ctest --preset default
    ctest --preset sanitize
    ;;
*)
    echo "usage: $0 demo|test" >&2
    exit 1
    ;;
esac
