from __future__ import annotations

from django.core.management.base import BaseCommand

from lodestar.audit.models import Action
from lodestar.audit.services import audit_record
from lodestar.lib import crypto
from lodestar.operations.rotation import encryption_key_rotate


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted column with the first key of FIELD_ENCRYPTION_KEYS. "
        "Afterwards the other keys can be removed."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--generate-key", action="store_true", help="Print a new key and do nothing else."
        )
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, generate_key: bool, batch_size: int, **options) -> None:
        if generate_key:
            self.stdout.write(crypto.generate_key())
            return
        counts = encryption_key_rotate(batch_size=batch_size)
        for label, n in counts.items():
            self.stdout.write(f"{label}: {n} rows re-encrypted")
        total = sum(counts.values())
        audit_record(
            action=Action.KEY_ROTATION,
            summary=f"{total} rows in {len(counts)} models re-encrypted with the first key",
        )
        self.stdout.write(self.style.SUCCESS(f"Done: {total} rows now use the first key."))
