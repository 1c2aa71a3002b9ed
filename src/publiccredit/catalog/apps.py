from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "publiccredit.catalog"
    label = "catalog"
    verbose_name = "信用信息资源目录"

    def ready(self):
        from publiccredit.audit.labels import register

        register({"catalog.item.version": "发布目录信息项新版本"})
