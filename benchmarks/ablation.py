"""What each costly part of our build really costs, measured without a profiler.

    .venv/bin/python benchmarks/ablation.py [--n 1000] [--repeats 3] [--rebuild]

A profiler slows call-heavy code more than the rest, so profile shares are checked here:
the same full build of N synthetic events (pelicanconf.py, EVENTS_NOW fixed, no cache) runs
in a fresh process per variant, with one part switched off or replaced in that process
only (nothing in plugins/ or theme/ is changed on disk). Variants run interleaved; the
median CPU time (process_time, robust against other work on a shared machine) of
Pelican(settings).run() is compared with the unchanged build.

  ours              unchanged
  no-qr             the qr_svg filter returns "" (the QR macro renders no code)
  no-ics            CalendarGenerator.generate_output writes no .ics files
  no-typogrify      TYPOGRIFY = False
  no-polish         polish_typography's pass over content, titles, summaries skipped
                    (its `typo` filter for templates stays)
  with-smarty       Markdown's smarty extension added back (Polish quotes from Markdown,
                    as before issue 14; the typography pass then finds no straight quotes)
  no-file-caches    the per-file plugin caches (build_cache.cached(): typography, Event
                    parsing, placeholder scans) make every value anew
  none-of-these     no-qr + no-ics + no-typogrify + no-polish together

With --rebuild every variant keeps its own content cache and output folder (CACHE_CONTENT,
LOAD_CONTENT_CACHE on); the warm-up round fills them, so the measured runs are rebuilds in a
fresh process with nothing changed: what each part costs an editor's `pelican` rebuild.
"""

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import corpus

ROOT = corpus.ROOT
RESULTS = ROOT / "benchmarks" / "results"
VARIANTS = ("ours", "no-qr", "no-ics", "no-typogrify", "no-polish",
            "no-file-caches", "with-smarty", "none-of-these")
SMARTY = {"smart_dashes": False, "smart_ellipses": True, "smart_quotes": True,
          "substitutions": {"left-double-quote": "&bdquo;", "right-double-quote": "&rdquo;",
                            "left-single-quote": "&raquo;", "right-single-quote": "&laquo;"}}


def child(variant, content, output, cached="no"):
    """Run one build in this process with `variant` applied; print its run() seconds."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from markupsafe import Markup
    from pelican import Pelican
    from pelican.settings import read_settings

    import events.plugin
    override = {"PATH": content, "OUTPUT_PATH": output, "CACHE_PATH": output + "-cache",
                "CACHE_CONTENT": cached == "yes", "LOAD_CONTENT_CACHE": cached == "yes",
                "EVENTS_NOW": corpus.EVENTS_NOW}
    parts = {"no-qr", "no-ics", "no-typogrify", "no-polish"} if variant == "none-of-these" else {variant}
    if "no-qr" in parts:
        events.plugin.QrCodes.__call__ = lambda self, url: Markup("")
    if "no-ics" in parts:
        events.plugin.CalendarGenerator.generate_output = lambda self, writer: None
    if "no-file-caches" in parts:
        import placeholders.placeholders
        import polish_typography.polish_typography
        for module in (events.plugin, placeholders.placeholders,
                       polish_typography.polish_typography):
            module.cached = lambda settings, name, version, key, make: make()
    if "no-typogrify" in parts:
        override["TYPOGRIFY"] = False
    settings = read_settings(str(ROOT / "pelicanconf.py"), override=override)
    if "with-smarty" in parts:
        settings["MARKDOWN"]["extension_configs"]["markdown.extensions.smarty"] = SMARTY
    if "no-polish" in parts:  # the plugin stays (its `typo` filter), its content pass goes
        import polish_typography.polish_typography as polish
        polish.polish_content = lambda instance: None
    started, cpu = time.perf_counter(), time.process_time()
    Pelican(settings).run()
    print(json.dumps({"run_s": time.perf_counter() - started, "cpu_s": time.process_time() - cpu}))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--rebuild", action="store_true",
                        help="measure cached rebuilds (fresh process, nothing changed)")
    parser.add_argument("--variants", default=",".join(VARIANTS),
                        help="comma-separated variants to run (default: all)")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(*args.child)

    work = Path(tempfile.mkdtemp(prefix="czernica-ablation-"))
    variants = args.variants.split(",")
    times = {v: [] for v in variants}
    try:
        content = corpus.make_corpus(work / "content", args.n)
        for round_ in range(-1, args.repeats):  # one discarded warm-up round
            for variant in variants:
                output = work / (f"output-{variant}" if args.rebuild else "output")
                if not args.rebuild:
                    shutil.rmtree(output, ignore_errors=True)
                done = subprocess.run(
                    [sys.executable, __file__, "--child", variant, str(content), str(output),
                     "yes" if args.rebuild else "no"],
                    capture_output=True, text=True, cwd=work)
                if done.returncode:
                    sys.exit(f"{variant} failed:\n{done.stderr[-3000:]}")
                measured = json.loads(done.stdout.strip().splitlines()[-1])
                print(f"  {'warm-up' if round_ < 0 else f'run {round_ + 1}':>7} "
                      f"{variant:14s} {measured['run_s']:6.2f} s wall, {measured['cpu_s']:6.2f} s CPU",
                      flush=True)
                if round_ >= 0:
                    times[variant].append(measured["cpu_s"])
    finally:
        shutil.rmtree(work, ignore_errors=True)

    base = statistics.median(times["ours"])
    print(f"\nN={args.n}, median CPU time of Pelican.run() over {args.repeats} runs")
    print(f"  {'variant':14s} {'s':>7}  {'saved s':>8}  {'saved %':>8}")
    summary = {}
    for variant in variants:
        median = statistics.median(times[variant])
        summary[variant] = {"cpu_runs": times[variant], "median_cpu_s": median,
                            "saved_s": base - median, "saved_share": (base - median) / base}
        saved = base - median
        print(f"  {variant:14s} {median:7.2f}  {saved:8.2f}  {100 * saved / base:7.1f}%")
    RESULTS.mkdir(parents=True, exist_ok=True)
    kind = "rebuild" if args.rebuild else "full"
    path = RESULTS / f"ablation-{datetime.now():%Y%m%d-%H%M%S}-{kind}-{args.n}.json"
    path.write_text(json.dumps({"n": args.n, "events_now": corpus.EVENTS_NOW,
                                "variants": summary}, indent=2))
    print(f"\nwritten {path.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
