from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from publiccredit.accounts.api import WhoAmIView
from publiccredit.collection import api as collection_api
from publiccredit.organizations.api import OrganizationListView
from publiccredit.portal import views as portal_views
from publiccredit.subjects.api import IdentifierCheckView

api_v1 = [
    path("whoami/", WhoAmIView.as_view(), name="whoami"),
    path("organizations/", OrganizationListView.as_view(), name="organizations"),
    path("identifiers/check/", IdentifierCheckView.as_view(), name="identifier-check"),
    path("collection/items/", collection_api.CatalogItemsView.as_view(), name="collection-items"),
    path("collection/stats/", collection_api.TimelinessStatsView.as_view(), name="collection-stats"),
    path("collection/batches/<int:batch_id>/", collection_api.BatchDetailView.as_view(), name="collection-batch"),
    path("collection/batches/<int:batch_id>/errors.csv", collection_api.BatchErrorReportView.as_view(),
         name="collection-batch-errors"),
    path("collection/<slug:item_code>/records/", collection_api.RecordSubmissionView.as_view(),
         name="collection-records"),
]

urlpatterns = [
    path("", portal_views.home, name="home"),
    path("healthz", portal_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("backoffice/", include("publiccredit.backoffice.urls")),
    path("api/v1/", include((api_v1, "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="api-redoc"),
]
