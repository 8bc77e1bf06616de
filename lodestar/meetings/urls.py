from django.urls import path

from . import meeting_views, views

app_name = "meetings"

urlpatterns = [
    path("meetings/", views.meeting_list, name="list"),
    path("meetings/feed/", views.feed_settings, name="feed"),
    path("meetings/book/<int:profile_id>/", views.meeting_book, name="book"),
    path("meetings/<int:pk>/", meeting_views.meeting_detail, name="detail"),
    path("meetings/<int:pk>/invite.ics", views.meeting_invite, name="invite"),
    path("meetings/<int:pk>/reschedule/", views.meeting_reschedule, name="reschedule"),
    path("meetings/<int:pk>/cancel/", views.meeting_cancel, name="cancel"),
    path("meetings/<int:pk>/agenda/", meeting_views.agenda_edit, name="agenda"),
    path("meetings/<int:pk>/agenda/coach/", meeting_views.agenda_coach, name="agenda_coach"),
    path("meetings/<int:pk>/notes/", meeting_views.note_add, name="note_add"),
    path(
        "meetings/<int:pk>/notes/<int:note_pk>/remove/",
        meeting_views.note_remove,
        name="note_remove",
    ),
    path("meetings/<int:pk>/takeaways/", meeting_views.takeaway_add, name="takeaway_add"),
    path(
        "meetings/<int:pk>/takeaways/<int:takeaway_pk>/remove/",
        meeting_views.takeaway_remove,
        name="takeaway_remove",
    ),
    path("meetings/<int:pk>/actions/", meeting_views.action_add, name="action_add"),
    path(
        "meetings/<int:pk>/actions/<int:item_pk>/report/",
        meeting_views.action_report,
        name="action_report",
    ),
    path("meetings/<int:pk>/follow-up/", meeting_views.follow_up, name="follow_up"),
    path("meetings/<int:pk>/update/", meeting_views.async_update, name="update"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
