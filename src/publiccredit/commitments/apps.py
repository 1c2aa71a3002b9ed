from django.apps import AppConfig


class CommitmentsConfig(AppConfig):
    name = "publiccredit.commitments"
    label = "commitments"
    verbose_name = "信用承诺"

    def ready(self):
        from publiccredit.audit.labels import register

        from . import handlers, occasions  # noqa: F401  (register the outbox consumer and the deadline reminders)

        _forget_rules_when_their_inputs_change()
        register({
            "commitments.commitment.sign": "作出信用承诺",
            "commitments.commitment.withdraw": "撤回信用承诺",
            "commitments.commitment.decide": "承诺事项办结",
            "commitments.commitment.fulfilment": "认定信用承诺履行情况",
            "commitments.commitment.read": "查看信用承诺（受理单位）",
            "commitments.green_channel.decide": "容缺受理决定",
        })


def _forget_rules_when_their_inputs_change() -> None:
    """The cached rules carry ids of catalog items, list kinds and the public model (services.active_rules): a
    change to any of them, or to a rule, drops the cache."""
    from django.core.cache import cache
    from django.db.models.signals import post_delete, post_save

    from publiccredit.catalog.models import CatalogItem
    from publiccredit.evaluation.models import EvaluationModel
    from publiccredit.lists.models import ListKind

    from .models import RULES_CACHE_KEY, EligibilityRule

    def forget(**_):
        cache.delete(RULES_CACHE_KEY)

    for model in (CatalogItem, ListKind, EvaluationModel, EligibilityRule):
        post_save.connect(forget, sender=model, dispatch_uid=f"commitments-rules-{model._meta.label}", weak=False)
        post_delete.connect(forget, sender=model, dispatch_uid=f"commitments-rules-del-{model._meta.label}",
                            weak=False)
