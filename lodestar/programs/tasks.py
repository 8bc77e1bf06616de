"""Background tasks: thin wrappers that take ids and call the program services."""

from __future__ import annotations

from django_tasks import task

from . import matchrun


@task()
def program_match(run_id: int) -> str:
    return matchrun.run_execute(run_id=run_id).state
