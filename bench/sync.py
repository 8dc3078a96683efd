#!/usr/bin/env python3
"""Sync benchmark: what one sync of one new event costs on 1, 10 and 100 years of history.

Run from the project root:

    python3 bench/sync.py             # builds the release binary first
    python3 bench/sync.py --runs 11   # syncs measured per history (default 9)

For each history it makes a home whose machine has recorded two events a day (a tick and a
session with a reflection) for the years given, in the log layout pymastery writes: sealed
segments of 64 KiB in log/<device>/ and the active log/<device>.jsonl. It syncs the home once
to a new bare repository (not measured), then, run after run, records one note and times
`pymastery sync`, and measures how much the remote grows: the bytes of the objects and packs
in the bare repository (their length, not the disk blocks they take). Git runs with no user or
system config (an isolated HOME), as on a fresh machine.

Budgets (issue "sync that costs what is new"): a sync of one new event on 100 years within
1.5x of one year; the remote growing by less than 8 KB per such sync.
"""
import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import startup  # beside this file: the options and the release build

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOW = "2026-11-01T09:00:00Z"
SEGMENT = 64 * 1024


def pym(binary, env, *args):
    proc = subprocess.run([binary, *args], env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"pymastery {' '.join(args)} failed: {proc.stderr}")
    return proc.stdout


def generate(home, device, years):
    """Writes `years` of history for `device` as sealed segments and an active file."""
    end = datetime.date(2026, 10, 31)
    start = end - datetime.timedelta(days=365 * years - 1)
    lines = []
    clock = 0

    def emit(date, kind, **fields):
        nonlocal clock
        clock += 1
        event = {"v": 2, "id": f"{clock:013x}-bench-{clock:04x}-{device[:8]}", "at": f"{date}T19:30:00+01:00",
                 "date": str(date), "plan": "interview", "pass": 1, "clock": clock, "dev": device, "type": kind}
        event.update(fields)
        lines.append(json.dumps(event, separators=(",", ":")) + "\n")

    emit(start, "start")
    for n in range((end - start).days + 1):
        date = start + datetime.timedelta(days=n)
        key = f"d{n % 16 + 1}"
        emit(date, "check", day=key, title=f"Day {key}", items=[1, 2])
        emit(date, "note", day=key, title=f"Day {key}",
             text=f"Reflection on {key}: what clicked, what to revisit tomorrow (session {n}).")
    log = os.path.join(home, "log")
    sealed_dir = os.path.join(log, device)
    os.makedirs(sealed_dir, mode=0o700, exist_ok=True)
    segment, number, size = [], 0, 0
    for line in lines:
        segment.append(line)
        size += len(line)
        if size >= SEGMENT:
            number += 1
            with open(os.path.join(sealed_dir, f"{number:06}.jsonl"), "w") as f:
                f.writelines(segment)
            segment, size = [], 0
    with open(os.path.join(log, f"{device}.jsonl"), "a") as f:
        f.writelines(segment)
    if number:
        with open(os.path.join(log, "segments.jsonl"), "w") as f:
            f.write('{"v":3,"id":"log-layout-segments","type":"layout","note":"each machine\'s log is split '
                    'into segments in log/<device>/; this needs pymastery 0.2 or later"}\n')
    for root, dirs, files in os.walk(home):
        for name in files:
            os.chmod(os.path.join(root, name), 0o600)
        for name in dirs:
            os.chmod(os.path.join(root, name), 0o700)
    return len(lines), sum(os.path.getsize(os.path.join(r, n)) for r, _, fs in os.walk(log) for n in fs)


def object_bytes(repo):
    total = 0
    for root, _, files in os.walk(os.path.join(repo, "objects")):
        total += sum(os.path.getsize(os.path.join(root, name)) for name in files)
    return total


def measure(binary, years, runs):
    base = tempfile.mkdtemp(prefix=f"pym-sync-bench-{years}y-")
    user = os.path.join(base, "user")
    os.makedirs(user)
    home = os.path.join(base, "home")
    remote = os.path.join(base, "remote.git")
    env = dict(os.environ, PYMASTERY_HOME=home, PYMASTERY_NOW=NOW, NO_COLOR="1", HOME=user,
               XDG_CONFIG_HOME=user, GIT_CONFIG_NOSYSTEM="1")
    subprocess.run(["git", "init", "--bare", "-q", "-b", "main", remote], env=env, check=True)
    pym(binary, env, "start", "interview")
    device = json.load(open(os.path.join(home, "local", "device.json")))["id"]
    os.remove(os.path.join(home, "log", f"{device}.jsonl"))
    for name in os.listdir(os.path.join(home, "cache")):
        path = os.path.join(home, "cache", name)
        if os.path.isfile(path):
            os.remove(path)
    events, size = generate(home, device, years)
    pym(binary, env, "sync", remote)
    times, growth = [], []
    for n in range(runs):
        pym(binary, env, "note", f"one more thought {n}")
        before = object_bytes(remote)
        start = time.perf_counter()
        pym(binary, env, "sync")
        times.append((time.perf_counter() - start) * 1000)
        growth.append(object_bytes(remote) - before)
    return events, size, statistics.median(times), statistics.median(growth), max(growth)


def main():
    args = startup.arguments(9)
    binary = args.binary
    results = {}
    for years in (1, 10, 100):
        events, size, median, grow, most = measure(binary, years, args.runs)
        results[years] = (median, grow, most)
        print(f"{years:>3} years: {events:,} events, {size / 1e6:.1f} MB of log; one-event sync "
              f"median {median:.0f} ms; remote grows {grow / 1024:.1f} KB per sync (at most {most / 1024:.1f} KB)")
    checks = [
        ("100y sync <= 1.5x 1y sync", results[100][0] / results[1][0], 1.5),
        ("100y remote growth per sync < 8 KB", results[100][2] / 1024, 8.0),
    ]
    print("\nbudgets")
    for name, value, limit in checks:
        print(f"  {name:<36} {value:6.2f}  {'ok' if value < limit or (value == limit) else 'OVER'}")


if __name__ == "__main__":
    main()
