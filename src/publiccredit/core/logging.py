"""A logging filter that masks citizen IDs in every log line, as a last line of defence."""

import logging
import re

CITIZEN_ID_PATTERN = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[0-9Xx])(?![0-9A-Za-z])")


def mask_citizen_ids_in(text: str) -> str:
    from publiccredit.subjects.identifiers import check_citizen_id
    from publiccredit.subjects.masking import mask_citizen_id

    def replace(match: re.Match) -> str:
        candidate = match.group(0)
        return mask_citizen_id(candidate) if check_citizen_id(candidate).valid else candidate

    return CITIZEN_ID_PATTERN.sub(replace, text)


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
