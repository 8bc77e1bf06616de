"""The dashboard's charts as SVG drawn on the server with pygal, no JavaScript.

Each chart is returned as a ``data:`` URI for an <img>: the page's Content-Security-Policy
allows no inline style, and an SVG inside an image keeps its own styles to itself.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

import pygal
from django.utils.translation import gettext as _
from pygal.style import Style

from .analytics import MIN_GROUP, Analytics

STYLE = Style(
    background="white", plot_background="white", foreground="#333", foreground_strong="#111",
    foreground_subtle="#888", colors=("#3b6fb6", "#e0913a", "#4c9a6a", "#c44e52", "#8172b2"),
    font_family="system-ui, sans-serif", title_font_size=18, label_font_size=13,
    major_label_font_size=13, legend_font_size=13, value_font_size=12,
)
OPTIONS = {"style": STYLE, "disable_xml_declaration": True, "js": [], "width": 640, "height": 320,
               "print_values": True, "show_y_guides": True, "legend_at_bottom": True}


@dataclass
class Chart:
    title: str
    uri: str | None  # None: not enough people to show it
    summary: str  # the same figures in words, for screen readers and the alt text


def _uri(chart) -> str:
    svg = chart.render(is_unicode=True)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _empty(title: str) -> Chart:
    return Chart(title, None, _("Shown once at least %(n)d people are in it.") % {"n": MIN_GROUP})


def dashboard_charts(data: Analytics) -> list[Chart]:
    charts = []
    labels = {"applied": _("Applied"), "approved": _("Approved"), "matched": _("Matched"),
              "waitlisted": _("Waitlisted")}
    bar = pygal.Bar(title=_("Enrollment"), show_legend=False, **OPTIONS)
    bar.x_labels = [labels[k] for k, _n in data.funnel]
    bar.add(_("People"), [n for _k, n in data.funnel])
    charts.append(Chart(_("Enrollment"), _uri(bar), ", ".join(f"{labels[k]}: {n}" for k, n in data.funnel)))

    if data.match_rate is None:
        charts.append(_empty(_("Match rate")))
    else:
        gauge = pygal.SolidGauge(title=_("Match rate"), half_pie=True, inner_radius=0.7,
                                 show_legend=False, **{**OPTIONS, "print_values": True})
        gauge.value_formatter = lambda v: f"{v:.0f}%"
        gauge.add(_("Matched"), [{"value": data.match_rate, "max_value": 100}])
        charts.append(Chart(_("Match rate"), _uri(gauge), f"{data.match_rate:.0f}%"))

    known = [d for d in data.days_to_first_meeting if d is not None]
    if len(data.days_to_first_meeting) < MIN_GROUP:
        charts.append(_empty(_("Time to first meeting")))
    else:
        buckets = [(_("within a week"), 0, 7), (_("1-2 weeks"), 8, 14), (_("2-4 weeks"), 15, 28),
                   (_("later"), 29, 10**6)]
        bar = pygal.Bar(title=_("Time to first meeting"), show_legend=False, **OPTIONS)
        bar.x_labels = [b[0] for b in buckets] + [_("not yet")]
        counts = [sum(lo <= d <= hi for d in known) for _l, lo, hi in buckets]
        counts.append(len(data.days_to_first_meeting) - len(known))
        bar.add(_("Pairs"), counts)
        charts.append(Chart(_("Time to first meeting"), _uri(bar),
                            ", ".join(f"{x}: {n}" for x, n in zip(bar.x_labels, counts, strict=True))))

    bar = pygal.Bar(title=_("Meetings booked and marked as held"), **OPTIONS)
    bar.x_labels = [_("Meetings")]
    bar.add(_("Booked"), [data.meetings_booked])
    bar.add(_("Marked as held"), [data.meetings_held])
    charts.append(Chart(_("Meetings"), _uri(bar),
                        _("%(b)d booked, %(h)d held") % {"b": data.meetings_booked, "h": data.meetings_held}))

    charts += _cadence_charts(data)

    surveys = [s for s in data.surveys if s["satisfaction"] is not None]
    if not surveys:
        charts.append(_empty(_("Check-ins")))
    else:
        line = pygal.Line(title=_("Check-ins: satisfaction and goal progress"), secondary_range=(0, 100),
                          range=(1, 5), **OPTIONS)
        line.x_labels = [s["label"] for s in surveys]
        line.add(_("Satisfaction (1-5)"), [s["satisfaction"] for s in surveys])
        line.add(_("Goal progress (%)"), [s["goal_progress"] for s in surveys], secondary=True)
        line.add(_("Meeting (%)"), [s["meeting_rate"] for s in surveys], secondary=True)
        charts.append(Chart(_("Check-ins"), _uri(line), "; ".join(
            f"{s['label']}: {s['satisfaction']}/5, {s['goal_progress']}%" for s in surveys)))

    if sum(data.health.values()) < MIN_GROUP:
        charts.append(_empty(_("Health")))
    else:
        pie = pygal.Pie(title=_("Health of the pairs now"), inner_radius=0.45, **OPTIONS)
        for name, n in sorted(data.health.items()):
            pie.add(name.replace("_", " "), n)
        summary = ", ".join(f"{k}: {v}" for k, v in sorted(data.health.items()))
        if data.silence_rate is not None:
            summary += "; " + _("silent: %(r)s%%") % {"r": data.silence_rate}
        charts.append(Chart(_("Health"), _uri(pie), summary))
    if data.health_over_time:
        stacked = pygal.StackedBar(title=_("Health over time"), **OPTIONS)
        stacked.x_labels = [w for w, _c in data.health_over_time]
        for name in ("healthy", "cooling", "at_risk", "silent"):
            stacked.add(name.replace("_", " "), [c.get(name, 0) for _w, c in data.health_over_time])
        charts.append(Chart(_("Health over time"), _uri(stacked), ", ".join(stacked.x_labels)))

    shown = [g for g in data.by_department if g.satisfaction is not None]
    if shown:
        hbar = pygal.HorizontalBar(title=_("Satisfaction by department"), range=(0, 5), **OPTIONS)
        for g in shown:
            hbar.add(g.label, g.satisfaction)
        charts.append(Chart(_("By department"), _uri(hbar),
                            ", ".join(f"{g.label}: {g.satisfaction}" for g in shown)))
    if data.overall.nps is not None:
        gauge = pygal.Gauge(title=_("Net promoter score"), range=(-100, 100), show_legend=False,
                            **OPTIONS)
        gauge.add("NPS", data.overall.nps)
        charts.append(Chart(_("NPS"), _uri(gauge), str(data.overall.nps)))
    return charts


def _whole_numbers(top: int) -> list[int]:
    """Labels for an axis of counts: whole numbers only, about five of them."""
    step = max(1, -(-top // 5))
    return list(range(0, top + step, step))


def _cadence_charts(data: Analytics) -> list[Chart]:
    """Meetings held against what the pairs agreed, by cohort, and pair by pair."""
    title = _("Meetings held against agreed")
    groups = [g for g in data.by_cohort if g.meetings_agreed]
    by_month = bool(groups)
    if not groups and data.overall.meetings_agreed:
        groups = [data.overall]
    if not groups:
        return [_empty(title)]
    bar = pygal.Bar(title=title, x_title=_("Month the pairs started") if by_month else None,
                    y_labels=_whole_numbers(max(g.meetings_agreed for g in groups)), **OPTIONS)
    bar.x_labels = [_("All pairs") if g is data.overall else g.label for g in groups]
    bar.add(_("Agreed so far"), [g.meetings_agreed for g in groups])
    bar.add(_("Held (up to what was agreed)"), [g.meetings_kept for g in groups])
    out = [Chart(title, _uri(bar), "; ".join(
        _("%(label)s: %(h)d of %(a)d held (%(r)s%%)") % {
            "label": label, "h": g.meetings_kept, "a": g.meetings_agreed, "r": g.cadence_kept}
        for label, g in zip(bar.x_labels, groups, strict=True)))]

    title = _("Pairs by meetings kept")
    pairs = [p for p in data.cadence if p.agreed]
    if len(pairs) < MIN_GROUP:
        out.append(_empty(title))
        return out
    buckets = (
        (_("None held"), lambda p: p.kept == 0),
        (_("Under half"), lambda p: 0 < 2 * p.kept < p.agreed),
        (_("Half or more"), lambda p: p.agreed <= 2 * p.kept and p.kept < p.agreed),
        (_("All held"), lambda p: p.kept == p.agreed),
    )
    counts = [sum(1 for p in pairs if test(p)) for _label, test in buckets]
    bar = pygal.Bar(title=title, x_title=_("Share of agreed meetings held"), show_legend=False,
                    y_labels=_whole_numbers(max(counts)), **OPTIONS)
    bar.x_labels = [label for label, _test in buckets]
    bar.add(_("Pairs"), counts)
    out.append(Chart(title, _uri(bar), ", ".join(
        f"{x}: {n}" for x, n in zip(bar.x_labels, counts, strict=True))))
    return out
