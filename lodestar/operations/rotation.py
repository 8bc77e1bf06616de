"""Re-encrypting every encrypted column with the first key of FIELD_ENCRYPTION_KEYS."""

from __future__ import annotations

from django.db import transaction

from lodestar.lib import crypto

BATCH = 500


def encryption_key_rotate(*, batch_size: int = BATCH) -> dict[str, int]:
    """Rows rewritten per model. Each batch is locked while it is rewritten, so an edit made
    during the rotation is never overwritten with an older text."""
    done: dict[str, int] = {}
    for model, fields in crypto.encrypted_models():
        names = [f.name for f in fields]
        ids = list(model._base_manager.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), batch_size):
            with transaction.atomic():
                rows = list(
                    model._base_manager.select_for_update()
                    .filter(pk__in=ids[start : start + batch_size])
                    .only("pk", *names)
                )
                # Read with whichever key opens each value; written with the first key.
                model._base_manager.bulk_update(rows, names)
        done[model._meta.label] = len(ids)
    return done
