from django.urls import path

from publiccredit.collection import views as collection

from . import views

app_name = "backoffice"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("collection/", collection.batches, name="collection-batches"),
    path("collection/batches/<int:batch_id>/", collection.batch_detail, name="collection-batch"),
    path("collection/batches/<int:batch_id>/errors.csv", collection.batch_errors, name="collection-batch-errors"),
    path("collection/stats/", collection.stats, name="collection-stats"),
    path("collection/unlinked/", collection.unlinked, name="collection-unlinked"),
    path("collection/unlinked/<int:record_id>/", collection.unlinked_detail, name="collection-unlinked-detail"),
]
