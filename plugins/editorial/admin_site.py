"""Where the editors' form lives in the built site, and the setting that hands on its own
Content-Security-Policy: the admin plugin writes both; site_checks sends the policy as a
header for that folder; publishing checks the folder is there and leaves it unmarked in
previews."""

FOLDER = "admin"
ENTRY = "decap-cms.js"  # Decap's own script, copied from the npm package decap-cms
POLICY_SETTING = "ADMIN_CONTENT_SECURITY_POLICY"
# The commit status that links a pull request's preview: Decap shows "Zobacz podgląd" next
# to a draft for a status whose context is this (admin/config.yml's preview_context).
PREVIEW_CONTEXT = "deploy/podglad-zmian"
