from django.apps import AppConfig


class ObjectionsConfig(AppConfig):
    name = "publiccredit.objections"
    label = "objections"
    verbose_name = "异议处理"

    def ready(self):
        from publiccredit.audit.labels import register

        from . import occasions  # noqa: F401  (registers the messages' resolver and the deadline reminders)

        register({
            "objections.objection.file": "提出异议",
            "objections.objection.read": "查看异议（含提出人联系方式）",
            "objections.objection.receive": "收到第三方异议（待受理）",
            "objections.objection.accept": "受理第三方异议并标注异议处理中",
            "objections.filer_code.sent": "发送异议提出人手机验证码",
            "objections.objection.flag": "受理异议并标注异议处理中",
            "objections.objection.reject": "不予受理异议",
            "objections.objection.decide": "作出异议处理决定",
            "objections.objection.notify": "告知异议处理结果",
            "objections.objection.review": "申请复核异议处理结果",
            "objections.objection.review_decide": "作出异议复核决定",
            "collection.record.objection": "信用记录异议状态变更",
        })
