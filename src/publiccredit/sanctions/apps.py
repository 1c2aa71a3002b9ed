from django.apps import AppConfig


class SanctionsConfig(AppConfig):
    name = "publiccredit.sanctions"
    label = "sanctions"
    verbose_name = "联合奖惩"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from publiccredit.audit.labels import register
        from publiccredit.catalog.models import CatalogItem
        from publiccredit.lists.models import ListKind

        from .models import Matter, Measure
        from .screening import forget_contexts

        for model in (Measure, Matter, ListKind, CatalogItem):
            post_save.connect(forget_contexts, sender=model, dispatch_uid=f"sanctions-context-save-{model.__name__}")
            post_delete.connect(forget_contexts, sender=model, dispatch_uid=f"sanctions-context-del-{model.__name__}")
        for through in (Measure.list_kinds.through, Measure.record_items.through, Measure.matters.through):
            m2m_changed.connect(forget_contexts, sender=through, dispatch_uid=f"sanctions-context-m2m-{through.__name__}")

        register({
            "sanctions.screening.run": "联合奖惩比对（查询-比对）",
            "sanctions.screening.feedback": "反馈措施执行情况",
        })
