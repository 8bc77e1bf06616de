import pytest

from lodestar.people import demo
from lodestar.programs import demo as program_demo
from lodestar.programs.models import Program

pytestmark = pytest.mark.django_db


def test_the_demo_program_is_run_by_the_demo_admin_and_loads_once(client):
    demo.run(people=80)
    program = program_demo.tell()
    assert program is not None and program_demo.tell() is None
    assert [a.user.email for a in program.admins.all()] == ["programs@lodestar.example"]
    assert program.matches.filter(state="published").exists()
    assert program.participants.filter(status="applied").count() == 6
    client.force_login(program.admins.get().user)
    page = client.get(f"/programs/{program.pk}/dashboard/")
    assert page.status_code == 200 and Program.objects.count() == 1
