"""Outbox topics the registrations app emits: ``registrations.registration.<action>`` (docs/architecture.md, "Names
are contracts"); the action is the casework step."""

REGISTRATION = "registrations.registration"
FILED = f"{REGISTRATION}.file"
VERIFIED = f"{REGISTRATION}.verify"
REJECTED = f"{REGISTRATION}.reject"
WITHDRAWN = f"{REGISTRATION}.withdraw"
FOUND_FALSE = f"{REGISTRATION}.find_false"
# the steps after which a subject's grade may move (a verified entry counts; a withdrawn or false one no longer)
MOVE_GRADES = (VERIFIED, WITHDRAWN, FOUND_FALSE)
