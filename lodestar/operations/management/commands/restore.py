from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lodestar.audit.models import Action
from lodestar.audit.services import audit_record
from lodestar.operations.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Load a backup made by `lodestar backup` into this (migrated, empty) database and put "
        "its photos back under MEDIA_ROOT. All or nothing: on any error nothing is changed."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace everything in a database that already has data",
        )

    def handle(self, *args, path: Path, force: bool, **options) -> None:
        if not path.is_file():
            raise CommandError(f"No backup at {path}.")
        try:
            result = backup_restore(path, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(result["restored_counts"].values())
        audit_record(
            action=Action.RESTORE,
            summary=f"Restored {path.name} (made {result['created_at']}, {rows} rows)",
        )
        self.stdout.write(
            f"Restored {rows} rows and {result['media_files']} media files from {path} "
            f"(Lodestar {result['app_version']}, {result['created_at']})."
        )
