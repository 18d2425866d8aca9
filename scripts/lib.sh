# Shared by scripts/run and scripts/test: Debian packages and the CMake build.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_PACKAGES=(build-essential cmake pkg-config ccache libpoco-dev libssl-dev libsqlite3-dev libsystemd-dev
    libgpiod-dev libkainjow-mustache-dev)
# The Debian line this runs on (bookworm, trixie). The same checkout is built on both (CI runs trixie
# in a chroot with the checkout bind-mounted): build directories of another line than bookworm go
# under build-LINE/, so the two never share a CMake cache.
LINE=$(. /etc/os-release && echo "${VERSION_CODENAME:-unknown}")
if [ "$LINE" = bookworm ]; then OUT=$ROOT; else OUT=$ROOT/build-$LINE; fi

missing_packages() {
    local package
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || echo "$package"
    done
}

# Installs what is missing, and only that: a machine that has everything needs no network.
ensure_packages() {
    local missing
    missing=$(missing_packages "$@")
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "missing Debian packages: $missing (run this as root, or install them first)" >&2
        exit 1
    fi
    echo "installing: $missing"
    apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# Takes files out of a Debian package without installing it, so e.g. promtool is available
# without installing (and starting) the prometheus service.
# extract_from_package PACKAGE PATH_IN_PACKAGE DEST [PATH_IN_PACKAGE DEST ...]
extract_from_package() {
    local package=$1
    shift
    local pairs=("$@") missing=0 i
    for ((i = 1; i < ${#pairs[@]}; i += 2)); do
        [ -e "${pairs[i]}" ] || missing=1
    done
    [ "$missing" = 0 ] && return 0
    local work
    work=$(mktemp -d)
    (cd "$work" && apt-get download -qq "$package" 2>/dev/null) || {
        apt-get update -qq && (cd "$work" && apt-get download -qq "$package")
    }
    dpkg-deb -x "$work"/"$package"_*.deb "$work/root"
    for ((i = 0; i < ${#pairs[@]}; i += 2)); do
        mkdir -p "$(dirname "${pairs[i + 1]}")"
        cp "$work/root/${pairs[i]}" "${pairs[i + 1]}"
    done
    rm -rf "$work"
}

# promtool is in the prometheus package on bookworm, in its own package from trixie on.
promtool_package() {
    if [ "$LINE" = bookworm ]; then echo prometheus; else echo promtool; fi
}

# configure_and_build BUILD_DIR [cmake options...]
# ccache (when installed) makes a rebuild of an unchanged tree, as CI does on every run, cheap.
configure_and_build() {
    local dir=$1 launcher=()
    shift
    command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    cmake -S "$ROOT" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" "$@" >/dev/null
    cmake --build "$dir" -j "$(nproc)"
}
