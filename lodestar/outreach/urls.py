from django.urls import path

from . import directory_views, views

app_name = "outreach"

urlpatterns = [
    path("mentors/", directory_views.mentor_directory, name="directory"),
    path("mentors/tags/", directory_views.tags, name="tags"),
    path("mentors/tags/<int:pk>/remove/", directory_views.tag_remove, name="tag_remove"),
    path("mentors/external/", directory_views.external_mentors, name="external"),
    path(
        "mentors/external/<int:pk>/invite/", directory_views.external_invite, name="external_invite"
    ),
    path(
        "mentors/external/<int:pk>/remove/", directory_views.external_remove, name="external_remove"
    ),
    path("mentors/invitations/<str:token>/", directory_views.invitation, name="invitation"),
    path("mentors/<int:pk>/bookmark/", directory_views.bookmark, name="bookmark"),
    path("mentors/<int:pk>/hide/", directory_views.hide, name="hide"),
    path("mentors/<int:pk>/waitlist/", directory_views.waitlist, name="waitlist"),
    path("mentors/<int:pk>/write/", views.write, name="write"),
    path("mentors/<int:pk>/write/coach/", views.write_coach, name="write_coach"),
    path("requests/", views.request_list, name="requests"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("requests/<int:pk>/accept/", views.request_accept, name="accept"),
    path("requests/<int:pk>/decline/", views.request_decline, name="decline"),
    path("requests/<int:pk>/redirect/", views.request_redirect, name="redirect"),
    path("requests/<int:pk>/withdraw/", views.request_withdraw, name="withdraw"),
    path("requests/<int:pk>/report/", views.request_report, name="report"),
    path("requests/<int:pk>/times/", views.request_propose_times, name="propose_times"),
    path("requests/<int:pk>/book/", views.request_book, name="book"),
]
