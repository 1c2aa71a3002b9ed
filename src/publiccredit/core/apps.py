from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "publiccredit.core"
    label = "core"
    verbose_name = "公共组件"
