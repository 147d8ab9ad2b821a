"""Runs a command with stderr (and stdout) on a pseudo-terminal and prints
what it wrote, carriage returns and escapes made visible: '\\r' as <CR>,
ESC as <ESC>. Usage: run-in-pty.py COMMAND ARGS..."""
import os
import pty
import sys

pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
out = b""
while True:
    try:
        chunk = os.read(fd, 65536)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
_, status = os.waitpid(pid, 0)
text = out.decode("utf-8", "replace").replace("\r\n", "\n")
text = text.replace("\r", "<CR>").replace("\x1b", "<ESC>")
sys.stdout.write(text)
sys.exit(os.waitstatus_to_exitcode(status))
