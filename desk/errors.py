"""Domain errors: each carries a sentence the user can read and act on."""


class DeskError(Exception):
    """A problem the user can understand and fix; its message says what and how."""


class NotFound(DeskError):
    """The thing asked for does not exist."""


class ValidationError(DeskError):
    """Input that cannot be saved, with one message per field."""

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        super().__init__(" ".join(self.errors.values()))
