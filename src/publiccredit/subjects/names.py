"""Name normalisation for matching and display.

Departments write the same enterprise as ``上饶市 鑫源（商贸）有限公司`` and ``上饶市鑫源(商贸)有限公司``;
``normalize_name`` makes both one matching key, ``display_name`` gives the canonical form to show.
"""

import re
import unicodedata

_WHITESPACE = re.compile(r"\s+")
_BRACKET_EQUIVALENTS = str.maketrans({"[": "(", "]": ")", "【": "(", "】": ")", "〔": "(", "〕": ")", "{": "(", "}": ")"})
_CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
_SPACE_NEXT_TO_CJK = re.compile(rf"(?<=[{_CJK}()（）])\s+|\s+(?=[{_CJK}()（）])")


def normalize_name(name: str | None) -> str:
    """Matching key: NFKC (full width → half width, （）→ ()), all whitespace removed, brackets unified, upper case."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKC", name).translate(_BRACKET_EQUIVALENTS)
    return _WHITESPACE.sub("", text).upper()


def display_name(name: str | None) -> str:
    """Canonical display form: trimmed, no stray spaces beside Chinese, Chinese full-width brackets."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKC", name).translate(_BRACKET_EQUIVALENTS).strip()
    text = _WHITESPACE.sub(" ", text)
    text = _SPACE_NEXT_TO_CJK.sub("", text)
    return text.replace("(", "（").replace(")", "）")
