#!/usr/bin/env python3
"""Start-up benchmark: `today`, `status` and `log --json` on a ten-year progress log.

Run from the project root: python3 bench/startup.py  (builds the release binary first).
Prints the median and 95th percentile wall time of each command over 50 runs, next to
`pymastery --version`, which costs only the process start.
"""
import json, os, statistics, subprocess, tempfile, time, datetime

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
BIN = os.path.join(ROOT, "target", "release", "pymastery")

home = tempfile.mkdtemp(prefix="pym-bench-")
start = datetime.date(2016, 11, 1)
plans = ["rotating-48", "mastery-23", "roadmap-30", "interview", "deep-dive"]
lines, n = [], 0
for i in range(3650):  # ten years, a session a day, with a tick and a note
    date = start + datetime.timedelta(days=i)
    plan = plans[(i // 400) % len(plans)]
    for kind, extra in (("check", {"items": [1]}), ("done", {"note": f"reflection {i} " * 8, "minutes": 15})):
        n += 1
        event = {"v": 1, "id": f"bench-{n}", "at": f"{date}T09:00:00+00:00", "date": str(date),
                 "plan": plan, "pass": 1 + i // 2000, "type": kind, "day": f"w{1 + i % 48}.d{1 + i % 7}",
                 "title": "benchmark day"}
        event.update(extra)
        lines.append(json.dumps(event))
with open(os.path.join(home, "progress.jsonl"), "w") as f:
    f.write("\n".join(lines) + "\n")
size = os.path.getsize(os.path.join(home, "progress.jsonl"))
env = dict(os.environ, PYMASTERY_HOME=home, PYMASTERY_NOW="2026-11-01T09:00:00Z", NO_COLOR="1", TZ="UTC")

def measure(args, runs=50):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([BIN] + args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]

print(f"log: {len(lines)} events, {size / 1e6:.1f} MB")
for args in (["--version"], ["today"], ["status"], ["log", "--json"]):
    median, p95 = measure(args)
    print(f"{' '.join(args):<12} median {median:6.1f} ms   p95 {p95:6.1f} ms")
