"""Outbox topics of the commitments app (docs/architecture.md, "Names are contracts")."""

COMMITMENT = "commitments.commitment"
SIGNED = f"{COMMITMENT}.sign"
WITHDRAWN = f"{COMMITMENT}.withdraw"
DECIDED = f"{COMMITMENT}.decide"
FULFILMENT = f"{COMMITMENT}.fulfilment"
GREEN_CHANNEL = "commitments.green_channel.decide"
