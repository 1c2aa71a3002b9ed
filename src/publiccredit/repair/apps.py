from django.apps import AppConfig


class RepairConfig(AppConfig):
    name = "publiccredit.repair"
    label = "repair"
    verbose_name = "信用修复"

    def ready(self):
        from publiccredit.audit.labels import register

        from . import occasions  # noqa: F401  (registers the messages' resolver and the deadline reminders)

        register({
            "repair.application.submit": "提交信用修复申请",
            "repair.application.read": "查看信用修复申请（含申请人联系方式）",
            "repair.application.accept": "受理信用修复申请",
            "repair.application.return": "退回补正信用修复申请",
            "repair.application.resubmit": "补正后重新提交信用修复申请",
            "repair.application.approve": "准予信用修复",
            "repair.application.refuse": "不予信用修复",
            "repair.application.withdraw": "撤回信用修复申请",
            "repair.application.acknowledge": "确认收到信用修复结果",
            "collection.record.repair": "信用记录修复",
        })
