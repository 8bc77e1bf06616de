"""Backup and restore of everything: every row of every app, and the uploaded photos.

A backup is one gzip-compressed tar file:

    manifest.json   format, app version, created_at, applied migrations, row counts per model,
                    media file count, and a key check (see below)
    data.jsonl      one object per line in Django's serialization format, models in dependency
                    order (`dumpdata`'s order); encrypted columns stay ciphertext
    media/...       MEDIA_ROOT as it was

Content types and permissions are rebuilt by `migrate` and referenced by natural key; sessions
are left out (everyone signs in again). Restoring needs the same FIELD_ENCRYPTION_KEYS (or a
list that contains the key the backup was written with): the key check fails early otherwise.
Restore loads everything in one transaction (the database is emptied first, inside it), checks
the counts against the manifest and only then commits, and then writes the media files.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import tarfile
import tempfile
from collections.abc import Iterator
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path, PurePosixPath
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.python import Deserializer
from django.core.serializers.python import Serializer as PythonSerializer
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from lodestar.lib import crypto

FORMAT = 1
LEFT_OUT = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
NATURAL = (ContentType, Permission)
KEY_CHECK = "lodestar-backup-key-check"
BATCH = 500  # rows per INSERT on restore


class BackupError(Exception):
    pass


class _ExactEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder cuts times to milliseconds (as JavaScript does); a backup keeps all."""

    def default(self, o):
        if isinstance(o, (dt.datetime, dt.time)):
            return o.isoformat()
        return super().default(o)


class _LineSerializer(PythonSerializer):
    """Django's serializer writing one JSON object per line as it goes, so memory stays flat.
    Encrypted fields are written encrypted; only content types and permissions use natural keys
    (their ids differ between databases; every other id is kept)."""

    def end_object(self, obj) -> None:
        self.stream.write(json.dumps(self.get_dump_object(obj), cls=_ExactEncoder) + "\n")
        self._current = None

    def handle_field(self, obj, field) -> None:
        if isinstance(field, crypto.EncryptedTextField):
            value = field.value_from_object(obj)
            self._current[field.name] = None if value is None else crypto.encrypt(value)
        else:
            super().handle_field(obj, field)

    def handle_fk_field(self, obj, field) -> None:
        self.use_natural_foreign_keys = issubclass(field.remote_field.model, NATURAL)
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field) -> None:
        self.use_natural_foreign_keys = issubclass(field.remote_field.model, NATURAL)
        super().handle_m2m_field(obj, field)


def backed_up_models() -> list[type[models.Model]]:
    app_list = [(config, None) for config in apps.get_app_configs() if config.models_module]
    return [
        model
        for model in serializers.sort_dependencies(app_list, allow_cycles=True)
        if model._meta.label_lower not in LEFT_OUT and model._meta.managed and not model._meta.proxy
    ]


def app_version() -> str:
    try:
        return version("lodestar")
    except PackageNotFoundError:
        return "unknown"


def _applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def backup_create(path: Path) -> dict[str, Any]:
    """Write a backup to `path` (via a temporary file, so a failed backup leaves nothing)."""
    path = Path(path)
    counts: dict[str, int] = {}
    media = _media_files()
    with tempfile.TemporaryDirectory() as tmp:
        data_path = Path(tmp) / "data.jsonl"
        outermost = not connection.in_atomic_block
        with transaction.atomic(), data_path.open("w", encoding="utf-8") as data:
            # One transaction, one snapshot: on PostgreSQL every table is read as of the same
            # moment, however long the backup takes (SQLite's transaction does that already).
            if connection.vendor == "postgresql" and outermost:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            serializer = _LineSerializer()
            for model in backed_up_models():
                queryset = model._base_manager.order_by(model._meta.pk.name)
                counts[model._meta.label_lower] = queryset.count()
                serializer.serialize(queryset.iterator(chunk_size=2000), stream=data)
            migrations = _applied_migrations()
        manifest = {
            "format": FORMAT,
            "app": "lodestar",
            "app_version": app_version(),
            "created_at": timezone.now().isoformat(),
            "database": connection.vendor,
            "migrations": migrations,
            "counts": counts,
            "media_files": len(media),
            "key_check": crypto.encrypt(KEY_CHECK),
        }
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            _add_bytes(tar, "manifest.json", json.dumps(manifest, indent=2).encode())
            tar.add(data_path, arcname="data.jsonl")
            root = Path(settings.MEDIA_ROOT)
            for file in media:
                tar.add(file, arcname=str(PurePosixPath("media", *file.relative_to(root).parts)))
        partial.replace(path)
    return manifest


def _add_bytes(tar: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime = len(content), int(timezone.now().timestamp())
    tar.addfile(info, io.BytesIO(content))


def read_manifest(path: Path) -> dict[str, Any]:
    with tarfile.open(path, "r:gz") as tar:
        member = tar.extractfile("manifest.json")
        if member is None:
            raise BackupError("Not a Lodestar backup: no manifest.json inside.")
        return json.load(member)


def _check_manifest(manifest: dict[str, Any]) -> None:
    if manifest.get("app") != "lodestar" or manifest.get("format") != FORMAT:
        raise BackupError("Not a Lodestar backup of a format this version can read.")
    try:
        crypto.decrypt(manifest["key_check"])
    except crypto.DecryptionError:
        raise BackupError(
            "This backup was encrypted with a key that is not in FIELD_ENCRYPTION_KEYS. "
            "Restore with the keys the site used when the backup was made."
        ) from None
    applied = _applied_migrations()
    missing = [
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if name not in applied.get(app, [])
    ]
    if missing:
        raise BackupError(
            "The backup's schema is newer than this database's. Run `lodestar migrate` with the "
            f"Lodestar version that made it ({manifest['app_version']}); missing: "
            + ", ".join(missing[:5])
        )


def database_is_empty() -> bool:
    return not apps.get_model(settings.AUTH_USER_MODEL)._base_manager.exists()


def _objects(tar: tarfile.TarFile) -> Iterator[dict[str, Any]]:
    member = tar.extractfile("data.jsonl")
    for line in io.TextIOWrapper(member, encoding="utf-8"):
        if line.strip():
            yield json.loads(line)


def _empty_tables() -> None:
    keep = {ContentType._meta.db_table, Permission._meta.db_table}
    tables = [
        t for t in connection.introspection.django_table_names(only_existing=True) if t not in keep
    ]
    statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=False)
    with connection.cursor() as cursor:
        if (
            connection.vendor == "postgresql"
        ):  # TRUNCATE refuses tables with deferred checks pending
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for sql in statements:
            cursor.execute(sql)
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def backup_restore(path: Path, *, force: bool = False) -> dict[str, Any]:
    manifest = read_manifest(path)
    _check_manifest(manifest)
    if not force and not database_is_empty():
        raise BackupError(
            "This database already has accounts in it. Restore into an empty, migrated database, "
            "or pass --force to replace everything in this one."
        )
    restored = list(backed_up_models())
    with tarfile.open(path, "r:gz") as tar:
        counts = _load(tar, restored, manifest)
        _extract_media(tar)  # once the rows are committed
    return {**manifest, "restored_counts": counts}


@transaction.atomic
def _load(tar: tarfile.TarFile, restored: list, manifest: dict[str, Any]) -> dict[str, int]:
    _empty_tables()
    batch: list = []
    deferred = []
    for item in Deserializer(_objects(tar), handle_forward_references=True):
        for field in crypto.encrypted_fields(type(item.object)):
            token = getattr(item.object, field.attname)
            if token is not None:
                setattr(item.object, field.attname, crypto.decrypt(token))
        if batch and (type(batch[0].object) is not type(item.object) or len(batch) >= BATCH):
            _insert(batch)
        batch.append(item)
        if item.deferred_fields:
            deferred.append(item)
    _insert(batch)
    for item in deferred:
        item.save_deferred_fields()
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), restored):
            cursor.execute(sql)
    connection.check_constraints()
    counts = {m._meta.label_lower: m._base_manager.count() for m in restored}
    wrong = {
        label: (counts.get(label), n)
        for label, n in manifest["counts"].items()
        if counts.get(label) != n
    }
    if wrong:
        raise BackupError(f"Row counts differ from the manifest after loading: {wrong}")
    return counts


def _insert(batch: list) -> None:
    """Rows of one model as they were: one multi-row INSERT per batch, raw like `loaddata` (no
    auto_now stamping, no signals), then their many-to-many links."""
    if not batch:
        return
    model = type(batch[0].object)
    if model._meta.parents:  # multi-table inheritance: let the model write each of its tables
        for item in batch:
            item.save(force_insert=True)
    else:
        objects = [item.object for item in batch]
        fields = model._meta.local_concrete_fields
        size = max(1, connection.ops.bulk_batch_size(fields, objects))  # SQLite's parameter cap
        for start in range(0, len(objects), size):
            model._base_manager._insert(
                objects[start : start + size], fields=fields, raw=True, using=connection.alias
            )
        for item in batch:
            item.object._state.adding, item.object._state.db = False, connection.alias
        for name in {name for item in batch for name in item.m2m_data or {}}:
            field = model._meta.get_field(name)
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            through._base_manager.bulk_create(
                through(**{f"{source}_id": item.object.pk, f"{target}_id": pk})
                for item in batch
                for pk in (item.m2m_data or {}).get(name, ())
            )
    batch.clear()


def _extract_media(tar: tarfile.TarFile) -> None:
    """Regular files under media/ only, and only inside MEDIA_ROOT (no absolute paths, no ..)."""
    root = Path(settings.MEDIA_ROOT).resolve()
    for member in tar.getmembers():
        parts = PurePosixPath(member.name).parts
        if not member.isfile() or len(parts) < 2 or parts[0] != "media":
            continue
        target = root.joinpath(*parts[1:]).resolve()
        if ".." in parts or not target.is_relative_to(root):
            raise BackupError(f"Refusing a media path outside MEDIA_ROOT: {member.name}")
        target.parent.mkdir(parents=True, exist_ok=True)
        with tar.extractfile(member) as source, target.open("wb") as out:
            out.write(source.read())
