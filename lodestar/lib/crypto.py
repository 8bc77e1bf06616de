"""Field-level encryption at rest: notes, messages and reflections are stored as Fernet tokens.

Keys come from FIELD_ENCRYPTION_KEYS (comma-separated Fernet keys). The first key encrypts; every
key decrypts, so rotating is: put a new key first, keep the old ones after it, run
`lodestar rotate-encryption-key` (it re-encrypts every encrypted column with the first key), then
drop the old keys. A value that no configured key opens is an error, never silently shown as
ciphertext or as empty.

An encrypted column cannot be searched or filtered on: each write uses a fresh random IV, so the
same text never gives the same ciphertext. Only `isnull` is allowed as a lookup.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import models


class DecryptionError(ImproperlyConfigured):
    """A stored value that none of FIELD_ENCRYPTION_KEYS can open."""


def generate_key() -> str:
    return Fernet.generate_key().decode()


@functools.cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty: set at least one key.")
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS must hold Fernet keys (32 url-safe base64-encoded bytes); "
            "make one with `lodestar rotate-encryption-key --generate-key`."
        ) from exc


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(plaintext: str) -> str:
    return fernet().encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise DecryptionError(
            "An encrypted value could not be decrypted with any key in FIELD_ENCRYPTION_KEYS. "
            "Was a key removed before `lodestar rotate-encryption-key` had run?"
        ) from None


def rotate(token: str) -> str:
    """The same plaintext, encrypted again with the first key."""
    try:
        return fernet().rotate(token.encode()).decode()
    except InvalidToken:
        raise DecryptionError("A value could not be decrypted for rotation.") from None


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token; the model sees plaintext. `max_length` limits the plaintext
    (in forms and validation): the column is unbounded text because ciphertext is longer."""

    description = "Text encrypted at rest"

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return None if value is None else encrypt(value)

    def from_db_value(self, value, expression, connection):
        return None if value is None else decrypt(value)

    def get_lookup(self, lookup_name):
        if lookup_name != "isnull":
            raise FieldError(
                f"{self.model.__name__}.{self.name} is encrypted and cannot be filtered "
                f"with '{lookup_name}'."
            )
        return super().get_lookup(lookup_name)

    def get_transform(self, lookup_name):
        raise FieldError(f"{self.model.__name__}.{self.name} is encrypted: no '{lookup_name}'.")


def encrypted_fields(model: type[models.Model]) -> list[EncryptedTextField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]


def encrypted_models() -> Iterator[tuple[type[models.Model], list[EncryptedTextField]]]:
    from django.apps import apps

    for model in apps.get_models():
        fields = encrypted_fields(model)
        if fields:
            yield model, fields


# Migrations: turn existing plaintext into ciphertext (and back when unapplied). They work on the
# raw column values through SQL because the historical model already decrypts on read.


def _rewrite_columns(
    model_label: str, field_names: Iterable[str], transform: Callable[[str], str]
) -> Callable:
    field_names = list(field_names)

    def run(apps, schema_editor) -> None:
        model = apps.get_model(model_label)
        quote = schema_editor.quote_name
        table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
        columns = [quote(model._meta.get_field(name).column) for name in field_names]
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(f"SELECT {pk}, {', '.join(columns)} FROM {table}")  # noqa: S608
            rows = cursor.fetchall()
            assignments = ", ".join(f"{column} = %s" for column in columns)
            cursor.executemany(
                f"UPDATE {table} SET {assignments} WHERE {pk} = %s",  # noqa: S608
                [
                    [None if value is None else transform(value) for value in values] + [key]
                    for key, *values in rows
                ],
            )

    return run


def encrypt_columns_operation(model_label: str, *field_names: str):
    """A RunPython that encrypts existing rows of `model_label` (reversible)."""
    from django.db import migrations

    return migrations.RunPython(
        _rewrite_columns(model_label, field_names, encrypt),
        _rewrite_columns(model_label, field_names, decrypt),
    )
