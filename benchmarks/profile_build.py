"""Where a build of our site spends its time: pyinstrument on Pelican(settings).run().

    .venv/bin/pip install pyinstrument==5.1.3      # profiling only, not a project requirement
    .venv/bin/python benchmarks/profile_build.py [--n 1000] [--rebuild] [--site stock]

Builds N synthetic events (benchmarks/corpus.py) plus the real pages with pelicanconf.py, all
plugins and our theme, EVENTS_NOW fixed, in this process. Without --rebuild: a full build
without content cache. With --rebuild: the edit-and-preview case; a first build warms the
content cache, one event file changes, and the second build is profiled.

Prints the inclusive time of the top functions (recursion counted once), the top functions
by own time, and the time under each of our plugins' entry points and Jinja filters; writes
pyinstrument's HTML and text reports to benchmarks/results/profile-*.{html,txt}. With
--site stock the same corpus is built by stock Pelican (build_benchmark.py's settings), to
compare the phases (reading, writing) with ours.

Without pyinstrument, --cprofile uses the standard library's cProfile and prints the
cumulative time of Pelican's phases and of our plugins' functions (it slows call-heavy
code even more). --root PATH profiles the site of another checkout (e.g. the code before a
change, `git worktree add /tmp/before <commit>`).

The profiler slows call-heavy code (segno, Jinja, icalendar) more than the rest: run() takes
about twice as long under it; benchmarks/ablation.py measures the real savings.
"""

import argparse
import shutil
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import corpus
from build_benchmark import commands

ROOT = corpus.ROOT
RESULTS = ROOT / "benchmarks" / "results"


def settings_for(content, output, cache, use_cache, site="ours", root=ROOT):
    from pelican.settings import read_settings
    override = {"PATH": str(content), "OUTPUT_PATH": str(output), "CACHE_PATH": str(cache),
                "CACHE_CONTENT": use_cache, "LOAD_CONTENT_CACHE": use_cache}
    if site == "stock":
        cmd = commands(Path(cache).parent, content)["stock"]
        return read_settings(cmd[cmd.index("-s") + 1], override=override)
    return read_settings(str(Path(root) / "pelicanconf.py"),
                         override={**override, "EVENTS_NOW": corpus.EVENTS_NOW})


def where(frame):
    """A short, stable name for a frame: function and file (relative to the venv or repo)."""
    path = frame.file_path or ""
    for marker in ("site-packages/", str(ROOT) + "/", "/lib/python3"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    return f"{frame.function}  ({path}:{frame.line_no})" if path else frame.function


def aggregate(root):
    """(inclusive, own) seconds per function; a function's recursion is counted once."""
    inclusive, own = defaultdict(float), defaultdict(float)

    def walk(frame, active):
        key = where(frame)
        children = [c for c in frame.children if not c.is_synthetic]  # "[self]", "[await]"
        if key not in active:
            inclusive[key] += frame.time
        own[key] += frame.time - sum(child.time for child in children)
        for child in children:
            walk(child, active | {key})

    walk(root, frozenset())
    return inclusive, own


def table(title, rows, total, limit):
    print(f"\n{title}")
    print(f"  {'s':>7}  {'share':>6}  function (file:line)")
    for key, seconds in sorted(rows.items(), key=lambda kv: -kv[1])[:limit]:
        print(f"  {seconds:7.3f}  {100 * seconds / total:5.1f}%  {key}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--rebuild", action="store_true", help="profile a cached rebuild")
    parser.add_argument("--interval", type=float, default=0.001)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--site", choices=("ours", "stock"), default="ours")
    parser.add_argument("--cprofile", action="store_true", help="cProfile, not pyinstrument")
    parser.add_argument("--root", default=str(ROOT), help="the checkout whose site to build")
    args = parser.parse_args(argv)
    if args.cprofile:
        return with_cprofile(args)

    from pelican import Pelican
    from pyinstrument import Profiler
    from pyinstrument.renderers import ConsoleRenderer, HTMLRenderer

    work = Path(tempfile.mkdtemp(prefix="czernica-profile-"))
    try:
        content = corpus.make_corpus(work / "content", args.n)
        output, cache = work / "output", work / "cache"
        if args.rebuild:
            Pelican(settings_for(content, output, cache, True, args.site)).run()
            corpus.edit_event(content, args.n // 2, 1)
        settings = settings_for(content, output, cache, args.rebuild, args.site)
        profiler = Profiler(interval=args.interval)
        profiler.start()
        Pelican(settings).run()
        session = profiler.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    name = f"profile-{args.site}-{'rebuild' if args.rebuild else 'full'}-{args.n}"
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.html").write_text(HTMLRenderer().render(session), encoding="utf-8")
    (RESULTS / f"{name}.txt").write_text(ConsoleRenderer(
        unicode=True, show_all=False, processor_options={"filter_threshold": 0.005}
    ).render(session), encoding="utf-8")

    root = session.root_frame()
    total = root.time
    inclusive, own = aggregate(root)
    print(f"{args.site}: {'cached rebuild' if args.rebuild else 'full build'} of {args.n} events: "
          f"Pelican.run() {total:.2f} s profiled ({session.sample_count} samples)")
    table("Top functions by inclusive time", inclusive, total, args.top)
    table("Top functions by own time", own, total, 25)
    ours = {k: v for k, v in inclusive.items() if "(plugins/" in k or "(theme/" in k}
    table("Our code (plugins/, theme/ templates), inclusive", ours, total, 30)
    print(f"\nwritten benchmarks/results/{name}.html and .txt")


# What the cProfile report lists: Pelican's phases, our plugins, Jinja's rendering.
PHASES = ("pelican/__init__.py:.*(run)", "generators.py:.*(generate_context|generate_output|"
          "generate_articles|generate_pages|generate_direct_templates|generate_period_archives)",
          "writers.py:.*(write_file|_write_file)", "jinja2/environment.py:.*(render)",
          "plugins/.*")


def with_cprofile(args):
    import cProfile
    import io
    import pstats

    from pelican import Pelican
    work = Path(tempfile.mkdtemp(prefix="czernica-profile-"))
    try:
        content = corpus.make_corpus(work / "content", args.n)
        output, cache = work / "output", work / "cache"
        if args.rebuild:
            Pelican(settings_for(content, output, cache, True, args.site, args.root)).run()
            corpus.edit_event(content, args.n // 2, 1)
        settings = settings_for(content, output, cache, args.rebuild, args.site, args.root)
        profile = cProfile.Profile()
        profile.enable()
        Pelican(settings).run()
        profile.disable()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = io.StringIO()
    stats = pstats.Stats(profile, stream=text).sort_stats("cumulative")
    stats.print_stats("|".join(PHASES), args.top)
    name = (f"cprofile-{Path(args.root).name}-{args.site}-"
            f"{'rebuild' if args.rebuild else 'full'}-{args.n}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.txt").write_text(text.getvalue(), encoding="utf-8")
    print(text.getvalue())
    print(f"written benchmarks/results/{name}.txt")


if __name__ == "__main__":
    sys.exit(main())
