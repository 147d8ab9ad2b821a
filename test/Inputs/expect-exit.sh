#!/bin/sh
# Usage: expect-exit.sh CODE command args...  Runs the command and fails
# unless it exits with exactly CODE. Output passes through.
want=$1
shift
"$@"
got=$?
if [ "$got" != "$want" ]; then
  echo "expect-exit: expected exit code $want, got $got: $*" >&2
  exit 1
fi
exit 0
