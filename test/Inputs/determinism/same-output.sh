#!/bin/sh
# Usage: same-output.sh KMAPCHECK INPUTS WORKDIR
# Runs one compile database of copies of recursion.c in directories with
# names of different lengths and with its entries in different orders, at
# -j1 and -j2, and fails unless every report is byte for byte the same once
# the directory is replaced by a placeholder.
set -eu
kmapcheck=$1 inputs=$2 work=$3
src=$inputs/determinism/recursion.c
inc=$inputs/include
first=""
n=0
for dir in a ffffffffffff bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb \
           cc ddddddd eeeeeeeeeeeeeeeeeeeeeeeeeeeeeee; do
  for order in "one two three" "three one two" "two three one"; do
    for jobs in 1 2; do
      d=$work/$dir
      mkdir -p "$d"
      for f in one two three; do cp "$src" "$d/$f.c"; done
      {
        printf '['
        sep=""
        for f in $order; do
          printf '%s{"directory":"%s","file":"%s.c","arguments":["cc","-c","-I%s","-DCONFIG_HIGHMEM=1","%s.c"]}' \
            "$sep" "$d" "$f" "$inc" "$f"
          sep=","
        done
        printf ']\n'
      } > "$d/compile_commands.json"
      out=$work/out.$n
      "$kmapcheck" -j$jobs --checks='-*,kmap-*' -p "$d" > "$out.raw" 2> "$out.err" || true
      sed "s#$d/#DIR/#g" "$out.raw" > "$out"
      if [ -z "$first" ]; then
        first=$out
      elif ! cmp -s "$first" "$out"; then
        echo "same-output: the report for $d ($order, -j$jobs) differs:" >&2
        diff "$first" "$out" >&2 || true
        exit 1
      fi
      n=$((n + 1))
    done
  done
done
echo "same-output: $n runs, one report"
