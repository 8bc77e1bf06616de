from django.urls import path

from . import views

app_name = "relationships"

urlpatterns = [
    path("mentorships/", views.relationship_list, name="list"),
    path("mentorships/pay-it-forward/", views.pay_it_forward, name="pay_it_forward"),
    path("mentorships/<int:pk>/", views.relationship_detail, name="detail"),
    path("mentorships/<int:pk>/move/", views.relationship_move, name="move"),
    path("mentorships/<int:pk>/agreement/", views.agreement, name="agreement"),
    path("mentorships/<int:pk>/agreement/acknowledge/", views.acknowledge, name="acknowledge"),
    path("mentorships/<int:pk>/feedback/", views.feedback, name="feedback"),
    path("mentorships/<int:pk>/reflections/", views.reflections, name="reflections"),
    path("mentorships/<int:pk>/thanks/", views.thanks, name="thanks"),
    path("mentorships/<int:pk>/challenges/", views.challenges, name="challenges"),
    path(
        "mentorships/<int:pk>/challenges/<int:challenge_id>/done/",
        views.challenge_done,
        name="challenge_done",
    ),
    path("mentorships/<int:pk>/advocacy/", views.advocacy, name="advocacy"),
]
