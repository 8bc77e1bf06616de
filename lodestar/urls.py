from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.site_header = "Lodestar administration"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("lodestar.people.urls")),
    path("", include("lodestar.goals.urls")),
    path("notifications/", include("lodestar.notifications.urls")),
    path("", include("lodestar.meetings.urls")),
    path("media/<path:path>", views.media, name="media"),
]
