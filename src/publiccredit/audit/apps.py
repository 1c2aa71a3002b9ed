from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "publiccredit.audit"
    label = "audit"
    verbose_name = "审计日志"

    def ready(self):
        from .guards import install
        from .labels import register

        install()

        register({"audit.chain.verify": "校验审计链（含签名检查点）"})
