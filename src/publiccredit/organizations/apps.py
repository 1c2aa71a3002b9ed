from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "publiccredit.organizations"
    label = "organizations"
    verbose_name = "区划与单位"
