from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "publiccredit.reports"
    label = "reports"
    verbose_name = "信用报告"

    def ready(self):
        from publiccredit.audit.labels import register

        register({
            "reports.report.issue": "出具信用报告",
            "reports.report.read": "下载信用报告",
            "reports.report.verify": "核验信用报告",
            "reports.authorisation.grant": "授权信用服务机构",
            "reports.authorisation.revoke": "撤销对信用服务机构的授权",
            "reports.agency.query": "信用服务机构授权查询",
        })
