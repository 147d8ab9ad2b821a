#!/bin/sh
# Validates SARIF files with Microsoft's SARIF validator (sarif-multitool
# validate, from the npm package @microsoft/sarif-multitool, installed by
# tool/install-deps.sh) with GitHub code scanning's ingestion rules enabled
# (--rule-kind "Gh;Sarif"). Prints every error and a closing line
# "sarif-validate: N error(s) in FILE"; exits 1 on any error, and when the
# validator is missing (never a silent pass).
set -u
root=$(npm root -g 2>/dev/null)
bin=$(NODE_PATH="$root" node -e 'console.log(require("@microsoft/sarif-multitool"))' 2>/dev/null)
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
  echo "sarif-validate: sarif-multitool is not installed (run tool/install-deps.sh)" >&2
  exit 1
fi
status=0
for f in "$@"; do
  out=$(mktemp -d)
  # The npm wrapper runs the binary through a shell, which would split the
  # ';' of the rule kinds: call the binary itself.
  "$bin" validate --rule-kind "Gh;Sarif" -o "$out/result.sarif" "$(realpath "$f")" > "$out/log" 2>&1
  if [ ! -s "$out/result.sarif" ]; then
    cat "$out/log" >&2
    echo "sarif-validate: the validator produced no result for $f" >&2
    status=1
  else
    python3 - "$out/result.sarif" "$f" <<'PY' || status=1
import json, sys
log = json.load(open(sys.argv[1]))
errors = 0
for run in log.get("runs", []):
    rules = {r.get("id"): r for r in run.get("tool", {}).get("driver", {}).get("rules", [])}
    for n in run.get("invocations", [{}])[0].get("toolExecutionNotifications", []) or []:
        if n.get("level") == "error":
            errors += 1
            print("validator failure:", n.get("message", {}).get("text"))
    for r in run.get("results", []):
        if r.get("level", "warning") == "error":
            errors += 1
            m = r.get("message", {})
            print("error", r.get("ruleId"), m.get("id"), m.get("arguments"))
print("sarif-validate: %d error(s) in %s" % (errors, sys.argv[2].rsplit("/", 1)[-1]))
sys.exit(1 if errors else 0)
PY
  fi
  rm -rf "$out"
done
exit $status
