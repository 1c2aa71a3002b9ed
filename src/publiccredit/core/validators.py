"""Django form/model validators wrapping the identifier checks."""

from django.core.exceptions import ValidationError

from .identifiers import check_uscc


def validate_uscc(value: str) -> None:
    result = check_uscc(value)
    if not result.valid:
        raise ValidationError(result.message, code=result.code)
