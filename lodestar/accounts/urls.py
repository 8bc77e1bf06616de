from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("data/", views.data, name="data"),
    path("data/export/", views.data_export, name="data_export"),
    path("data/delete/", views.account_delete, name="delete"),
]
