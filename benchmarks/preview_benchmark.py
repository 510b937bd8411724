"""Edit-and-preview benchmark: rebuild of an N-event site after one event file changed,
ours and stock Pelican interleaved.

    .venv/bin/python benchmarks/preview_benchmark.py [--n 1000] [--repeats 5] [--tree NAME=PATH]

Each site builds with its content cache on (CACHE_CONTENT, LOAD_CONTENT_CACHE, output folder
kept), as editors build: ours with pelicanconf.py (EVENTS_NOW fixed), stock Pelican with
build_benchmark.py's settings plus the cache. Each site has its own copy of the corpus. A
first build fills the cache and a second one changes nothing; then, per repeat, one event
file gets a new sentence (another file each time, the same in every copy) and every site
rebuilds, two ways:

  CLI         a fresh `pelican` process per rebuild (what `pelican` or `make html` pays):
              wall time, CPU time and peak RSS of the child, Pelican's own "Done in X s";
  in-process  one long-lived Python process per site, as `invoke livereload` keeps one: per
              rebuild read_settings() + Pelican(settings) (what pelican.main() does each
              time) and Pelican.run(), wall and CPU time.

The sites take turns for every build, so machine noise hits them alike. --tree NAME=PATH
adds our site as built from another checkout (the code before a change). Results go to
benchmarks/results/preview-*.json.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import corpus
from build_benchmark import commands

ROOT = corpus.ROOT
RESULTS = ROOT / "benchmarks" / "results"
PELICAN = str(Path(sys.executable).with_name("pelican"))
_DONE = re.compile(r"Done: Processed .*? in ([\d.]+) seconds", re.DOTALL)


def edited_numbers(n, repeats):
    """Which event files the editor changes: spread over the site, one per rebuild."""
    return [1 + (round_ * 389) % n for round_ in range(1, repeats + 1)]


def settings_file(site, root, content, work):
    """The settings file and -e overrides of `site` (ours from `root`), content cache on."""
    if site == "stock":
        cmd = commands(work, content)["stock"]
        return cmd[cmd.index("-s") + 1], ["CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true"]
    return str(Path(root) / "pelicanconf.py"), [f'EVENTS_NOW="{corpus.EVENTS_NOW}"']


class Site:
    """One variant: its corpus copy, its CLI and in-process folders, its live child."""

    def __init__(self, name, root, work, n):
        self.name, self.root = name, root
        self.folder = work / name.replace("+", "_")
        self.content = corpus.make_corpus(self.folder / "content", n)
        self.conf, self.extra = settings_file(name, root, self.content, self.folder)
        self.live = subprocess.Popen(
            [sys.executable, __file__, "--child", name, str(root), str(self.content),
             str(self.folder)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            cwd=self.folder, env={**os.environ, "COLUMNS": "400"})

    def cli_build(self):
        output, cache = self.folder / "cli-output", self.folder / "cli-cache"
        cmd = [PELICAN, str(self.content), "-o", str(output), "-s", self.conf, "-e",
               *self.extra, f'CACHE_PATH="{cache}"']
        with tempfile.TemporaryFile("w+") as log:
            started = time.perf_counter()
            child = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=self.folder,
                                     env={**os.environ, "COLUMNS": "400"})
            _, status, usage = os.wait4(child.pid, 0)
            wall = time.perf_counter() - started
            log.seek(0)
            text = log.read()
        if os.waitstatus_to_exitcode(status):
            sys.exit(f"{self.name}: build failed:\n{text[-3000:]}")
        match = _DONE.search(text)
        return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime,
                "maxrss_kib": usage.ru_maxrss, "run_s": float(match.group(1)) if match else None}

    def live_build(self):
        self.live.stdin.write("build\n")
        self.live.stdin.flush()
        line = self.live.stdout.readline()
        if not line:
            sys.exit(f"{self.name}: the in-process child died")
        return json.loads(line)

    def close(self):
        self.live.stdin.close()
        self.live.wait()


def child(name, root, content, folder):
    """The long-lived process of one site: builds whenever a line arrives on stdin."""
    sys.stdout, report = sys.stderr, sys.stdout  # Pelican's output must not mix with ours
    from pelican import Pelican
    from pelican.settings import read_settings
    content, folder = Path(content), Path(folder)
    conf, _ = settings_file(name, root, content, folder)
    override = {"PATH": str(content), "OUTPUT_PATH": str(folder / "live-output"),
                "CACHE_PATH": str(folder / "live-cache"), "CACHE_CONTENT": True,
                "LOAD_CONTENT_CACHE": True}
    if name != "stock":
        override["EVENTS_NOW"] = corpus.EVENTS_NOW
    for _ in sys.stdin:
        t0, c0 = time.perf_counter(), time.process_time()
        pelican = Pelican(read_settings(conf, override=dict(override)))
        t1 = time.perf_counter()
        pelican.run()
        t2, c2 = time.perf_counter(), time.process_time()
        report.write(json.dumps({"init_s": t1 - t0, "run_s": t2 - t1, "total_s": t2 - t0,
                                 "cpu_s": c2 - c0}) + "\n")
        report.flush()


def median(rows, key):
    return statistics.median(r[key] for r in rows)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--tree", action="append", default=[], metavar="NAME=PATH",
                        help="also our site as built from the checkout at PATH (repeatable)")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(*args.child)

    work = Path(tempfile.mkdtemp(prefix="czernica-preview-"))
    variants = [("ours", ROOT)] + [tuple(t.split("=", 1)) for t in args.tree] + [("stock", ROOT)]
    runs = {name: {"cli": [], "live": []} for name, _ in variants}
    print(f"{args.n} events; EVENTS_NOW={corpus.EVENTS_NOW}; work folder {work}", flush=True)
    sites = []
    try:
        sites = [Site(name, root, work, args.n) for name, root in variants]
        for step in ("cold", "unchanged"):
            for site in sites:
                cli, live = site.cli_build(), site.live_build()
                runs[site.name][step] = {"cli": cli, "live": live}
                print(f"  {site.name:8s} {step:9s} CLI {cli['wall_s']:6.2f} s, in-process "
                      f"{live['total_s']:6.2f} s", flush=True)
        for revision, number in enumerate(edited_numbers(args.n, args.repeats), 1):
            for site in sites:
                corpus.edit_event(site.content, number, revision)
                cli, live = site.cli_build(), site.live_build()
                runs[site.name]["cli"].append(cli)
                runs[site.name]["live"].append(live)
                print(f"  {site.name:8s} edit {number:5d}: CLI {cli['wall_s']:6.2f} s (CPU "
                      f"{cli['cpu_s']:.2f} s, {cli['maxrss_kib'] / 1024:.0f} MiB), in-process "
                      f"{live['total_s']:6.2f} s (CPU {live['cpu_s']:.2f} s)", flush=True)
    finally:
        for site in sites:
            site.close()
        shutil.rmtree(work, ignore_errors=True)

    summary = {name: {
        "cli_wall_s": median(r["cli"], "wall_s"), "cli_cpu_s": median(r["cli"], "cpu_s"),
        "cli_run_s": median(r["cli"], "run_s"),
        "cli_max_rss_mib": max(x["maxrss_kib"] for x in r["cli"]) / 1024,
        "live_total_s": median(r["live"], "total_s"), "live_cpu_s": median(r["live"], "cpu_s"),
    } for name, r in runs.items()}
    stock = summary["stock"]
    print(f"\nmedian rebuild after one edit, N={args.n} ({args.repeats} edits):")
    print(f"  {'site':10s} {'CLI wall':>9s} {'CLI CPU':>8s} {'run()':>7s} {'RSS MiB':>8s} "
          f"{'live wall':>10s} {'live CPU':>9s}   ÷ stock (CLI CPU, live CPU)")
    for name, s in summary.items():
        print(f"  {name:10s} {s['cli_wall_s']:9.2f} {s['cli_cpu_s']:8.2f} {s['cli_run_s']:7.2f} "
              f"{s['cli_max_rss_mib']:8.0f} {s['live_total_s']:10.2f} {s['live_cpu_s']:9.2f}   "
              f"{s['cli_cpu_s'] / stock['cli_cpu_s']:.2f}x, {s['live_cpu_s'] / stock['live_cpu_s']:.2f}x")
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"preview-{datetime.now():%Y%m%d-%H%M%S}-{args.n}.json"
    path.write_text(json.dumps({"n": args.n, "events_now": corpus.EVENTS_NOW,
                                "edited": edited_numbers(args.n, args.repeats),
                                "variants": dict(variants), "runs": runs, "summary": summary},
                               indent=2, default=str))
    print(f"\nwritten {path.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
