from django.apps import AppConfig


class AssociationsConfig(AppConfig):
    name = "publiccredit.associations"
    label = "associations"
    verbose_name = "行业协会商会"

    def ready(self):
        from publiccredit.audit.labels import register

        from . import handlers  # noqa: F401  (register the outbox consumers)

        register({
            "associations.membership.admit": "行业协会登记会员",
            "associations.membership.end": "行业协会注销会员",
            "associations.note.record": "行业协会记录会员信用信息",
            "associations.template.publish": "行业协会发布行业自律承诺书",
            "associations.members.read": "行业协会查看会员信用概况",
        })
