"""Which plugins a build runs."""


def listed_in_plugins(settings, package):
    """Whether this build's PLUGINS names `package` (a plugin's __package__): Pelican's
    signals outlive a build, so in one process (tests, previews) a later build without the
    plugin still calls its receivers, which then do nothing."""
    names = [getattr(p, "__name__", str(p)) for p in settings.get("PLUGINS") or ()]
    return any(n == package or n.startswith(f"{package}.") for n in names)
