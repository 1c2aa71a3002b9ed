from django.apps import AppConfig


class SanctionsConfig(AppConfig):
    name = "publiccredit.sanctions"
    label = "sanctions"
    verbose_name = "联合奖惩"

    def ready(self):
        from publiccredit.audit.labels import register

        register({
            "sanctions.screening.run": "联合奖惩比对（查询-比对）",
            "sanctions.screening.feedback": "反馈措施执行情况",
        })
