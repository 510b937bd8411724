from .translations import register  # noqa: F401
