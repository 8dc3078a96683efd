#!/usr/bin/env python3
"""Start-up benchmark on realistic histories of a week, 10 years and 100 years.

Run from the project root:

    python3 bench/startup.py            # builds the release binary first
    python3 bench/startup.py --runs 31  # more runs per command (default 21)

It writes three homes (a week, ten years and a hundred years of history) in a temporary folder
with lines in the documented log format (v2, see docs/log-format.md): a session a day on rotating-48 with a tick of two items, a reflection and
minutes; passes over rotating-48 one after another (`start --fresh` at each end); a skip every
ten days; an undone and redone session every fifty days; the interview plan alongside for the
first sixteen days of each year; the days shared by two machines (weekdays on a laptop, weekends
on a desktop, each in its own file, with Lamport clocks). Then it measures `--version`, `today`,
`status`, the HTML review (`status --format html`, the default 12 weeks and the whole history of
520 weeks), `log --format md` and a write (`note`) on each, interleaved run by run, and prints
medians, ratios, peak memory (max RSS of each run), whether the budgets hold, and what a hundred
years cost against a week.

The first run of each command on a home builds the checkpoint; it is left out of the figures.
"""
import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NOW = "2026-11-01T09:00:00Z"


def plan_days(binary, plan):
    home = tempfile.mkdtemp(prefix="pym-bench-plan-")
    out = subprocess.run([binary, "show", plan, "--json"], env=dict(os.environ, PYMASTERY_HOME=home),
                         check=True, capture_output=True, text=True).stdout
    return [(d["key"], d["title"]) for d in json.loads(out)["days"]]


def generate(home, days, rotating, interview):
    """Writes `days` days of history ending on 2026-10-31 as log/laptop….jsonl and
    log/desktop….jsonl in `home`; returns (events, bytes)."""
    end = datetime.date(2026, 10, 31)
    start = end - datetime.timedelta(days=days - 1)
    files = {"1a2b3c4d5e6f": [], "6f5e4d3c2b1a": []}
    clock = 0
    seq = 0

    def emit(dev, date, plan, pass_, kind, **fields):
        nonlocal clock, seq
        clock += 1
        seq += 1
        event = {"v": 2, "id": f"{seq:013x}-bench-{seq:04x}-{dev[:8]}", "at": f"{date}T19:30:00+01:00",
                 "date": str(date), "plan": plan, "pass": pass_, "clock": clock, "dev": dev, "type": kind}
        event.update(fields)
        files[dev].append(json.dumps(event, ensure_ascii=False, separators=(",", ":")))
        return event["id"]

    r_pass, r_pos, i_pass = 1, 0, 0
    first = next(iter(files))
    emit(first, start, "rotating-48", 1, "start")
    for n in range((end - start).days + 1):
        date = start + datetime.timedelta(days=n)
        dev = list(files)[1] if date.weekday() >= 5 else first
        if date.timetuple().tm_yday == 1:
            i_pass += 1
            emit(dev, date, "interview", i_pass, "start", **({"fresh": True} if i_pass > 1 else {}))
        if date.timetuple().tm_yday <= 16 and i_pass:
            key, title = interview[date.timetuple().tm_yday - 1]
            emit(dev, date, "interview", i_pass, "done", day=key, title=title,
                 note=f"interview prep, day {key}: went over the questions again", minutes=25)
        key, title = rotating[r_pos]
        if n % 10 == 9:
            emit(dev, date, "rotating-48", r_pass, "skip", day=key, title=title, reason="known already")
        else:
            emit(dev, date, "rotating-48", r_pass, "check", day=key, title=title, items=[1, 2])
            note = (f"Reflection on {title}: what clicked, what to revisit tomorrow, and one "
                    f"snippet worth keeping (session {n}).")
            done = emit(dev, date, "rotating-48", r_pass, "done", day=key, title=title, note=note, minutes=30 + n % 31)
            if n % 50 == 49:
                emit(dev, date, "rotating-48", r_pass, "undo", target=done)
                emit(dev, date, "rotating-48", r_pass, "done", day=key, title=title, note=note, minutes=30)
        r_pos += 1
        if r_pos == len(rotating):
            r_pos, r_pass = 0, r_pass + 1
            emit(dev, date, "rotating-48", r_pass, "start", fresh=True)
    os.makedirs(os.path.join(home, "log"), mode=0o700)
    size = 0
    for dev, lines in files.items():
        path = os.path.join(home, "log", f"{dev}.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        os.chmod(path, 0o600)
        size += os.path.getsize(path)
    os.chmod(home, 0o700)
    return sum(len(lines) for lines in files.values()), size


def run_once(binary, args, env):
    """Wall time in ms and peak memory in MB of one run.

    The time is taken around a direct fork and exec; the peak memory (maximum resident set
    size) in a separate run under /usr/bin/time, because a child forked from Python inherits
    Python's own high-water mark.
    """
    start = time.perf_counter()
    proc = subprocess.run([binary] + args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = (time.perf_counter() - start) * 1000
    if proc.returncode != 0:
        sys.exit(f"{' '.join(args)} failed: {proc.stderr.decode()}")
    return elapsed


def peak_mb(binary, args, env):
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", binary] + args, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
    return int(proc.stderr.strip().splitlines()[-1]) / 1024


COMMANDS = [("--version", ["--version"]), ("today", ["today"]), ("status", ["status"]),
            ("html page", ["status", "--format", "html"]),
            ("html, 520 weeks", ["status", "--format", "html", "--weeks", "520"]),
            ("log --format md", ["log", "--format", "md"]), ("note (a write)", ["note", "bench"])]
# The pages are budgeted against `status` and in time; the memory budgets are the daily commands'.
PAGES = ("html page", "html, 520 weeks")


def measure(binary, home, runs):
    env = dict(os.environ, PYMASTERY_HOME=home, PYMASTERY_NOW=NOW, NO_COLOR="1", TZ="Europe/Berlin")
    for _, args in COMMANDS:  # first runs: build the checkpoint and the plan cache
        run_once(binary, args, env)
    times = {name: [] for name, _ in COMMANDS}
    for _ in range(runs):
        for name, args in COMMANDS:
            times[name].append(run_once(binary, args, env))
    peaks = {name: max(peak_mb(binary, args, env) for _ in range(3)) for name, args in COMMANDS}
    return {name: statistics.median(t) for name, t in times.items()}, peaks


def arguments(runs):
    """The benchmarks' options (`--runs`, `--binary`) and the binary to measure: the one given,
    else the release build, built now."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=runs)
    parser.add_argument("--binary", help="a built pymastery (default: build the release binary)")
    args = parser.parse_args()
    if not args.binary:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
        args.binary = os.path.join(ROOT, "target", "release", "pymastery")
    return args


def main():
    args = arguments(21)
    binary = args.binary
    rotating, interview = plan_days(binary, "rotating-48"), plan_days(binary, "interview")
    results = {}
    # A first week, to compare with: a command should cost the same on day 1 and day 36,500.
    histories = [("a week", 7), ("10 years", 365 * 10 + 2), ("100 years", 365 * 100 + 25)]
    for label, days in histories:
        home = tempfile.mkdtemp(prefix=f"pym-bench-{days}d-")
        events, size = generate(home, days, rotating, interview)
        medians, peaks = measure(binary, home, args.runs)
        results[label] = (medians, peaks)
        print(f"\n{label}: {events:,} events, {size / 1e6:.1f} MB in 2 files ({home})")
        base = medians["--version"]
        for name, _ in COMMANDS:
            print(f"  {name:<16} median {medians[name]:6.1f} ms  {medians[name] / base:5.2f}x --version"
                  f"  peak {peaks[name]:5.1f} MB")
    (m1, _), (m10, p10), (m100, p100) = results["a week"], results["10 years"], results["100 years"]
    checks = [
        ("10y today <= 1.5x --version", m10["today"] / m10["--version"], 1.5),
        ("10y status <= 2x --version", m10["status"] / m10["--version"], 2.0),
        ("100y today <= 3x 10y today", m100["today"] / m10["today"], 3.0),
        ("100y status <= 3x 10y status", m100["status"] / m10["status"], 3.0),
        ("100y write <= 2x 10y write", m100["note (a write)"] / m10["note (a write)"], 2.0),
        ("10y html page <= 3x 10y status", m10["html page"] / m10["status"], 3.0),
        ("10y html, 520 weeks < 1000 ms", m10["html, 520 weeks"], 1000.0),
        ("10y peak memory < 20 MB", max(v for k, v in p10.items() if k not in PAGES), 20.0),
        ("100y peak memory < 40 MB", max(v for k, v in p100.items() if k not in PAGES), 40.0),
    ]
    print("\nbudgets")
    for name, value, limit in checks:
        print(f"  {name:<32} {value:6.2f}  {'ok' if value <= limit else 'OVER'}")
    print("\na hundred years against a week")
    for name in ("today", "status", "html page", "note (a write)"):
        print(f"  {name:<16} {m100[name] / m1[name]:5.2f}x")


if __name__ == "__main__":
    main()
