from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "publiccredit.inspections"
    label = "inspections"
    verbose_name = "双随机、一公开监管"

    def ready(self):
        from publiccredit.audit.labels import register

        register({
            "inspections.plan.create": "制定双随机抽查计划",
            "inspections.plan.freeze": "审批并冻结双随机抽查计划",
            "inspections.plan.draw": "双随机抽取",
        })
