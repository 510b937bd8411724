"""Publishing the site: the checks on a built folder, the local preview, the push to gh-pages.

Used by tasks.py, never by a Pelican build. Imports only the public modules of the site's
plugins (editorial, events), so whoever imports it puts plugins/ on sys.path first, as
pelicanconf.py and tests/conftest.py do.
"""
