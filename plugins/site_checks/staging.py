"""A build writes into a staging folder beside the output folder and moves its files into
the output only once it has succeeded: a build that stops for an editor's mistake, or fails
late, leaves the output exactly as it was (the live preview keeps showing the last good
site, and a half-built site is never published)."""

import os
import shutil

from pelican.utils import clean_output_dir

SUFFIX = ".partial"  # output.partial/ beside output/ (same disk: files are moved, not copied)


def staging_path(output):
    return os.path.normpath(output) + SUFFIX


def start(pelican):
    """Send this build's files to a fresh staging folder (a failed build's leftovers go)."""
    target = pelican.output_path
    staging = staging_path(target)
    discard(staging)
    os.makedirs(staging)
    pelican.settings["STAGED_FOR"] = target
    pelican.output_path = staging


def finish(pelican):
    """Move every staged file into the output (`-d`: the old files go first)."""
    target = pelican.settings.pop("STAGED_FOR", None)
    if target is None:
        return
    staging, pelican.output_path = pelican.output_path, target
    if pelican.delete_outputdir and not _holds(target, pelican.path):
        clean_output_dir(target, pelican.output_retention)
    for folder, _, files in os.walk(staging):
        destination = os.path.join(target, os.path.relpath(folder, staging))
        os.makedirs(destination, exist_ok=True)
        for name in files:
            os.replace(os.path.join(folder, name), os.path.join(destination, name))
    discard(staging)


def discard(staging):
    """Remove a staging folder, never anything else."""
    if staging.endswith(SUFFIX) and os.path.isdir(staging):
        shutil.rmtree(staging)


def _holds(output, path):
    """Whether the content folder lies inside the output folder (Pelican's own guard)."""
    output, path = os.path.realpath(output), os.path.realpath(path)
    return os.path.commonpath([output]) == os.path.commonpath([output, path])
