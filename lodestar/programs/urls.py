from django.urls import path

from . import views

app_name = "programs"

urlpatterns = [
    path("programs/", views.program_list, name="list"),
    path("programs/<int:pk>/", views.program_detail, name="detail"),
    path("programs/<int:pk>/questions/", views.question_add, name="question_add"),
    path("programs/<int:pk>/questions/<int:question_id>/remove/", views.question_remove,
         name="question_remove"),
    path("programs/<int:pk>/participants/", views.participants, name="participants"),
    path("programs/<int:pk>/participants/<int:participant_id>/decide/", views.participant_decide,
         name="decide"),
    path("programs/<int:pk>/participants.csv", views.participants_csv, name="participants_csv"),
    path("programs/<int:pk>/matching/", views.matching, name="matching"),
    path("programs/<int:pk>/runs/<int:run_id>/progress/", views.run_progress, name="progress"),
    path("programs/<int:pk>/pairs/<int:pair_id>/lock/", views.pair_lock, name="lock"),
    path("programs/<int:pk>/pairs/<int:pair_id>/swap/", views.pair_swap, name="swap"),
    path("programs/<int:pk>/publish/", views.publish, name="publish"),
    path("programs/<int:pk>/dashboard/", views.dashboard, name="dashboard"),
    path("programs/<int:pk>/analytics.csv", views.dashboard_csv, name="dashboard_csv"),
    path("programs/<int:pk>/mine/", views.mine, name="mine"),
    path("programs/<int:pk>/suggestions/<int:suggestion_id>/choose/", views.choose, name="choose"),
    path("programs/<int:pk>/surveys/<int:survey_id>/", views.survey, name="survey"),
]
