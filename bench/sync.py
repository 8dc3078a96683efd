#!/usr/bin/env python3
"""Cost of `pymastery sync` on a ten-year history, against a bare repository on the same disk.

Run from the project root: python3 bench/sync.py [RUNS]  (builds the release binary first).
A home with 7,300 events (two a day) syncs first, a second home joins, then the first syncs
RUNS times with nothing new and RUNS times after one new event; medians, next to `--version`.
Git runs with an isolated config (temporary HOME, GIT_CONFIG_NOSYSTEM=1).
"""
import json, os, statistics, subprocess, sys, tempfile, time, datetime
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
BIN = os.path.join(ROOT, "target", "release", "pymastery")
runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
T = tempfile.mkdtemp(prefix="pym-syncbench-")
user = os.path.join(T, "user"); os.makedirs(user)
env = dict(os.environ, HOME=user, XDG_CONFIG_HOME=user, GIT_CONFIG_NOSYSTEM="1", NO_COLOR="1", TZ="UTC",
           PYMASTERY_NOW="2026-11-01T09:00:00Z")
subprocess.run(["git", "init", "-q", "--bare", os.path.join(T, "remote.git")], check=True, env=env)
a = os.path.join(T, "a"); b = os.path.join(T, "b")
def pym(home, *args):
    return subprocess.run([BIN, "--home", home, *args], env=env, check=True, capture_output=True, text=True)
pym(a, "start", "interview", "-q")
dev = [f for f in os.listdir(os.path.join(a, "log"))][0]
start = datetime.date(2016, 11, 1); lines = []; n = 0
for i in range(3650):
    d = start + datetime.timedelta(days=i)
    for kind, extra in (("check", {"items": [1]}), ("done", {"note": f"reflection {i} " * 8, "minutes": 15})):
        n += 1
        e = {"v": 2, "id": f"bench-{n}", "at": f"{d}T09:00:00+00:00", "date": str(d), "plan": "interview",
             "pass": 1, "clock": n + 1, "dev": dev[:-6], "type": kind, "day": "d1", "title": "t"}
        e.update(extra); lines.append(json.dumps(e))
with open(os.path.join(a, "log", dev), "a") as f:
    f.write("\n".join(lines) + "\n")
size = os.path.getsize(os.path.join(a, "log", dev))
def timed(f):
    t = time.perf_counter(); f(); return (time.perf_counter() - t) * 1000
first = timed(lambda: pym(a, "sync", os.path.join(T, "remote.git"), "-q"))
join = timed(lambda: pym(b, "sync", os.path.join(T, "remote.git"), "-q"))
idle = sorted(timed(lambda: pym(a, "sync", "-q")) for _ in range(runs))
def one():
    pym(a, "note", "x", "-q")
    return timed(lambda: pym(a, "sync", "-q"))
once = sorted(one() for _ in range(runs))
ver = sorted(timed(lambda: pym(a, "--version")) for _ in range(runs))
print(f"log {n} events, {size/1e6:.1f} MB; first sync {first:.0f} ms; joining home {join:.0f} ms; "
      f"sync with nothing new median {statistics.median(idle):.0f} ms; sync of one new event median "
      f"{statistics.median(once):.0f} ms; --version median {statistics.median(ver):.1f} ms ({runs} runs each)")
