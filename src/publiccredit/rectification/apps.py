from django.apps import AppConfig


class RectificationConfig(AppConfig):
    name = "publiccredit.rectification"
    label = "rectification"
    verbose_name = "整改与约谈"

    def ready(self):
        from publiccredit.audit.labels import register

        from . import occasions  # noqa: F401  (registers the messages' resolvers and the deadline reminders)

        register({
            "rectification.task.open": "责令整改",
            "rectification.task.read": "查看整改任务（含整改报告）",
            "rectification.task.report": "报告整改情况",
            "rectification.task.accept": "确认整改到位",
            "rectification.task.return": "退回继续整改",
            "rectification.task.overdue": "整改期限提醒与逾期标记",
            "rectification.task.record_overdue": "认定逾期未整改",
            "rectification.interview.record": "记录信用约谈",
            "rectification.interview.read": "查看信用约谈记录",
        })
