"""A pull request's commit status for its preview (GitHub's statuses API): Decap reads it
(admin/config.yml's preview_context) and shows "Zobacz podgląd" next to the draft; on GitHub
it is the line with the link under the pull request. Run by .github/workflows/preview.yml
as `invoke preview-status STATE`, with the run's own variables."""

import json
import urllib.error
import urllib.request

from editorial.admin_site import PREVIEW_CONTEXT

from .errors import PublishError

# What the pull request says in each state (GitHub shows at most 140 characters).
DESCRIPTIONS = {
    "pending": "Podgląd zmian w przygotowaniu",
    "success": "Podgląd zmian gotowy (jeszcze nieopublikowany)",
    "failure": "Podgląd się nie zbudował – zobacz opis błędu",
}
# The run's variables the request needs (GitHub Actions sets the first two, the workflow the
# others).
NEEDED = ("GITHUB_API_URL", "GITHUB_REPOSITORY", "GITHUB_TOKEN", "HEAD_SHA")


def post_status(state, target_url, env):
    """POST the status `state` (with its link, when there is one) for HEAD_SHA."""
    missing = [name for name in NEEDED if not env.get(name)]
    if state not in DESCRIPTIONS or missing:
        raise PublishError(f"Stan podglądu „{state}” (jeden z: {', '.join(DESCRIPTIONS)}) "
                           f"wymaga zmiennych: {', '.join(missing or NEEDED)}.")
    payload = {"state": state, "context": PREVIEW_CONTEXT, "description": DESCRIPTIONS[state]}
    if target_url:
        payload["target_url"] = target_url
    request = urllib.request.Request(
        f"{env['GITHUB_API_URL']}/repos/{env['GITHUB_REPOSITORY']}/statuses/{env['HEAD_SHA']}",
        data=json.dumps(payload).encode("utf-8"), method="POST",
        headers={"Authorization": f"Bearer {env['GITHUB_TOKEN']}",
                 "Accept": "application/vnd.github+json", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30):
            return payload
    except (urllib.error.URLError, OSError) as error:
        raise PublishError(f"Nie udało się ustawić stanu podglądu w propozycji zmian: "
                           f"{error}.") from None
