from django.apps import AppConfig


class ListsConfig(AppConfig):
    name = "publiccredit.lists"
    label = "lists"
    verbose_name = "信用名单"

    def ready(self):
        from publiccredit.audit.labels import register

        from . import handlers, occasions  # noqa: F401  (register the outbox consumers and the messages' resolver)

        register({
            "lists.entry.propose": "拟列入名单",
            "lists.entry.notify": "生成列入前告知书",
            "lists.entry.serve": "登记告知书送达",
            "lists.entry.decide": "作出列入决定",
            "lists.entry.publish": "公示名单",
            "lists.entry.exit": "移出名单",
            "lists.entry.withdraw": "终止列入程序",
            "lists.entry.basis": "提示名单依据部分失效",
            "lists.entry.suspend": "名单依据全部失效暂停",
            "lists.entry.resume": "恢复暂停的名单",
            "lists.service_proof.read": "查看告知书送达凭证",
            "lists.entry.statement": "提出陈述申辩",
            "lists.entry.answer": "答复陈述申辩",
            "lists.statement.file.read": "查看陈述申辩材料",
            "lists.entry.read": "查看名单记录（含陈述申辩人联系方式）",
        })
