from django.urls import path

from . import reflect_views, views

app_name = "goals"

urlpatterns = [
    path("reflect/", reflect_views.reflect_start, name="reflect"),
    path("reflect/goals/", reflect_views.reflect_goals, name="reflect_goals"),
    path("reflect/goals/<int:pk>/", reflect_views.goal_save, name="goal_save"),
    path("reflect/goals/<int:pk>/remove/", reflect_views.goal_remove, name="goal_remove"),
    path("reflect/coach/", reflect_views.coach, name="coach"),
    path("reflect/gaps/", reflect_views.reflect_gaps, name="reflect_gaps"),
    path("reflect/gaps/<int:pk>/remove/", reflect_views.gap_remove, name="gap_remove"),
    path("reflect/guidance/", reflect_views.reflect_guidance, name="reflect_guidance"),
    path("reflect/persona/", reflect_views.reflect_persona, name="reflect_persona"),
    path(
        "reflect/persona/<int:pk>/remove/", reflect_views.criterion_remove, name="criterion_remove"
    ),
    path("reflect/review/", reflect_views.reflect_review, name="reflect_review"),
    path("goals/", views.goal_list, name="list"),
    path("goals/<int:pk>/", views.goal_detail, name="detail"),
    path(
        "goals/<int:pk>/milestones/<int:milestone_pk>/toggle/",
        views.milestone_toggle,
        name="milestone_toggle",
    ),
    path(
        "goals/<int:pk>/milestones/<int:milestone_pk>/remove/",
        views.milestone_remove,
        name="milestone_remove",
    ),
    path("goals/<int:pk>/<slug:action>/", views.goal_action, name="action"),
]
