from django.conf import settings


def site(request):
    return {"PLATFORM_NAME": settings.PLATFORM_NAME, "PORTAL_NAME": settings.PORTAL_NAME}
