from django.apps import AppConfig


class EducationConfig(AppConfig):
    name = "publiccredit.education"
    label = "education"
    verbose_name = "诚信教育"

    def ready(self):
        from publiccredit.audit.labels import register

        register({
            "education.completion.complete": "完成诚信教育课程",
        })
