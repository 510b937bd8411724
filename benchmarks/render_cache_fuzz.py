"""More random sequences of changes for the render cache than the test suite runs.

    .venv/bin/python benchmarks/render_cache_fuzz.py [--examples 50] [--steps 8]

The same state machine as tests/test_render_cache_differential.py (the corpus and the
changes: tests/render_cache_corpus.py): each example starts a new site, applies up to
--steps random changes (edits, files added, removed and renamed, translations, news,
settings, templates, catalogues, the clock among the events' state changes), and after each
compares a warm build's output with a cold build's, file by file. A difference fails with
the files named and Hypothesis's shortest sequence of changes that shows it. About 1.5 s
of CPU per step.
"""

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "plugins"))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=50)
    parser.add_argument("--steps", type=int, default=8)
    args = parser.parse_args(argv)

    import logging
    from hypothesis import HealthCheck, settings
    from hypothesis.stateful import run_state_machine_as_test

    from test_render_cache_differential import EditsAndClock

    logging.disable(logging.WARNING)  # the corpus's placeholders warn on every build
    run_state_machine_as_test(EditsAndClock, settings=settings(
        max_examples=args.examples, stateful_step_count=args.steps, deadline=None,
        database=None, suppress_health_check=list(HealthCheck)))
    print(f"render cache: {args.examples} random sequences of up to {args.steps} changes, "
          "every warm build equal to a cold one")


if __name__ == "__main__":
    sys.exit(main())
