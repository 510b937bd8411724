"""What every plugin shares, and nothing else: editor messages (messages.py), how they name
files and header lines (sources.py), the keys editors write (keys.py) and which plugins a
build runs (plugins.py). Not a Pelican
plugin (no register): it imports no plugin, every plugin may import it."""
