"""How personal identifiers look wherever they are shown: masked, always."""

import datetime as dt
import re

MASK = "*"
ID_SHAPE = re.compile(r"\d{17}[\dXx]")


def looks_like_citizen_id(text: str) -> bool:
    """18 characters shaped like a GB 11643 number with a real birth date in positions 7–14, whatever its check
    digit: a mistyped ID number is still someone's, and is masked like a valid one."""
    text = (text or "").strip()
    if not ID_SHAPE.fullmatch(text):
        return False
    try:
        birth = dt.date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        return False
    return 1900 <= birth.year <= dt.date.today().year


def mask_citizen_id(number: str) -> str:
    """``361102199001011234`` → ``3611**********1234``: region prefix and last four stay, birth date never shows."""
    number = (number or "").strip()
    if len(number) == 18:
        return number[:4] + MASK * 10 + number[-4:]
    if len(number) <= 2:
        return MASK * len(number)
    return number[0] + MASK * (len(number) - 2) + number[-1]


def mask_person_name(name: str) -> str:
    """``张三`` → ``张*``, ``王小明`` → ``王*明``, ``欧阳娜娜`` → ``欧**娜``."""
    name = (name or "").strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + MASK
    return name[0] + MASK * (len(name) - 2) + name[-1]
