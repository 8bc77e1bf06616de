"""Loaded by pytest before Django starts (see addopts in pyproject.toml): the suite runs with
development settings unless the caller says otherwise."""

import os

os.environ.setdefault("DEBUG", "1")
