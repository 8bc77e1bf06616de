"""Staff actions in the admin become audit events.

Every ModelAdmin records its additions, changes and deletions as LogEntry rows; one saved
LogEntry becomes one AuditEvent. Deleting several objects at once writes its LogEntry rows with
bulk_create, which sends no signal, so the site-wide "delete selected" action records those.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin import actions
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.db.models.signals import post_save

from .models import Action

ACTIONS = {ADDITION: Action.ADMIN_ADD, CHANGE: Action.ADMIN_CHANGE, DELETION: Action.ADMIN_DELETE}


def log_entry_saved(sender, instance: LogEntry, created: bool, raw: bool = False, **kwargs) -> None:
    if not created or raw:  # raw: loaded from a backup, not an action
        return
    from .services import audit_record

    content_type = instance.content_type
    message = instance.get_change_message()
    audit_record(
        action=ACTIONS.get(instance.action_flag, Action.ADMIN_CHANGE),
        actor=instance.user,
        object_type=f"{content_type.app_label}.{content_type.model}" if content_type else "",
        object_id=instance.object_id or "",
        summary=f"{instance.object_repr}: {message}" if message else instance.object_repr,
    )


def delete_selected(modeladmin, request, queryset):
    from .services import audit_record

    confirmed = bool(request.POST.get("post"))
    doomed = [(obj.pk, str(obj)) for obj in queryset] if confirmed else []
    response = actions.delete_selected(modeladmin, request, queryset)
    if response is None and len(doomed) > 1:  # one object: its LogEntry was saved and recorded
        for pk, label in doomed:
            audit_record(
                action=Action.ADMIN_DELETE,
                actor=request.user,
                object_type=queryset.model._meta.label_lower,
                object_id=pk,
                summary=label[:200],
                request=request,
            )
    return response


delete_selected.allowed_permissions = actions.delete_selected.allowed_permissions
delete_selected.short_description = actions.delete_selected.short_description


def connect() -> None:
    post_save.connect(log_entry_saved, sender=LogEntry, dispatch_uid="audit-log-entry")
    admin.site.add_action(delete_selected, "delete_selected")
