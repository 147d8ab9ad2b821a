#!/usr/bin/env bash
# prepare-linux.sh - build a GCC-compiled Linux 6.1 tree plus compile_commands.json
# for the kmapcheck benchmarks. Debian 12 only (uses the linux-source-6.1 package).
#
# Usage:
#   bench/prepare-linux.sh                # x86_64 defconfig; mm/ fs/ lib/ block/ crypto/ net/core/
#   bench/prepare-linux.sh i386-highmem   # i386 + CONFIG_HIGHMEM4G + HIGHPTE; mm/highmem.o and
#                                         # the i386-highmem objects of bench/corpus
#   bench/prepare-linux.sh allmod         # x86_64 allmodconfig; only the allmod objects of bench/corpus
#   bench/prepare-linux.sh full           # also drivers/ and arch/x86/ of the x86_64 tree
#   bench/prepare-linux.sh vmlinux        # the whole x86_64 defconfig vmlinux (~2,700 TUs)
#
# Environment:
#   KMAPCHECK_LINUX_DIR   x86_64 tree (default /work/linux-6.1); the i386 tree is
#                         "$KMAPCHECK_LINUX_DIR-i386", the allmodconfig tree
#                         "$KMAPCHECK_LINUX_DIR-allmod".
#   KMAPCHECK_JOBS        make -j (default: the number of CPUs).
#   KMAPCHECK_CCDB        where the vmlinux target writes its compile_commands.json
#                         (default: in the tree); the directory is created.
#
# Idempotent: finished steps leave .kmapcheck-* marker files in the tree and are
# skipped on re-run; delete a marker (or the whole tree) to redo that step.
set -euo pipefail

LINUX_DIR=${KMAPCHECK_LINUX_DIR:-/work/linux-6.1}
I386_DIR=${LINUX_DIR}-i386
ALLMOD_DIR=${LINUX_DIR}-allmod
TARBALL=/usr/src/linux-source-6.1.tar.xz
JOBS=${KMAPCHECK_JOBS:-$(nproc)}
CORPUS=$(cd "$(dirname "$0")" && pwd)/corpus.py
BUILD_DIRS=(mm/ fs/ lib/ block/ crypto/ net/core/)
FULL_DIRS=(drivers/ arch/x86/)
PACKAGES=(linux-source-6.1 build-essential bc bison flex libelf-dev libssl-dev python3 xz-utils)

log() { printf '[prepare-linux] %s\n' "$*" >&2; }

# Install only the packages that are missing; wait for a concurrent dpkg instead of failing.
apt_install() {
    local p missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    ((${#missing[@]})) || return 0
    log "apt-get install ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=1800 install -y "${missing[@]}"
}

# unpack <dir>: extract the pristine kernel source into <dir> (never inside the repo).
unpack() {
    local dir=$1 repo
    repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel 2>/dev/null || true)
    if [[ -n $repo && $(realpath -m "$dir")/ == "$repo"/* ]]; then
        log "refusing to unpack kernel source inside the repository ($dir)"; exit 1
    fi
    [[ -f $dir/.kmapcheck-unpacked ]] && return 0
    log "unpacking $TARBALL into $dir"
    rm -rf "$dir" && mkdir -p "$dir"
    tar -xf "$TARBALL" -C "$dir" --strip-components=1
    touch "$dir/.kmapcheck-unpacked"
}

# gen_ccdb [out]: run the tree's own generator in the current tree root and print counts.
gen_ccdb() {
    local out=${1:-compile_commands.json}
    mkdir -p "$(dirname "$out")"
    python3 scripts/clang-tools/gen_compile_commands.py -d . -o "$out"
    CCDB_OUT=$out python3 - <<'EOF'
import json, os
out = os.environ["CCDB_OUT"]
db = json.load(open(out))
n_c = sum(e["file"].endswith(".c") for e in db)
print(f"[prepare-linux] {os.path.abspath(out)}: {len(db)} entries, {n_c} .c files")
EOF
}

# wait_for_make: a make already running in the current tree (started by hand or
# by another run of this script) is waited for, never doubled.
wait_for_make() {
    local tree p busy waited=0
    tree=$(pwd -P)
    while :; do
        busy=
        for p in /proc/[0-9]*; do
            [[ $(readlink "$p/cwd" 2>/dev/null) == "$tree" ]] || continue
            [[ $(cat "$p/comm" 2>/dev/null) == make ]] || continue
            busy=${p#/proc/}
            break
        done
        [[ -n $busy ]] || return 0
        ((waited)) || log "a make (pid $busy) is running in $tree; waiting for it"
        waited=1
        sleep 30
    done
}

# Default: x86_64 defconfig, selected directories, built with GCC.
prepare_x86_64() {
    apt_install "${PACKAGES[@]}"
    unpack "$LINUX_DIR"
    cd "$LINUX_DIR"
    [[ -f .kmapcheck-configured ]] || { make ARCH=x86_64 defconfig && touch .kmapcheck-configured; }

    local d marker failed=() start=$SECONDS
    for d in "${BUILD_DIRS[@]}"; do
        marker=.kmapcheck-built-${d//\//_}
        [[ -f $marker ]] && continue
        log "building $d"
        # -k: keep going past failures; only the .o/.cmd files matter, not linking.
        if nice -n 10 make ARCH=x86_64 -k -j"$JOBS" "$d"; then
            touch "$marker"
        else
            failed+=("$d")
        fi
    done
    log "build wall time: $((SECONDS - start))s"
    ((${#failed[@]} == 0)) || log "WARNING: make reported errors in: ${failed[*]} (re-run to retry)"
    gen_ccdb
}

# corpus_objects <tree>: the objects bench/corpus names in <tree> (dir/file.o, one a line).
corpus_objects() {
    python3 "$CORPUS" --list-objects "$1"
}

# build_objects <arch> <objects...>: build each object, keep going past failures
# (an object that does not build leaves no .cmd file, so the corpus runner
# reports its cases as "not built").
build_objects() {
    local arch=$1 start=$SECONDS
    shift
    log "building $# object(s) for $arch: $*"
    nice -n 10 make ARCH="$arch" -k -j"$JOBS" "$@" || log "WARNING: make reported errors (re-run to retry)"
    log "build wall time: $((SECONDS - start))s"
}

# Optional: i386 with CONFIG_HIGHMEM4G, so kmap()/kmap_local_page() use the real
# highmem code path, and CONFIG_HIGHPTE, so pte_offset_map() is a local mapping.
# A separate, in-tree build in its own unpacked copy: an O= build
# cannot reuse $LINUX_DIR as source, since kbuild rejects an already-configured srctree.
prepare_i386_highmem() {
    apt_install "${PACKAGES[@]}"
    unpack "$I386_DIR"
    cd "$I386_DIR"
    if [[ ! -f .kmapcheck-configured ]]; then
        make ARCH=i386 defconfig
        scripts/config --file .config -e HIGHMEM4G -d NOHIGHMEM -e HIGHPTE
        make ARCH=i386 olddefconfig
        grep -qx 'CONFIG_HIGHMEM4G=y' .config && grep -qx 'CONFIG_HIGHMEM=y' .config
        grep -qx 'CONFIG_HIGHPTE=y' .config
        touch .kmapcheck-configured
    fi
    local objs
    mapfile -t objs < <({ echo mm/highmem.o; corpus_objects i386-highmem; } | sort -u)
    build_objects i386 "${objs[@]}"
    gen_ccdb
}

# Optional: x86_64 allmodconfig, only the objects bench/corpus names (drivers and
# filesystems defconfig does not build), in its own unpacked tree, with the few
# settings of bench/corpus/allmod.config (CONFIG_WERROR off, a compressed-module
# choice so that kernel/module/decompress.c is built).
prepare_allmod() {
    apt_install "${PACKAGES[@]}"
    unpack "$ALLMOD_DIR"
    cd "$ALLMOD_DIR"
    if [[ ! -f .kmapcheck-configured ]]; then
        KCONFIG_ALLCONFIG="$(dirname "$CORPUS")/corpus/allmod.config" make ARCH=x86_64 allmodconfig
        grep -qx '# CONFIG_WERROR is not set' .config && grep -qx 'CONFIG_MODULE_DECOMPRESS=y' .config
        touch .kmapcheck-configured
    fi
    local objs
    mapfile -t objs < <(corpus_objects allmod)
    ((${#objs[@]})) || { log "bench/corpus names no allmod object"; exit 1; }
    build_objects x86_64 "${objs[@]}"
    gen_ccdb
}

# vmlinux: the whole x86_64 defconfig kernel image, every TU of it. Skipped when
# vmlinux is already built (a make still running in the tree is waited for);
# the compile database goes to $KMAPCHECK_CCDB (default: the tree).
prepare_vmlinux() {
    apt_install "${PACKAGES[@]}"
    unpack "$LINUX_DIR"
    cd "$LINUX_DIR"
    [[ -f .kmapcheck-configured ]] || { make ARCH=x86_64 defconfig && touch .kmapcheck-configured; }
    wait_for_make
    if [[ -f .kmapcheck-built-vmlinux || ( -f vmlinux && vmlinux -nt .config ) ]]; then
        log "vmlinux is built; not rebuilding"
    else
        local start=$SECONDS
        log "building vmlinux"
        nice -n 10 make ARCH=x86_64 -j"$JOBS" vmlinux
        log "build wall time: $((SECONDS - start))s"
    fi
    touch .kmapcheck-built-vmlinux
    gen_ccdb "${KMAPCHECK_CCDB:-compile_commands.json}"
}

case ${1:-} in
    "")           prepare_x86_64 ;;
    full)         BUILD_DIRS+=("${FULL_DIRS[@]}"); prepare_x86_64 ;;
    vmlinux)      prepare_vmlinux ;;
    i386-highmem) prepare_i386_highmem ;;
    allmod)       prepare_allmod ;;
    *)            echo "usage: $0 [i386-highmem|allmod|full|vmlinux]" >&2; exit 2 ;;
esac
