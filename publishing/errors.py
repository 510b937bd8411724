"""The one exception publishing raises: why nothing was published, in Polish, and an exit code."""


class PublishError(Exception):
    """Nothing was published because of `message` (for the editor); `code` ends the command."""

    def __init__(self, message, code=1):
        super().__init__(message)
        self.message = message
        self.code = code
