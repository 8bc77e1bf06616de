"""Nobody sits in two meetings at once, enforced by the database itself.

PostgreSQL: an exclusion constraint (btree_gist) over (person, [starts_at, ends_at)) for active
seats, so concurrent bookings of one slot cannot both commit.
SQLite: triggers refusing an overlapping active seat; SQLite has one writer at a time, so a
check made inside the writing transaction cannot race. SQLite drops a table's triggers when a
later migration rebuilds the table: test_booking checks that they are still in place.
Both raise an IntegrityError naming "meeting_seat_no_overlap", which booking.py turns into a
message naming who is busy.
"""

from django.db import migrations

NAME = "meeting_seat_no_overlap"

POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    f"""ALTER TABLE meetings_meetingseat ADD CONSTRAINT {NAME}
        EXCLUDE USING gist (person_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
        WHERE (active)""",
]
POSTGRES_UNDO = [f"ALTER TABLE meetings_meetingseat DROP CONSTRAINT IF EXISTS {NAME}"]

_OVERLAP = """EXISTS (SELECT 1 FROM meetings_meetingseat s
    WHERE s.person_id = NEW.person_id AND s.active AND s.id IS NOT NEW.id
      AND s.starts_at < NEW.ends_at AND NEW.starts_at < s.ends_at)"""
SQLITE = [
    f"""CREATE TRIGGER {NAME}_insert BEFORE INSERT ON meetings_meetingseat
        WHEN NEW.active AND {_OVERLAP}
        BEGIN SELECT RAISE(ABORT, '{NAME}'); END""",
    f"""CREATE TRIGGER {NAME}_update BEFORE UPDATE OF person_id, starts_at, ends_at, active
        ON meetings_meetingseat
        WHEN NEW.active AND {_OVERLAP}
        BEGIN SELECT RAISE(ABORT, '{NAME}'); END""",
]
SQLITE_UNDO = [f"DROP TRIGGER IF EXISTS {NAME}_insert", f"DROP TRIGGER IF EXISTS {NAME}_update"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRES_UNDO, "sqlite": SQLITE_UNDO}),
        ),
    ]
