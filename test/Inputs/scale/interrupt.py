"""Starts a long kmapcheck run, sends SIGINT once it is analysing, and
checks that it stops promptly with exit code 130, writes no report and
leaves no temporary file. Usage: interrupt.py OUTDIR KMAPCHECK ARGS...
(the arguments should write the report to OUTDIR/report.json)."""
import os
import signal
import subprocess
import sys
import time

outdir, cmd = sys.argv[1], sys.argv[2:]
before = set(os.listdir(outdir))
p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
time.sleep(3)  # well past start-up: the TUs are being analysed
start = time.time()
p.send_signal(signal.SIGINT)
try:
    out, err = p.communicate(timeout=120)
except subprocess.TimeoutExpired:
    p.kill()
    sys.exit("kmapcheck did not stop within 120 s of SIGINT")
took = time.time() - start
sys.stdout.write(err.decode())
print("exit code: %d" % p.returncode)
print("new files: %s" % sorted(set(os.listdir(outdir)) - before))
print("stopped promptly: %s" % (took < 60))
