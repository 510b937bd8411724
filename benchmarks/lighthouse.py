"""Lighthouse scores of the built site: home page and the event page, in Polish and in
Ukrainian, mobile and desktop.

    (cd benchmarks/lighthouse && npm ci)          # lighthouse@12.2.3, Node 20
    .venv/bin/python benchmarks/lighthouse.py [--now "2025-01-10 12:00"]

Builds the real site with publishconf.py (what ships: feeds on, drafts off) into a temporary
folder, with SITEURL set to the address it is served from, so canonical links and absolute
calendar links point to the page's own origin as they do in production. EVENTS_NOW is fixed
so the event page is in its fullest state (RSVP open, calendar block). Serves it with
`python -m http.server` on 127.0.0.1 and runs Lighthouse against Debian's chromium
(CHROME_PATH=/usr/bin/chromium) with the mobile (default) and desktop presets. Prints the four
category scores per page and preset (median of --runs runs, default 3, as Lighthouse itself
advises against single runs on a busy machine), every audit that costs points (weight > 0) and
the zero-weight diagnostics; writes the Lighthouse JSON reports and a summary to
benchmarks/results/lighthouse/.
"""

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "benchmarks" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
RESULTS = ROOT / "benchmarks" / "results" / "lighthouse"
CHROME_PATH = "/usr/bin/chromium"
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync")
PAGES = {"home": "", "event": "wydarzenia/reaktywacja-partnerstwa-lokalnego/",
         "home-uk": "uk/", "event-uk": "uk/wydarzenia/reaktywacja-partnerstwa-lokalnego/"}
PRESETS = ("mobile", "desktop")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build(output, siteurl, now):
    env = {**os.environ, "SITEURL": siteurl, "COLUMNS": "200"}
    done = subprocess.run(
        [str(Path(sys.executable).with_name("pelican")), str(ROOT / "content"), "-o", str(output),
         "-s", str(ROOT / "publishconf.py"), "-e", f'EVENTS_NOW="{now}"',
         f'CACHE_PATH="{output.parent / "cache"}"'],
        capture_output=True, text=True, env=env, cwd=output.parent)
    if done.returncode:
        sys.exit(f"build failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")


def serve(folder, port):
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
         "--directory", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    sys.exit("http.server did not start")


def lighthouse(url, preset, report):
    cmd = ["node", str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}",
           f"--chrome-flags={CHROME_FLAGS}", "--quiet",
           "--only-categories=" + ",".join(CATEGORIES)]
    if preset == "desktop":
        cmd.append("--preset=desktop")
    done = subprocess.run(cmd, capture_output=True, text=True,
                          env={**os.environ, "CHROME_PATH": CHROME_PATH})
    if done.returncode or not report.exists():
        sys.exit(f"lighthouse failed for {url} ({preset}):\n{done.stderr[-3000:]}")
    return json.loads(report.read_text())


def summary(lhr):
    """Category scores (0-100) and the audits that cost points, per category."""
    scores, failing = {}, {}
    for name in CATEGORIES:
        category = lhr["categories"][name]
        scores[name] = None if category["score"] is None else round(100 * category["score"])
        for ref in category["auditRefs"]:
            audit = lhr["audits"][ref["id"]]
            if audit["scoreDisplayMode"] in ("notApplicable", "informative", "manual"):
                continue
            if audit["score"] is not None and audit["score"] < 1:
                failing.setdefault(name if ref["weight"] else "diagnostics", []).append({
                    "id": ref["id"], "title": audit["title"], "score": audit["score"],
                    "weight": ref["weight"], "displayValue": audit.get("displayValue", ""),
                })
    metrics = {k: lhr["audits"][k].get("displayValue") for k in (
        "first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
        "cumulative-layout-shift", "speed-index") if k in lhr["audits"]}
    return {"scores": scores, "failing": failing, "metrics": metrics}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--now", default="2025-01-10 12:00", help="EVENTS_NOW of the build")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page and preset")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: (cd benchmarks/lighthouse && npm ci)")

    work = Path(tempfile.mkdtemp(prefix="czernica-lighthouse-"))
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    RESULTS.mkdir(parents=True, exist_ok=True)
    results = {}
    try:
        build(work / "output", origin, args.now)
        server = serve(work / "output", port)
        try:
            for page, path in PAGES.items():
                for preset in PRESETS:
                    runs = []
                    for run in range(1, args.runs + 1):
                        lhr = lighthouse(f"{origin}/{path}", preset,
                                         RESULTS / f"{page}-{preset}-{run}.json")
                        runs.append(summary(lhr))
                        print(f"{page:6s} {preset:8s} run {run}: " + "  ".join(
                            f"{c} {runs[-1]['scores'][c]}" for c in CATEGORIES), flush=True)
                    # The run with the median performance score speaks for the failing audits.
                    by_perf = sorted(runs, key=lambda r: r["scores"]["performance"])
                    results[f"{page}/{preset}"] = {
                        "url": f"/{path}", "lighthouse": lhr["lighthouseVersion"],
                        "chrome": lhr["environment"]["hostUserAgent"],
                        **by_perf[len(by_perf) // 2],
                        "scores": {c: statistics.median(r["scores"][c] for r in runs)
                                   for c in CATEGORIES},
                        "runs": [r["scores"] for r in runs]}
        finally:
            server.terminate()
            server.wait()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"\nmedian of {args.runs} runs")
    print("\n| page | preset | " + " | ".join(CATEGORIES) + " |")
    print("|---|---|" + "---|" * len(CATEGORIES))
    for key, r in results.items():
        page, preset = key.split("/")
        print(f"| {page} | {preset} | " + " | ".join(str(r["scores"][c]) for c in CATEGORIES) + " |")
    for key, r in results.items():
        for category, audits in r["failing"].items():
            for a in audits:
                print(f"  {key} {category}: {a['id']} (score {a['score']}, weight {a['weight']}) "
                      f"{a['title']} {a['displayValue']}")
        print(f"  {key} metrics: {r['metrics']}")
    (RESULTS / "summary.json").write_text(json.dumps(
        {"events_now": args.now, "runs": args.runs, "results": results}, indent=2,
        ensure_ascii=False))
    print(f"\nwritten {(RESULTS / 'summary.json').relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
