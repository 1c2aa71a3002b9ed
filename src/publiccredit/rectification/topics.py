"""Outbox topics of the rectification app (docs/architecture.md, "Names are contracts"): ``<model topic>.<verb>``,
the messages' resolver handles each prefix."""

TASK = "rectification.task"
TASK_OPENED = f"{TASK}.open"
TASK_REPORTED = f"{TASK}.report"
TASK_ACCEPTED = f"{TASK}.accept"
TASK_RETURNED = f"{TASK}.return"
TASK_DUE_SOON = f"{TASK}.remind"
TASK_OVERDUE = f"{TASK}.overdue"
TASK_RECORDED_OVERDUE = f"{TASK}.record_overdue"
INTERVIEW = "rectification.interview"
INTERVIEW_RECORDED = f"{INTERVIEW}.record"
