from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "publiccredit.events"
    label = "events"
    verbose_name = "事件发件箱"
