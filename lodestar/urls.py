from django.contrib import admin
from django.urls import include, path

from . import views
from .api import api

admin.site.site_header = "Lodestar administration"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("api/v1/", api.urls),
    path("accounts/tokens/", include("lodestar.tokens.urls")),
    path("accounts/", include("allauth.urls")),
    path("account/", include("lodestar.accounts.urls")),
    path("admin/", admin.site.urls),
    path("", include("lodestar.people.urls")),
    path("", include("lodestar.goals.urls")),
    path("notifications/", include("lodestar.notifications.urls")),
    path("", include("lodestar.meetings.urls")),
    path("", include("lodestar.outreach.urls")),
    path("", include("lodestar.relationships.urls")),
    path("", include("lodestar.programs.urls")),
    path("media/<path:path>", views.media, name="media"),
]
