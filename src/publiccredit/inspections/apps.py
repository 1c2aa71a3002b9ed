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
            "inspections.result.record": "录入双随机抽查结果",
            "inspections.result.read": "查看检查结果材料",
            "inspections.directory.import": "导入执法检查人员或抽查事项名录",
        })
