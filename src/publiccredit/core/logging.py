"""A logging filter that masks citizen IDs and query codes in every log line, as a last line of defence.

Request lines carry what visitors typed: an ID number searched for (valid or mistyped) and the query code of a
repair or objection (``?code=``). Neither may reach a log in clear (docs/operations.md).
"""

import logging
import re

CITIZEN_ID_PATTERN = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[0-9Xx])(?![0-9A-Za-z])")
# ``code=``/``query_code=`` in a query string or form body: the secret half of a repair or objection look-up.
QUERY_CODE_PATTERN = re.compile(r"(?<=[?&;\s])((?:query_)?code=)[^&\s\"']+", re.IGNORECASE)


def mask_citizen_ids_in(text: str) -> str:
    from publiccredit.core.masking import looks_like_citizen_id, mask_citizen_id

    def replace(match: re.Match) -> str:
        # A mistyped ID number is still someone's ID number: everything of that shape is masked, valid or not.
        candidate = match.group(0)
        return mask_citizen_id(candidate) if looks_like_citizen_id(candidate) else candidate

    return QUERY_CODE_PATTERN.sub(r"\1***", CITIZEN_ID_PATTERN.sub(replace, text))


class MaskIdentifiersFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string is the caller's bug; let logging report it
            return True
        masked = mask_citizen_ids_in(message)
        if masked != message:
            record.msg, record.args = masked, ()
        return True
