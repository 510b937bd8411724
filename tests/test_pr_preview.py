"""Pull-request previews on gh-pages, end to end with the real commands in a copy of the
project and a bare repository standing in for GitHub: `invoke publish` (the site),
`invoke publish --preview 7` (pull request 7's preview under pr-preview/pr-7/), the site
published again (the preview stays; once more, unchanged: nothing is pushed),
`invoke unpublish-preview 7` (the pull request was closed). One run of the four commands,
its gh-pages commits read by the tests; then two publishes that race each other, through the
publishing functions."""

import io
import os
import subprocess
import tarfile
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from publishing.crawl import crawl_site, served_at
from publishing.errors import PublishError
from publishing import pages
from publishing.pages import publish_folder
from publishing.pr_preview import BANNER_TEXT
from test_publish import INVOKE, SITEURL, commit_all, copy_project, git

PREVIEW = f"{SITEURL}/pr-preview/pr-7"
PAGE = "content/pages/kontakt.md"
PROPOSED = "Zdanie z propozycji zmian, jeszcze nieopublikowane."
MERGED_ELSEWHERE = "Zdanie opublikowane w czasie przeglądu propozycji."


def invoke(project, *args, **extra_env):
    env = {k: v for k, v in os.environ.items() if k not in ("SITEURL", "GITHUB_ACTIONS")}
    env.update(extra_env)
    result = subprocess.run([str(INVOKE), *args], cwd=project, env=env,
                            stdin=subprocess.DEVNULL, capture_output=True, text=True,
                            encoding="utf-8", timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def add_sentence(project, sentence, message):
    page = project / PAGE
    page.write_text(page.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
    commit_all(project, message)


class Published:
    """gh-pages of the bare repository at one commit."""

    def __init__(self, remote, commit, said=""):
        self.remote, self.commit, self.said = remote, commit, said

    def git(self, *args):
        return git("--git-dir", str(self.remote), *args, cwd=self.remote)

    def files(self, under=""):
        listed = self.git("ls-tree", "-r", "--name-only", self.commit).splitlines()
        return [path for path in listed if path.startswith(under)]

    def text(self, path):
        return self.git("show", f"{self.commit}:{path}")

    def page(self, path):
        return BeautifulSoup(self.text(path), "lxml")

    def words(self, path):
        """A page's text as read (the site's hard spaces as spaces)."""
        return self.page(path).get_text().replace("\u00a0", " ")

    def tree(self, path=""):
        return self.git("rev-parse", f"{self.commit}:{path}")

    def top(self):
        """{name: object} of the top folder."""
        return {line.split("\t")[1]: line.split()[2]
                for line in self.git("ls-tree", self.commit).splitlines()}

    def extract(self, folder):
        archive = subprocess.run(["git", "--git-dir", str(self.remote), "archive", "--format=tar",
                                  self.commit], check=True, capture_output=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        return folder


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """{stage: Published} after each command, in order."""
    tmp = tmp_path_factory.mktemp("podglad")
    project = copy_project(tmp / "projekt")
    remote = tmp / "github.git"
    git("init", "-q", "--bare", str(remote), cwd=tmp)
    stages = {}

    def record(stage, said):
        tip = git("--git-dir", str(remote), "rev-parse", "gh-pages", cwd=tmp)
        stages[stage] = Published(remote, tip, said)

    record("site", invoke(project, "publish", "--remote", str(remote), "--siteurl", SITEURL))
    git("checkout", "-q", "-b", "propozycja", cwd=project)
    add_sentence(project, PROPOSED, "Propozycja zmiany")
    outputs = tmp / "github-output"  # the workflow's step outputs
    record("preview", invoke(project, "publish", "--preview", "7", "--remote", str(remote),
                             "--siteurl", SITEURL, GITHUB_OUTPUT=str(outputs)))
    stages["preview"].outputs = outputs.read_text(encoding="utf-8")
    git("checkout", "-q", "main", cwd=project)
    add_sentence(project, MERGED_ELSEWHERE, "Inna zmiana")
    record("site again", invoke(project, "publish", "--remote", str(remote),
                                "--siteurl", SITEURL))
    record("site unchanged", invoke(project, "publish", "--remote", str(remote),
                                    "--siteurl", SITEURL))
    record("closed", invoke(project, "unpublish-preview", "7", "--remote", str(remote)))
    record("closed again", invoke(project, "unpublish-preview", "7", "--remote", str(remote)))
    return stages


def html_pages(published, under):
    return [path for path in published.files(under) if path.endswith(".html")]


def residents_pages(published, under=""):
    return [path for path in html_pages(published, under)
            if not path.removeprefix(under).startswith("admin/")]


def test_the_preview_lands_in_pr_preview_pr_7_with_the_proposed_change(runs):
    preview = runs["preview"]
    assert preview.said.strip().startswith(f"Opublikowano podgląd zmian {PREVIEW}/ – ")
    files = preview.files("pr-preview/pr-7/")
    for needed in ("index.html", "kontakt/index.html", "admin/index.html", "admin/config.yml",
                   "admin/decap-cms.js", "kalendarz.ics", "sitemap.xml"):
        assert f"pr-preview/pr-7/{needed}" in files
    assert PROPOSED in preview.words("pr-preview/pr-7/kontakt/index.html")
    assert PROPOSED not in preview.words("kontakt/index.html")  # not live
    assert preview.git("log", "-1", "--format=%s", preview.commit).startswith(
        "Podgląd zmian nr 7 z commita ")


def test_every_preview_page_has_the_banner_and_noindex(runs):
    preview = runs["preview"]
    pages = residents_pages(preview, "pr-preview/pr-7/")
    site = [path for path in residents_pages(preview) if not path.startswith("pr-preview/")]
    assert len(pages) == len(site) >= 10  # the same content: the same pages
    for path in pages:
        page = preview.page(path)
        banner = page.body.find(class_="podglad-zmian")
        assert banner is not None and BANNER_TEXT in banner.get_text(), path
        assert page.body.find(True) == banner, path  # the first thing on the page
        assert page.select_one('meta[name="robots"]')["content"] == "noindex, nofollow", path
    assert preview.page("pr-preview/pr-7/admin/index.html").find(class_="podglad-zmian") is None


def test_the_workflow_learns_the_preview_s_address(runs):
    assert runs["preview"].outputs == f"preview_url={PREVIEW}/\n"


def test_the_preview_has_its_own_addresses(runs):
    preview = runs["preview"]
    page = preview.page("pr-preview/pr-7/kontakt/index.html")
    assert page.select_one('link[rel="canonical"]')["href"] == f"{PREVIEW}/kontakt/"
    origin = urlsplit(SITEURL).netloc
    links = [urljoin(f"{PREVIEW}/kontakt/", tag.get("href") or tag.get("src"))
             for tag in page.select("a[href], link[href], img[src], script[src]")]
    own = [link for link in links if urlsplit(link).netloc == origin]
    assert own and all(link.startswith(f"{PREVIEW}/") for link in own), own
    sitemap = BeautifulSoup(preview.text("pr-preview/pr-7/sitemap.xml"), "xml")
    assert all(loc.text.startswith(f"{PREVIEW}/") for loc in sitemap.find_all("loc"))


def test_the_published_gh_pages_work_as_github_serves_them(runs, tmp_path):
    """The whole branch after the site's second publish, served at the site's address:
    the preview's every link resolves inside the preview, the site's inside the site."""
    folder = runs["site again"].extract(tmp_path / "gh-pages")
    with served_at(folder, SITEURL) as local:
        preview, site = crawl_site(local, PREVIEW), crawl_site(local, SITEURL)
    assert preview.broken == {} and site.broken == {}
    assert all(url.startswith(f"{PREVIEW}/") for url in preview.responses if url != PREVIEW)
    assert not [url for url in site.responses if "/pr-preview/" in url]
    status, _, style = preview.responses[f"{PREVIEW}/__podglad__/podglad-zmian.css"]
    assert status == 200 and b".podglad-zmian" in style


def test_the_real_site_has_no_banner_and_keeps_previews_out_of_search(runs):
    for stage in ("site", "preview", "site again", "closed"):
        published = runs[stage]
        for path in residents_pages(published):
            if path.startswith("pr-preview/"):
                continue
            page = published.page(path)
            assert page.find(class_="podglad-zmian") is None, (stage, path)
            assert BANNER_TEXT not in page.get_text(), (stage, path)
            assert page.select_one('meta[name="robots"]') is None, (stage, path)
        assert "pr-preview" not in published.text("sitemap.xml")
        # crawlers must read the previews' noindex: robots.txt does not keep them out
        assert "pr-preview" not in published.text("robots.txt")


def test_a_preview_leaves_the_published_site_as_it_was(runs):
    site, preview = runs["site"], runs["preview"]
    without_previews = {name: obj for name, obj in preview.top().items() if name != "pr-preview"}
    assert without_previews == site.top()
    assert preview.git("rev-parse", f"{preview.commit}^") == site.commit


def test_the_site_published_again_keeps_the_preview(runs):
    preview, again = runs["preview"], runs["site again"]
    assert again.tree("pr-preview/pr-7") == preview.tree("pr-preview/pr-7")
    assert MERGED_ELSEWHERE in again.words("kontakt/index.html")
    assert PROPOSED not in again.words("kontakt/index.html")
    assert again.git("rev-parse", f"{again.commit}^") == preview.commit


def test_the_same_site_with_a_preview_published_pushes_nothing(runs):
    """The hourly publish: the site unchanged, the preview kept as it is: no commit."""
    unchanged = runs["site unchanged"]
    assert unchanged.commit == runs["site again"].commit
    assert "Nic nowego do opublikowania" in unchanged.said


def test_closing_the_pull_request_removes_its_preview_only(runs):
    again, closed = runs["site again"], runs["closed"]
    assert closed.said.strip().startswith("Usunięto podgląd zmian nr 7 (pr-preview/pr-7/)")
    assert closed.files("pr-preview/") == []
    assert closed.top() == {name: obj for name, obj in again.top().items()
                            if name != "pr-preview"}
    assert closed.git("rev-parse", f"{closed.commit}^") == again.commit
    assert runs["closed again"].commit == closed.commit  # nothing more to remove
    assert "nic do usunięcia" in runs["closed again"].said


# Two publishes racing for gh-pages (no build: small folders stand for the sites)

@pytest.fixture
def race(tmp_path):
    """(project, remote, make_site): a repository, a bare one for GitHub, and a helper that
    writes a small site folder."""
    project = tmp_path / "projekt"
    project.mkdir()
    git("init", "-q", "-b", "main", cwd=project)
    git("config", "user.name", "CI", cwd=project)
    git("config", "user.email", "ci@example.org", cwd=project)
    remote = tmp_path / "github.git"
    git("init", "-q", "--bare", str(remote), cwd=tmp_path)

    def make_site(name, text):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "index.html").write_text(f"<p>{text}</p>\n", encoding="utf-8")
        return str(folder)

    return project, str(remote), make_site


def overtaken(monkeypatch, *others):
    """From now on, each of this run's fetches of gh-pages is followed by the next of `others`
    (another run publishing), so by the time this run pushes, the branch has moved on.
    Returns the list of commits this run fetched."""
    real, fetched, pending = pages.fetch_published, [], list(others)

    def fetch(root, remote, branch):
        if fetch.other_run:
            return real(root, remote, branch)
        fetched.append(real(root, remote, branch))
        if pending:
            fetch.other_run = True
            try:
                pending.pop(0)()
            finally:
                fetch.other_run = False
        return fetched[-1]

    fetch.other_run = False
    monkeypatch.setattr(pages, "fetch_published", fetch)
    return fetched


def test_a_main_publish_racing_a_preview_keeps_the_preview(race, monkeypatch):
    project, remote, make_site = race
    first = publish_folder(project, remote, "gh-pages", "Strona 1", make_site("s1", "Strona 1"))
    preview = make_site("podglad", "Podgląd 7")
    fetched = overtaken(monkeypatch, lambda: publish_folder(
        project, remote, "gh-pages", "Podgląd 7", preview, into="pr-preview/pr-7"))

    sha = publish_folder(project, remote, "gh-pages", "Strona 2", make_site("s2", "Strona 2"))

    assert len(fetched) == 2 and fetched[0] == first  # refused once, then built on the preview
    published = Published(remote, sha)
    assert published.text("index.html") == "<p>Strona 2</p>"
    assert published.text("pr-preview/pr-7/index.html") == "<p>Podgląd 7</p>"
    assert published.git("log", "--format=%s", sha).splitlines() == [
        "Strona 2", "Podgląd 7", "Strona 1"]


def test_a_preview_racing_a_main_publish_keeps_the_new_site(race, monkeypatch):
    project, remote, make_site = race
    publish_folder(project, remote, "gh-pages", "Strona 1", make_site("s1", "Strona 1"))
    site = make_site("s2", "Strona 2")
    fetched = overtaken(monkeypatch, lambda: publish_folder(
        project, remote, "gh-pages", "Strona 2", site))

    sha = publish_folder(project, remote, "gh-pages", "Podgląd 7",
                         make_site("podglad", "Podgląd 7"), into="pr-preview/pr-7")

    published = Published(remote, sha)
    assert len(fetched) == 2
    assert published.text("index.html") == "<p>Strona 2</p>"
    assert published.text("pr-preview/pr-7/index.html") == "<p>Podgląd 7</p>"
    assert sorted(published.files()) == [".nojekyll", "index.html", "pr-preview/pr-7/index.html"]


def test_a_push_refused_every_time_says_so_in_polish_and_loses_nothing(race, monkeypatch):
    project, remote, make_site = race
    publish_folder(project, remote, "gh-pages", "Strona 1", make_site("s1", "Strona 1"))
    others = [make_site(f"podglad{n}", f"Podgląd {n}") for n in range(1, 5)]
    overtaken(monkeypatch, *(
        lambda n=n: publish_folder(project, remote, "gh-pages", f"Podgląd {n}",
                                   others[n - 1], into=f"pr-preview/pr-{n}")
        for n in range(1, 5)))

    with pytest.raises(PublishError) as refused:
        publish_folder(project, remote, "gh-pages", "Strona 2", make_site("s2", "Strona 2"),
                       attempts=4)

    assert refused.value.message == (
        "Wysłanie gałęzi gh-pages do " + remote + " nie powiodło się 4 razy z rzędu, bo w tym "
        "samym czasie publikowały inne zadania (każda ich publikacja została zachowana). Nic "
        "nie zostało opublikowane – uruchom publikację ponownie za kilka minut.")
    tip = git("--git-dir", remote, "rev-parse", "gh-pages", cwd=project)
    assert Published(remote, tip).files("pr-preview/") == [
        f"pr-preview/pr-{n}/index.html" for n in range(1, 5)]


def test_a_run_that_pushes_right_after_ours_does_not_make_ours_a_failure(race, monkeypatch):
    """Between our push and our check of it another run pushed on top: ours is published."""
    project, remote, make_site = race
    publish_folder(project, remote, "gh-pages", "Strona 1", make_site("s1", "Strona 1"))
    real, preview = pages.git, make_site("podglad", "Podgląd 7")

    def git_then_another_run(root, *args, **kwargs):
        result = real(root, *args, **kwargs)
        if args[0] == "push":
            monkeypatch.setattr(pages, "git", real)
            publish_folder(project, remote, "gh-pages", "Podgląd 7", preview,
                           into="pr-preview/pr-7")
        return result

    monkeypatch.setattr(pages, "git", git_then_another_run)
    sha = publish_folder(project, remote, "gh-pages", "Strona 2", make_site("s2", "Strona 2"))

    tip = git("--git-dir", remote, "rev-parse", "gh-pages", cwd=project)
    assert tip != sha
    assert Published(remote, tip).git("log", "--format=%H %s", tip).splitlines()[:2] == [
        f"{tip} Podgląd 7", f"{sha} Strona 2"]


def test_a_named_remote_as_in_ci_keeps_previews_and_retries(race, monkeypatch):
    """CI publishes to `origin`: ghp-import then starts from origin/gh-pages, which the fetch
    keeps equal to what is published."""
    project, remote, make_site = race
    git("remote", "add", "origin", remote, cwd=project)
    publish_folder(project, "origin", "gh-pages", "Strona 1", make_site("s1", "Strona 1"))
    publish_folder(project, "origin", "gh-pages", "Podgląd 7", make_site("p7", "Podgląd 7"),
                   into="pr-preview/pr-7")
    fetched = overtaken(monkeypatch, lambda: publish_folder(
        project, "origin", "gh-pages", "Podgląd 8", make_site("p8", "Podgląd 8"),
        into="pr-preview/pr-8"))

    sha = publish_folder(project, "origin", "gh-pages", "Strona 2", make_site("s2", "Strona 2"))

    assert len(fetched) == 2
    assert sorted(Published(remote, sha).files()) == [
        ".nojekyll", "index.html", "pr-preview/pr-7/index.html", "pr-preview/pr-8/index.html"]
    assert git("rev-parse", "origin/gh-pages", cwd=project) == sha


def test_a_preview_before_any_site_starts_the_branch_with_its_nojekyll(race):
    """GitHub would run Jekyll over a branch without it (and drop the preview's
    __podglad__/ stylesheet folder)."""
    project, remote, make_site = race
    sha = publish_folder(project, remote, "gh-pages", "Podgląd 3",
                         make_site("podglad", "Podgląd 3"), into="pr-preview/pr-3")
    assert sorted(Published(remote, sha).files()) == [".nojekyll",
                                                      "pr-preview/pr-3/index.html"]


def test_the_editors_guide_quotes_what_publishing_says():
    from conftest import ROOT
    from publishing.gate import admin_problems
    guide = " ".join((ROOT / "docs" / "redakcja.md").read_text(encoding="utf-8").split())
    assert f"„{BANNER_TEXT}”" in guide
    refusal = admin_problems(ROOT / "nie-ma-takiego-katalogu")[0]
    assert f"„{refusal[:70]}" in guide  # the guide quotes its beginning
    assert "„Wysłanie gałęzi gh-pages do origin nie powiodło się 4 razy z rzędu, bo w tym " \
           "samym czasie publikowały inne zadania …”" in guide
    assert "invoke publish --preview 7" in guide and "invoke unpublish-preview 7" in guide
