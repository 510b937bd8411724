"""The GitHub Actions workflows: valid for GitHub (check-jsonschema's vendored schema,
offline), and doing what publishing relies on: every publish installs the admin's npm
package first, previews only for this repository's pull requests, the status Decap reads."""

import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from admin.config import PREVIEW_CONTEXT
from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
CHECK = Path(sys.executable).with_name("check-jsonschema")


def load(name):
    return YAML(typ="safe").load((ROOT / ".github" / "workflows" / name).read_text("utf-8"))


def runs(job):
    return [step.get("run", "") for step in job["steps"]]


def test_the_workflows_are_valid_for_github():
    assert [p.name for p in WORKFLOWS] == ["preview.yml", "site.yml"]
    if not CHECK.exists():
        pytest.fail(f"{CHECK} is missing: pip install -r requirements-test.txt")
    result = subprocess.run([str(CHECK), "--builtin-schema", "vendor.github-workflows",
                             *map(str, WORKFLOWS)], capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1",
                                 "HTTPS_PROXY": "http://127.0.0.1:9"})  # offline
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_refuses_a_broken_workflow(tmp_path):
    """The check is only worth what it refuses: a step with both `uses` and `run`."""
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - uses: actions/checkout@v4\n        run: echo\n", encoding="utf-8")
    result = subprocess.run([str(CHECK), "--builtin-schema", "vendor.github-workflows",
                             str(broken)], capture_output=True, text=True)
    assert result.returncode == 1


def before(commands, needle, then):
    """The index of the first step running `needle` is before that of `then`."""
    first = next(i for i, run in enumerate(commands) if needle in run)
    return first < next(i for i, run in enumerate(commands) if then in run)


def test_every_publish_installs_the_admin_first():
    site = load("site.yml")["jobs"]["publish"]
    preview = load("preview.yml")["jobs"]["preview"]
    assert before(runs(site), "npm ci", "invoke publish --remote origin")
    assert before(runs(preview), "npm ci", 'invoke publish --preview "$PR_NUMBER"')
    assert "if" not in next(s for s in site["steps"] if "npm ci" in s.get("run", ""))


def test_previews_are_made_and_removed_for_this_repositorys_pull_requests():
    workflow = load("preview.yml")
    assert workflow["on"]["pull_request"]["types"] == ["opened", "synchronize", "reopened",
                                                      "closed"]
    assert workflow["permissions"] == {"contents": "write", "statuses": "write",
                                       "pull-requests": "read"}
    same_repo = "github.event.pull_request.head.repo.full_name == github.repository"
    jobs = workflow["jobs"]
    assert same_repo in jobs["preview"]["if"] and "!= 'closed'" in jobs["preview"]["if"]
    assert same_repo in jobs["remove"]["if"] and "== 'closed'" in jobs["remove"]["if"]
    assert any('invoke unpublish-preview "$PR_NUMBER"' in run for run in runs(jobs["remove"]))


def test_the_preview_status_is_the_one_decap_reads():
    workflow = load("preview.yml")
    assert workflow["env"]["STATUS_CONTEXT"] == PREVIEW_CONTEXT and "deploy" in PREVIEW_CONTEXT
    statuses = [run for run in runs(workflow["jobs"]["preview"]) if "/statuses/$HEAD_SHA" in run]
    assert len(statuses) == 3  # pending, success with the link, failure
    success = next(run for run in statuses if '\\"success\\"' in run)
    assert '\\"target_url\\": \\"${SITEURL%/}/pr-preview/pr-$PR_NUMBER/\\"' in success
    assert load("preview.yml")["env"]["HEAD_SHA"] == "${{ github.event.pull_request.head.sha }}"
