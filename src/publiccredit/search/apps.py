from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "publiccredit.search"
    label = "search"
    verbose_name = "主体检索"
