from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("me/", views.profile_edit, name="edit"),
    path("me/<slug:section>/", views.profile_section, name="section"),
    path("me/<slug:section>/<int:pk>/remove/", views.profile_item_remove, name="remove"),
    path("people/<int:pk>/", views.profile_detail, name="profile"),
]
