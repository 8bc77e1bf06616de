"""The corpus's building blocks: mentors with their public work, the rules, one example."""

from __future__ import annotations

import textwrap
from typing import NamedTuple


class Mentor(NamedTuple):
    name: str
    work: tuple[str, ...]


MENTORS = {
    "priya": Mentor("Priya Raman", ("Scaling support teams without burning out",
                                    "The quiet cost of on-call")),
    "tomas": Mentor("Tomás Ferreira", ("An open budget toolkit for city councils",
                                       "Reading a municipal budget in an afternoon")),
    "amara": Mentor("Amara Obi", ("Night-shift handovers that keep patients safe",
                                  "Building a nurse preceptor programme")),
    "lena": Mentor("Lena Hoffmann", ("Designing forms people actually finish",
                                     "Accessible colour palettes for data dashboards")),
    "kenji": Mentor("Kenji Watanabe", ("From electrician to site manager in five years",)),
    "sofia": Mentor("Sofia Lindqvist", ("What pricing our first SaaS product taught me",
                                        "Churn interviews that tell you something")),
    "daniel": Mentor("Daniel Mwangi", ("Teaching fractions with cooking",
                                       "A classroom without homework: one year in")),
    "mei": Mentor("Mei Chen", ("Reproducible pipelines for single-cell data",
                               "Surviving your first grant rejection")),
    # Mentors of the fresh split.
    "ines": Mentor("Ines Carvalho", ("Hiring your first data scientist",
                                     "A field guide to A/B tests")),
    "olu": Mentor("Olu Adeyemi", ("Shipping mobile apps for low-bandwidth markets",)),
    "hannah": Mentor("Hannah Berg", ("The accidental manager: notes from year one",
                                     "Running retros people look forward to")),
    "rafael": Mentor("Rafael Ortiz", ("Restoring timber-frame barns",)),
    "yuki": Mentor("Yuki Tanaka", ("Clinical trials for rare diseases: a patient-first design",)),
}

RULES = (
    "open_ended_ask", "weak_subject", "no_work_reference", "no_purpose", "no_time_bound_ask",
    "long_ask", "too_long", "no_courtesy", "shouting", "duplicate",
)


class Example(NamedTuple):
    subject: str
    body: str
    mentor: str
    labels: frozenset[str]
    previous: tuple[str, ...] = ()
    split: str = "dev"
    note: str = ""


def _t(text: str) -> str:
    return textwrap.dedent(text).strip()


def E(subject: str, body: str, mentor: str, *labels: str, previous=(), split="dev", note=""):
    unknown = set(labels) - set(RULES)
    assert not unknown, unknown
    return Example(subject, _t(body), mentor, frozenset(labels),
                   tuple(_t(p) for p in previous), split, note)
