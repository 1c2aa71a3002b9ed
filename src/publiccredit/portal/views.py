from django.http import JsonResponse
from django.shortcuts import render

from publiccredit.organizations.queries import active_organizations, counties
from publiccredit.subjects.models import Subject
from publiccredit.subjects.queries import registry_counts


def home(request):
    counts = registry_counts()
    kinds = [(label, counts.get(value, 0)) for value, label in Subject.Kind.choices]
    context = {
        "kinds": kinds,
        "subject_total": sum(counts.values()),
        "organization_count": active_organizations().count(),
        "counties": list(counties()),
    }
    return render(request, "portal/home.html", context)


def healthz(request):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
