"""The GitHub Actions workflows: valid for GitHub (check-jsonschema's vendored schema,
offline), and doing what publishing relies on: every publish installs the admin's npm
package first, previews only for this repository's pull requests, the status Decap reads
(`invoke preview-status` against a local stand-in for GitHub's statuses endpoint)."""

import http.server
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import ROOT
from editorial.admin_site import PREVIEW_CONTEXT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
CHECK = Path(sys.executable).with_name("check-jsonschema")
INVOKE = Path(sys.executable).with_name("invoke")


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
    assert workflow["permissions"] == {"contents": "write", "statuses": "write"}  # no more
    same_repo = "github.event.pull_request.head.repo.full_name == github.repository"
    jobs = workflow["jobs"]
    assert same_repo in jobs["preview"]["if"] and "!= 'closed'" in jobs["preview"]["if"]
    assert same_repo in jobs["remove"]["if"] and "== 'closed'" in jobs["remove"]["if"]
    assert any('invoke unpublish-preview "$PR_NUMBER"' in run for run in runs(jobs["remove"]))


def test_the_preview_status_is_set_by_the_task_with_the_published_address():
    jobs = load("preview.yml")["jobs"]["preview"]
    statuses = [run for run in runs(jobs) if "invoke preview-status" in run]
    assert [run.split()[2] for run in statuses] == ["pending", "success", "failure"]
    assert "steps.publish.outputs.preview_url" in statuses[1]
    assert before(runs(jobs), "curl", "preview-status success")  # Pages answers first


class StatusAPI(http.server.BaseHTTPRequestHandler):
    """GitHub's statuses endpoint, as far as the task uses it: records each request."""
    received = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        StatusAPI.received.append((self.path, self.headers["Authorization"], json.loads(body)))
        self.send_response(201)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def status_api():
    server = http.server.HTTPServer(("127.0.0.1", 0), StatusAPI)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    StatusAPI.received = []
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def preview_status(api, *args):
    env = {**os.environ, "GITHUB_API_URL": api, "GITHUB_REPOSITORY": "gmina/strona",
           "GITHUB_TOKEN": "t-123", "HEAD_SHA": "abc123"}
    return subprocess.run([str(INVOKE), "preview-status", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=60)


def test_the_status_is_the_one_decap_reads_with_the_preview_s_link(status_api):
    link = "https://example.org/partnerstwo/pr-preview/pr-7/"
    assert preview_status(status_api, "success", "--url", link).returncode == 0
    assert StatusAPI.received == [("/repos/gmina/strona/statuses/abc123", "Bearer t-123", {
        "state": "success", "context": PREVIEW_CONTEXT, "target_url": link,
        "description": "Podgląd zmian gotowy (jeszcze nieopublikowany)"})]
    assert "deploy" in PREVIEW_CONTEXT  # what Decap looks for


def test_a_wrong_state_or_a_missing_variable_says_so_and_sends_nothing(status_api):
    refused = preview_status(status_api, "done")
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert "Stan podglądu „done” (jeden z: pending, success, failure)" in refused.stderr
    assert StatusAPI.received == []
