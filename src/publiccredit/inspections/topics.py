"""Outbox topics the inspections app emits (docs/architecture.md, "Names are contracts")."""

PLAN = "inspections.plan"
PLAN_CREATED = f"{PLAN}.create"
PLAN_FROZEN = f"{PLAN}.freeze"
PLAN_DRAWN = f"{PLAN}.draw"
RESULT = "inspections.result"
RESULT_RECORDED = f"{RESULT}.record"
