"""Full-build benchmark: our site against stock Pelican on the same synthetic corpus.

    .venv/bin/python benchmarks/build_benchmark.py [--sizes 100 1000 5000] [--repeats N]
        [--tree NAME=PATH ...]

For every size N it writes N valid events (benchmarks/corpus.py) and the real pages into a
temporary folder, then alternates full builds, each a fresh `pelican` subprocess with no
content cache and an empty output folder:

  ours            pelicanconf.py as it is (all plugins, our theme, TYPOGRIFY=True with our
                  omitted filters), EVENTS_NOW fixed so every run builds the same site;
  stock           Pelican's `simple` theme, PLUGINS=[], TYPOGRIFY=False;
  stock+typogrify the same with TYPOGRIFY=True (typogrify's default filters);
  NAME            with --tree NAME=PATH: "ours" from another checkout (e.g. `git worktree add
                  /tmp/before <commit>`), so a change is measured against the code before it
                  in the same interleaved run.

The stock settings copy only what is needed to build the same corpus into the same URLs
(paths, URL/SAVE_AS patterns, the pages we switch off, feeds off, as in pelicanconf.py);
stock Pelican simply ignores the Event-* metadata. Runs are interleaved (ours, stock,
stock+typogrify, ours, ...) after one discarded warm-up round, so machine noise hits all
variants alike. Reported per variant: median wall time of the CLI, median of Pelican's own
"Done ... in X seconds" (run() without interpreter start-up), peak RSS of the child
(os.wait4 rusage of that one child), and its CPU time (user+sys, less sensitive than wall
time to other work on a shared machine). Results go to benchmarks/results/build-*.json.
"""

import argparse
import json
import os
import platform
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

ROOT = corpus.ROOT
RESULTS = ROOT / "benchmarks" / "results"
PELICAN = str(Path(sys.executable).with_name("pelican"))
_DONE = re.compile(r"Done: Processed .*? in ([\d.]+) seconds", re.DOTALL)

STOCK_SETTINGS = '''\
"""Stock Pelican for the benchmark: defaults, except what builds the same corpus."""
SITENAME = "Partnerstwo lokalne w gminie Czernica"
SITEURL = ""
RELATIVE_URLS = True
DEFAULT_LANG = "pl"
TIMEZONE = "Europe/Warsaw"
PATH = {path!r}
ARTICLE_PATHS = ["wydarzenia", "aktualnosci"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["extra", "images"]
EXTRA_PATH_METADATA = {{"extra/favicon.svg": {{"path": "favicon.svg"}}}}
ARTICLE_URL = "{{category}}/{{slug}}/"
ARTICLE_SAVE_AS = "{{category}}/{{slug}}/index.html"
PAGE_URL = "{{slug}}/"
PAGE_SAVE_AS = "{{slug}}/index.html"
CATEGORY_URL = "{{slug}}/"
CATEGORY_SAVE_AS = "{{slug}}/index.html"
ARCHIVES_SAVE_AS = "archiwum/index.html"
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
THEME = "simple"
# Pages that ask for a template of ours (`Template: kontakt`) get simple's page.html.
THEME_TEMPLATES_OVERRIDES = [{overrides!r}]
PLUGINS = []
TYPOGRIFY = {typogrify}
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
CACHE_PATH = {cache!r}
'''


def machine():
    """What the numbers were measured on."""
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                if line.startswith("model name")), platform.processor())
    mem_kb = next(int(line.split()[1]) for line in open("/proc/meminfo")
                  if line.startswith("MemTotal"))
    import pelican
    git = ["git", "-C", str(ROOT)]
    head = subprocess.run(git + ["rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(git + ["status", "--porcelain", "--", "plugins", "theme", "content",
                                  "pelicanconf.py"], capture_output=True, text=True)
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gib": round(mem_kb / 2**20, 1),
            "python": platform.python_version(), "pelican": pelican.__version__,
            "kernel": platform.release(), "git_head": head.stdout.strip(),
            "uncommitted": dirty.stdout.split("\n")[:-1]}


def page_templates(content):
    """The templates the corpus's pages ask for with `Template:` (kontakt, pjm, ...)."""
    return sorted({line.split(":", 1)[1].strip()
                   for page in Path(content, "pages").glob("*.md")
                   for line in page.read_text(encoding="utf-8").splitlines()
                   if line.startswith("Template:")})


def ours_command(root, content, work, name="ours"):
    """Our site as built from the checkout at `root`, without any cache."""
    return [PELICAN, str(content), "-s", str(Path(root) / "pelicanconf.py"), "-e",
            f'EVENTS_NOW="{corpus.EVENTS_NOW}"', "CACHE_CONTENT=false",
            "LOAD_CONTENT_CACHE=false", f'CACHE_PATH="{work / ("cache-" + name)}"']


def commands(work, content, trees=()):
    """The pelican command line of each variant (output folder appended per run)."""
    base = [PELICAN, str(content)]
    stock = {}
    overrides = work / "stock-templates"
    overrides.mkdir(exist_ok=True)
    for name in page_templates(content):  # simple has only page.html for pages
        (overrides / f"{name}.html").write_text('{% extends "page.html" %}\n')
    for name, typogrify in (("stock", False), ("stock+typogrify", True)):
        conf = work / f"{name.replace('+', '_')}conf.py"
        conf.write_text(STOCK_SETTINGS.format(path=str(content), overrides=str(overrides),
                                              typogrify=typogrify,
                                              cache=str(work / f"cache-{name}")))
        stock[name] = base + ["-s", str(conf)]
    others = {name: ours_command(root, content, work, name) for name, root in trees}
    return {"ours": ours_command(ROOT, content, work), **others, **stock}


def run_build(cmd, output, log):
    """One full build in a fresh process: (wall s, CPU s, Pelican's own s, peak RSS KiB)."""
    shutil.rmtree(output, ignore_errors=True)
    env = {**os.environ, "COLUMNS": "400", "PYTHONHASHSEED": "0"}
    with open(log, "w+") as out:
        started = time.perf_counter()
        child = subprocess.Popen(cmd + ["-o", str(output)], stdout=out, stderr=subprocess.STDOUT,
                                 cwd=output.parent, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read()
    if child.returncode:
        sys.exit(f"build failed ({child.returncode}): {' '.join(cmd)}\n{text[-3000:]}")
    done = _DONE.search(text)
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, float(done.group(1)) if done else None, usage.ru_maxrss


def output_stats(folder):
    files = [p for p in Path(folder).rglob("*") if p.is_file()]
    return {"files": len(files), "bytes": sum(p.stat().st_size for p in files)}


def bench_size(n, repeats, work, warmup=1, trees=()):
    content = corpus.make_corpus(work / f"content-{n}", n)
    cmds = commands(work, content, trees)
    runs = {v: [] for v in cmds}
    stats = {}
    for round_ in range(-warmup, repeats):
        for variant in cmds:
            output = work / f"out-{variant.replace('+', '_')}"
            wall, cpu, internal, rss = run_build(cmds[variant], output, work / "build.log")
            if round_ >= 0:
                runs[variant].append({"wall_s": wall, "cpu_s": cpu, "run_s": internal,
                                      "maxrss_kib": rss, "loadavg": os.getloadavg()[0]})
            else:
                stats[variant] = output_stats(output)
            print(f"  N={n:5d} {'warm-up' if round_ < 0 else f'run {round_ + 1}':>7} "
                  f"{variant:16s} {wall:7.2f} s  (CPU {cpu:.2f} s, run() {internal} s, "
                  f"{rss / 1024:.0f} MiB, load {os.getloadavg()[0]:.1f})",
                  flush=True)
    shutil.rmtree(content)
    return summarise(n, runs, stats, cmds)


def summarise(n, runs, stats, cmds):
    result = {"n": n, "variants": {}}
    for variant, rows in runs.items():
        wall = statistics.median(r["wall_s"] for r in rows)
        internal = [r["run_s"] for r in rows if r["run_s"] is not None]
        result["variants"][variant] = {
            "runs": rows,
            "median_wall_s": wall,
            "median_run_s": statistics.median(internal) if internal else None,
            "median_cpu_s": statistics.median(r["cpu_s"] for r in rows),
            "ms_per_article": 1000 * wall / n,
            "max_rss_mib": max(r["maxrss_kib"] for r in rows) / 1024,
            "output": stats.get(variant),
            "command": cmds[variant],
        }
    ours = result["variants"]["ours"]["median_wall_s"]
    result["ratio_vs_stock"] = ours / result["variants"]["stock"]["median_wall_s"]
    result["ratio_vs_stock_typogrify"] = ours / result["variants"]["stock+typogrify"]["median_wall_s"]
    cpu = {v: result["variants"][v]["median_cpu_s"] for v in runs}
    result["cpu_ratio_vs_stock"] = cpu["ours"] / cpu["stock"]
    result["cpu_ratio_vs_stock_typogrify"] = cpu["ours"] / cpu["stock+typogrify"]
    return result


def report(results):
    print("\n     N  variant           median s    CPU s   run() s  ms/article  peak RSS MiB  files")
    for r in results:
        for variant, v in r["variants"].items():
            run_s = f"{v['median_run_s']:.2f}" if v["median_run_s"] is not None else "-"
            files = v["output"]["files"] if v["output"] else "-"
            print(f"{r['n']:6d}  {variant:16s} {v['median_wall_s']:9.2f} "
                  f"{v['median_cpu_s']:8.2f} {run_s:>9} "
                  f"{v['ms_per_article']:11.2f} {v['max_rss_mib']:13.0f}  {files}")
        print(f"{'':6s}  ours/stock = {r['ratio_vs_stock']:.2f}x   "
              f"ours/stock+typogrify = {r['ratio_vs_stock_typogrify']:.2f}x   (CPU time: "
              f"{r['cpu_ratio_vs_stock']:.2f}x, {r['cpu_ratio_vs_stock_typogrify']:.2f}x)")
        stock_cpu = r["variants"]["stock"]["median_cpu_s"]
        for name, v in r["variants"].items():
            if name not in ("ours", "stock", "stock+typogrify"):
                print(f"{'':6s}  {name}/stock = {v['median_wall_s'] / r['variants']['stock']['median_wall_s']:.2f}x"
                      f" (CPU {v['median_cpu_s'] / stock_cpu:.2f}x); ours saves "
                      f"{v['median_cpu_s'] - r['variants']['ours']['median_cpu_s']:.2f} s CPU against it")
    if len(results) > 1:
        print("\nGrowth of our build (marginal ms per added article):")
        for a, b in zip(results, results[1:]):
            ta, tb = a["variants"]["ours"]["median_wall_s"], b["variants"]["ours"]["median_wall_s"]
            print(f"  {a['n']} -> {b['n']}: {1000 * (tb - ta) / (b['n'] - a['n']):.2f} ms/article")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--repeats", type=int, default=5, help="measured rounds per size")
    parser.add_argument("--warmup", type=int, default=1, help="discarded rounds per size")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--tree", action="append", default=[], metavar="NAME=PATH",
                        help="also build our site from the checkout at PATH (repeatable)")
    parser.add_argument("--now", default=corpus.EVENTS_NOW,
                        help='EVENTS_NOW of our builds; "2030-01-01 12:00": every event past '
                             "(no QR codes, no open RSVPs)")
    args = parser.parse_args(argv)
    corpus.EVENTS_NOW = args.now
    trees = [tuple(tree.split("=", 1)) for tree in args.tree]

    work = Path(tempfile.mkdtemp(prefix="czernica-bench-"))
    info = machine()
    print(f"{info['cpu']}, {info['nproc']} CPUs, {info['ram_gib']} GiB, Python "
          f"{info['python']}, Pelican {info['pelican']}; work folder {work}")
    results = []
    try:
        for n in args.sizes:
            results.append(bench_size(n, args.repeats, work, args.warmup, trees))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    report(results)
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"build-{datetime.now():%Y%m%d-%H%M%S}-{'-'.join(map(str, args.sizes))}.json"
    path.write_text(json.dumps({
        "machine": info, "events_now": corpus.EVENTS_NOW, "repeats": args.repeats,
        "warmup": args.warmup, "results": results}, indent=2, ensure_ascii=False))
    print(f"\nwritten {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
