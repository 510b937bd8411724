from .text_versions import register  # noqa: F401
