"""Schemathesis against our own OpenAPI schema: zero server errors, zero schema violations.

Every operation gets generated requests, valid and invalid, sent as the owner with a read-and-
write token through the WSGI application. Operations with ids in their path get them twice:
generated, and the owner's real objects from the test world, so the success paths are fuzzed
too. Each request runs in a savepoint that is rolled back, so every example meets the same world.
Failures are collected rather than shrunk, to keep the run short; each is reported with a curl
command that reproduces it.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from lodestar.tokens.services import token_create
from lodestar.wsgi import application

from .matrix import sources
from .test_matrix import build, rows

pytestmark = pytest.mark.django_db

POSITIVE, NEGATIVE = GenerationMode.POSITIVE, GenerationMode.NEGATIVE
# Examples per operation: generated valid and invalid requests, and valid ones on real objects.
# Small enough for every test run; API_FUZZ_SCALE=10 makes a deeper run of the same test.
SCALE = float(os.getenv("API_FUZZ_SCALE", "1"))
BASE = {"positive": 4, "negative": 3, "real ids": 3}
EXAMPLES = {kind: max(1, round(n * SCALE)) for kind, n in BASE.items()}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


@pytest.fixture
def same_connection():
    """Django's handler closes the database connection after each request; the test client
    stops it doing so, and so must we, or the test's transaction would be lost."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def no_rate_limit(settings):
    settings.API_RATE_LIMITS = {"user": None}  # hundreds of requests a minute, on purpose


def _real_ids(operation, world) -> dict:
    names = [p.name for p in operation.path_parameters]
    return {name: world.ids[sources()[name]] for name in names}


def test_the_api_survives_schemathesis(no_rate_limit, same_connection):
    world = build()  # with every app's objects (matrix_<app>.extend)
    _token, secret = token_create(user=world.user("owner"), name="fuzz", scope="write")
    headers = {"Authorization": f"Bearer {secret}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    failures: list[str] = []
    stats = {"operations": 0, "examples": 0}

    def fuzz(operation, kind, mode, path_parameters=None):
        @given(case=operation.as_strategy(generation_mode=mode, path_parameters=path_parameters))
        @settings(
            max_examples=EXAMPLES[kind],
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            stats["examples"] += 1
            with transaction.atomic():
                response = case.call(headers=headers)
                transaction.set_rollback(True)
            try:
                case.validate_response(response, checks=CHECKS, headers=headers)
            except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001: reported below
                failures.append(f"{operation.label} [{kind}]: {str(exc)[:1500]}")

        run()

    for result in schema.get_all_operations():
        operation = result.ok()
        stats["operations"] += 1
        fuzz(operation, "positive", POSITIVE)
        fuzz(operation, "negative", NEGATIVE)
        if operation.path_parameters:
            fuzz(operation, "real ids", POSITIVE, _real_ids(operation, world))

    print(f"\nschemathesis: {stats['operations']} operations, {stats['examples']} examples, "
          f"{len(failures)} failures")
    assert stats["operations"] == len(rows()) and stats["examples"] > 68
    assert not failures, "\n\n".join(failures[:20])
