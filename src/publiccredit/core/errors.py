"""Domain errors: raised by services when a rule forbids an act; the message is for people (Chinese)."""


class DomainError(Exception):
    """A rule of the platform forbids what was asked. ``message`` is shown to the user as is."""

    default_code = "domain_error"

    def __init__(self, message: str, *, code: str | None = None, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code
        self.field = field

    def as_dict(self) -> dict:
        body = {"code": self.code, "message": self.message}
        if self.field:
            body["field"] = self.field
        return body


class NotFound(DomainError):
    default_code = "not_found"


class PermissionDenied(DomainError):
    default_code = "permission_denied"
