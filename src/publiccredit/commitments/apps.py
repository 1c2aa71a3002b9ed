from django.apps import AppConfig


class CommitmentsConfig(AppConfig):
    name = "publiccredit.commitments"
    label = "commitments"
    verbose_name = "信用承诺"

    def ready(self):
        from publiccredit.audit.labels import register

        from . import handlers, occasions  # noqa: F401  (register the outbox consumer and the deadline reminders)

        register({
            "commitments.commitment.sign": "作出信用承诺",
            "commitments.commitment.withdraw": "撤回信用承诺",
            "commitments.commitment.decide": "承诺事项办结",
            "commitments.commitment.fulfilment": "认定信用承诺履行情况",
            "commitments.commitment.read": "查看信用承诺（受理单位）",
            "commitments.green_channel.decide": "容缺受理决定",
        })
