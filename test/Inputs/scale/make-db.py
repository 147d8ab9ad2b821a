"""Writes DIR/compile_commands.json with one entry per FILE (relative to
DIR), compiled with the given flags. Usage: make-db.py DIR FLAGS -- FILE..."""
import json
import os
import sys

d = sys.argv[1]
sep = sys.argv.index("--")
flags, files = sys.argv[2:sep], sys.argv[sep + 1:]
db = [{"directory": d, "file": f, "arguments": ["cc"] + flags + ["-c", f]}
      for f in files]
with open(os.path.join(d, "compile_commands.json"), "w") as fh:
    json.dump(db, fh, indent=1)
