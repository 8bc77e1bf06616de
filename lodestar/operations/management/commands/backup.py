from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lodestar.audit.models import Action
from lodestar.audit.services import audit_record
from lodestar.operations.backup import backup_create


class Command(BaseCommand):
    help = (
        "Write everything (every row of every app, and the uploaded photos) to one compressed "
        "file. Restore it with `lodestar restore PATH`."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "path", type=Path, help="where to write, e.g. lodestar-2025-06-01.tar.gz"
        )

    def handle(self, *args, path: Path, **options) -> None:
        if path.is_dir():
            raise CommandError(f"{path} is a directory; give a file name.")
        # Recorded first, so the backup holds its own entry in the audit log.
        audit_record(action=Action.BACKUP, summary=f"Backup written to {path.name}")
        manifest = backup_create(path)
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"{path}: {rows} rows in {len(manifest['counts'])} models, "
            f"{manifest['media_files']} media files, Lodestar {manifest['app_version']}"
        )
