"""Edit-and-preview benchmark: rebuild of an N-event site after one event file changed.

    .venv/bin/python benchmarks/preview_benchmark.py [--n 1000] [--repeats 5] [--site stock]

Uses pelicanconf.py as editors do (CACHE_CONTENT and LOAD_CONTENT_CACHE on, output folder
kept between builds), EVENTS_NOW fixed, cache and output in a temporary folder. A first build
warms the content cache; then, per repeat, one event file gets a new sentence (another file
each time) and the site is rebuilt. Measured two ways:

  CLI         a fresh `pelican` process per rebuild (what `pelican` or `make html` pays):
              wall time, and Pelican's own "Done ... in X seconds";
  in-process  one long-lived Python process, as `invoke livereload` keeps one: per rebuild
              read_settings() + Pelican(settings) (what pelican.main() does each time) and
              Pelican.run() timed separately.

Both record wall time and CPU time (the latter is steadier on a shared machine). With
--site stock the same is measured for stock Pelican (simple theme, no plugins, same corpus,
the settings of build_benchmark.py with the cache on), as the floor Pelican itself sets.

Target: rebuild <= 0.5 s. Results go to benchmarks/results/preview-*.json.
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
TARGET_S = 0.5
_DONE = re.compile(r"Done: Processed .*? in ([\d.]+) seconds", re.DOTALL)


def edited_numbers(n, repeats):
    """Which event files the editor changes: spread over the site, one per rebuild."""
    return [1 + (round_ * 389) % n for round_ in range(1, repeats + 1)]


def settings_file(site, content, work):
    """The settings file and -e overrides of `site`, with the content cache on."""
    if site == "stock":
        cmd = commands(work, content)["stock"]
        return cmd[cmd.index("-s") + 1], ["CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true"]
    return str(ROOT / "pelicanconf.py"), [f'EVENTS_NOW="{corpus.EVENTS_NOW}"']


def cli_build(content, output, cache, conf, extra):
    cmd = [PELICAN, str(content), "-o", str(output), "-s", conf, "-e", *extra,
           f'CACHE_PATH="{cache}"']
    with tempfile.TemporaryFile("w+") as log:
        started = time.perf_counter()
        child = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=output.parent,
                                 env={**os.environ, "COLUMNS": "400"})
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        log.seek(0)
        text = log.read()
    if os.waitstatus_to_exitcode(status):
        sys.exit(f"build failed:\n{text[-3000:]}")
    match = _DONE.search(text)
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime,
            "run_s": float(match.group(1)) if match else None}


def measure_cli(content, work, n, repeats, site):
    output, cache = work / "cli-output", work / "cli-cache"
    conf, extra = settings_file(site, content, work)

    def cli_build_(*args):
        return cli_build(*args, conf, extra)

    cold = cli_build_(content, output, cache)
    print(f"  CLI        cold build (fills the cache) {cold['wall_s']:6.2f} s", flush=True)
    unchanged = cli_build_(content, output, cache)
    print(f"  CLI        rebuild, nothing changed     {unchanged['wall_s']:6.2f} s", flush=True)
    rebuilds = []
    for revision, number in enumerate(edited_numbers(n, repeats), 1):
        corpus.edit_event(content, number, revision)
        rebuilds.append(cli_build_(content, output, cache))
        print(f"  CLI        rebuild after editing wydarzenie-{number:05d}.md "
              f"{rebuilds[-1]['wall_s']:6.2f} s (CPU {rebuilds[-1]['cpu_s']:.2f} s, "
              f"run() {rebuilds[-1]['run_s']} s)", flush=True)
    return {"cold": cold, "unchanged": unchanged, "rebuilds": rebuilds}


def child(content, work, n, repeats, site):
    """The long-lived process: what a livereload server pays per rebuild."""
    started = time.perf_counter()
    from pelican import Pelican
    from pelican.settings import read_settings
    imports = time.perf_counter() - started
    content, work = Path(content), Path(work)
    conf, _ = settings_file(site, content, work)
    override = {"PATH": str(content), "OUTPUT_PATH": str(work / "live-output"),
                "CACHE_PATH": str(work / "live-cache"), "CACHE_CONTENT": True,
                "LOAD_CONTENT_CACHE": True}
    if site == "ours":
        override["EVENTS_NOW"] = corpus.EVENTS_NOW

    def build():
        t0, c0 = time.perf_counter(), time.process_time()
        pelican = Pelican(read_settings(conf, override=dict(override)))
        t1 = time.perf_counter()
        pelican.run()
        t2, c2 = time.perf_counter(), time.process_time()
        return {"init_s": t1 - t0, "run_s": t2 - t1, "total_s": t2 - t0, "cpu_s": c2 - c0}

    result = {"imports_s": imports, "cold": build(), "unchanged": build(), "rebuilds": []}
    for revision, number in enumerate(edited_numbers(n, repeats), 100):
        corpus.edit_event(content, number, revision)
        result["rebuilds"].append(build())
    print(json.dumps(result))


def measure_in_process(content, work, n, repeats, site):
    done = subprocess.run([sys.executable, __file__, "--child", str(content), str(work),
                           str(n), str(repeats), site], capture_output=True, text=True, cwd=work)
    if done.returncode:
        sys.exit(f"in-process child failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"  in-process imports {result['imports_s']:.2f} s, cold build "
          f"{result['cold']['total_s']:.2f} s, nothing changed {result['unchanged']['total_s']:.2f} s")
    for r in result["rebuilds"]:
        print(f"  in-process rebuild after one edit: settings+init {r['init_s']:.3f} s, "
              f"run() {r['run_s']:.3f} s, total {r['total_s']:.3f} s (CPU {r['cpu_s']:.2f} s)")
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--site", choices=("ours", "stock"), default="ours")
    parser.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        content, work, n, repeats, site = args.child
        return child(content, work, int(n), int(repeats), site)

    work = Path(tempfile.mkdtemp(prefix="czernica-preview-"))
    try:
        content = corpus.make_corpus(work / "content", args.n)
        print(f"{args.site} site, {args.n} events; EVENTS_NOW={corpus.EVENTS_NOW}; work folder {work}")
        cli = measure_cli(content, work, args.n, args.repeats, args.site)
        live = measure_in_process(content, work, args.n, args.repeats, args.site)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    summary = {
        "cli_rebuild_wall_median_s": statistics.median(r["wall_s"] for r in cli["rebuilds"]),
        "cli_rebuild_run_median_s": statistics.median(r["run_s"] for r in cli["rebuilds"]),
        "cli_rebuild_cpu_median_s": statistics.median(r["cpu_s"] for r in cli["rebuilds"]),
        "in_process_rebuild_cpu_median_s": statistics.median(r["cpu_s"] for r in live["rebuilds"]),
        "in_process_rebuild_run_median_s": statistics.median(r["run_s"] for r in live["rebuilds"]),
        "in_process_rebuild_total_median_s": statistics.median(
            r["total_s"] for r in live["rebuilds"]),
        "target_s": TARGET_S,
    }
    print(f"\nmedian rebuild after one edit, {args.site} site, N={args.n}:")
    print(f"  CLI wall                         {summary['cli_rebuild_wall_median_s']:.2f} s")
    print(f"  CLI CPU                          {summary['cli_rebuild_cpu_median_s']:.2f} s")
    print(f"  CLI, Pelican's own run()         {summary['cli_rebuild_run_median_s']:.2f} s")
    print(f"  in-process settings+init+run()   {summary['in_process_rebuild_total_median_s']:.2f} s")
    print(f"  in-process run() only            {summary['in_process_rebuild_run_median_s']:.2f} s")
    print(f"  in-process CPU                   {summary['in_process_rebuild_cpu_median_s']:.2f} s")
    met = summary["in_process_rebuild_total_median_s"] <= TARGET_S
    print(f"  target <= {TARGET_S} s: {'met' if met else 'NOT met'} (in-process, as livereload pays)")
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"preview-{datetime.now():%Y%m%d-%H%M%S}-{args.site}-{args.n}.json"
    path.write_text(json.dumps({"site": args.site, "n": args.n, "events_now": corpus.EVENTS_NOW,
                                "edited": edited_numbers(args.n, args.repeats), "cli": cli,
                                "in_process": live, "summary": summary}, indent=2))
    print(f"\nwritten {path.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
