"""Django form/model validators wrapping the identifier checks."""

from django.core.exceptions import ValidationError

from .identifiers import check_citizen_id, check_uscc


def validate_uscc(value: str) -> None:
    result = check_uscc(value)
    if not result.valid:
        raise ValidationError(result.message, code=result.code)


def validate_citizen_id(value: str) -> None:
    result = check_citizen_id(value)
    if not result.valid:
        raise ValidationError(result.message, code=result.code)
