import re

from django.conf import settings

# An address carrying an ID number (a search or a credit file by ID) is not repeated in links: return home instead.
ID_NUMBER_IN_ADDRESS = re.compile(r"\d{17}[\dXx]|\d{15}")


def site(request):
    here = request.get_full_path()
    return {"PLATFORM_NAME": settings.PLATFORM_NAME, "PORTAL_NAME": settings.PORTAL_NAME,
            "elder_mode": request.COOKIES.get("elder") == "1",
            "here": "/" if ID_NUMBER_IN_ADDRESS.search(here) else here}
