from .polish_typography import register  # noqa: F401
