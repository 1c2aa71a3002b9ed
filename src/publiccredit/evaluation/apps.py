from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "publiccredit.evaluation"
    label = "evaluation"
    verbose_name = "信用评价"

    def ready(self):
        from publiccredit.audit.labels import register

        from . import handlers  # noqa: F401  (register the incremental re-grade on record and list events)

        register({"evaluation.model.publish": "发布信用评价模型版本", "evaluation.run.start": "发起信用评价",
                  "evaluation.result.read": "查看信用评价结果",
                  "evaluation.result.import": "导入外部信用评价结果"})
