from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "publiccredit.workdays"
    label = "workdays"
    verbose_name = "工作日历"

    def ready(self):
        from publiccredit.audit.labels import register

        register({"workdays.year.load": "载入年度节假日安排"})
