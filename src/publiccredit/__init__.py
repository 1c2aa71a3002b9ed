"""Public credit information platform (公共信用信息平台)."""

from .celery import app as celery_app

__all__ = ["celery_app"]
