from .asset_version import register  # noqa: F401
