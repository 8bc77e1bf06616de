"""Loaded by pytest before Django starts (see addopts in pyproject.toml): the suite runs with
development settings unless the caller says otherwise."""

import os

os.environ.setdefault("DEBUG", "1")
# Tasks run inline in tests; the worker test starts a real worker on the database backend.
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
