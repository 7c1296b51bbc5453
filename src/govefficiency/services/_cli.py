"""``govefficiency services check|status|complaints|survey``.

Exit statuses: 0 fine; 1 error findings; 2 bad input; 3 undetermined (e.g. a limit that
runs past the calendar's coverage) when there is no error finding.
"""

from __future__ import annotations

import argparse
from typing import Any

from govefficiency._cli_coverage import calendar_from_args
from govefficiency._cli_util import (
    add_action,
    add_at,
    add_command_group,
    findings_exit,
    finish_command,
    load_kind,
    print_findings,
    print_json,
    with_line,
)
from govefficiency.deadlines import RuleRegistry, rule_presets
from govefficiency.findings import Finding, Severity, has_errors, sort_findings

_CATALOGUE_HELP = "the catalogue (.toml or .json)"


def register(sub: Any) -> None:
    actions = add_command_group(
        sub,
        "services",
        help="window services (窗口服务): catalogue, yellow/red clocks, complaints, satisfaction",
        description="Check a service catalogue, show the e-supervision lights of applications, "
        "check efficiency complaints and satisfaction surveys.",
    )

    p = add_action(
        actions,
        "check",
        help="check a service catalogue (exit 1 on error findings)",
        description="Check a catalogue file.",
        inputs={"catalogue": _CATALOGUE_HELP},
    )
    p.add_argument(
        "--rules", metavar="FILE", help="a locality's own statute rules (.toml/.json), added to the presets"
    )
    finish_command(p, _check, calendar=True)

    p = add_action(
        actions,
        "status",
        help="the yellow/red list of applications at an instant",
        description="Two-level clocks: yellow past the committed limit, red past the statutory limit.",
        inputs={"catalogue": _CATALOGUE_HELP, "applications": "the applications (.toml or .json)"},
    )
    add_at(p, "the instant (ISO 8601; no offset means Asia/Shanghai)")
    p.add_argument("--rules", metavar="FILE", help="a locality's own statute rules, added to the presets")
    p.add_argument(
        "--all",
        action="store_true",
        help="list every application, not only yellow, red and undetermined ones",
    )
    _metrics_arg(p)
    finish_command(p, _status, calendar=True)

    p = add_action(
        actions,
        "complaints",
        help="check efficiency complaints (效能投诉) at an instant",
        description="Complaint steps, findings and statistics.",
        inputs={"file": "the complaints file with the locality's [rules] (.toml or .json)"},
    )
    add_at(p, "the instant (ISO 8601)")
    p.add_argument(
        "--period",
        choices=("month", "quarter", "year"),
        default="month",
        help="statistics period (default month)",
    )
    _metrics_arg(p)
    finish_command(p, _complaints, calendar=True)

    p = add_action(
        actions,
        "survey",
        help="satisfaction rates with Wilson 95%% intervals",
        description="Check a satisfaction survey against its target.",
        inputs={"file": "the survey (.toml or .json)"},
    )
    _metrics_arg(p)
    finish_command(p, _survey)


def _metrics_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--metrics",
        action="store_true",
        help="also print the assessment inputs: metric rows (unit, indicator, period, value, source)",
    )


def _print_metrics(rows: list[Any], gaps: list[Any], lang: str) -> None:
    for row in rows:
        print(f"{row.unit}\t{row.indicator}\t{row.period}\t{row.value:.4f}\t{row.source}")
    for gap in gaps:
        print(
            f"{gap.unit}\t{gap.indicator}\t{gap.period}\t—\t{gap.reason.get('zh' if lang == 'zh' else 'en')}"
        )


def _rules(path: str | None) -> RuleRegistry:
    base = rule_presets()
    return base if path is None else base.extended(RuleRegistry.load(path))


def _report_json(
    data: dict[str, Any],
    findings: list[Finding],
    undetermined: bool,
    rows: list[Any],
    gaps: list[Any],
    metrics: bool,
) -> int:
    """A report as JSON (with its metric rows and gaps under ``--metrics``); the exit status."""
    extra = (
        {"metrics": [r.to_dict() for r in rows], "metric_gaps": [g.to_dict() for g in gaps]}
        if metrics
        else {}
    )
    print_json({**data, **extra, "errors": has_errors(findings), "undetermined": undetermined})
    return findings_exit(findings, undetermined=undetermined)


def _report_text(
    findings: list[Finding],
    shown: list[Finding],
    undetermined: bool,
    rows: list[Any],
    gaps: list[Any],
    args: argparse.Namespace,
) -> int:
    """The end of a report in text: the ``shown`` findings, the metric rows and gaps under
    ``--metrics``; the exit status (from all the ``findings``)."""
    for f in shown:
        print(f.render("zh" if args.lang == "zh" else "en"))
    if args.metrics:
        _print_metrics(rows, gaps, args.lang)
    return findings_exit(findings, undetermined=undetermined)


def _check(args: argparse.Namespace) -> int:
    from govefficiency.services import check_catalogue, load_catalogue

    rules = _rules(args.rules)
    cat = load_kind("services-catalogue", args.catalogue, lambda p: load_catalogue(p, rules=rules))
    findings = check_catalogue(cat, calendar=calendar_from_args(args))
    undetermined = any(f.code == "COMPARISON_UNDETERMINED" for f in findings)
    if args.json:
        print_json(
            {
                "findings": [f.to_dict() for f in findings],
                "errors": has_errors(findings),
                "undetermined": undetermined,
            }
        )
    else:
        print_findings(findings, args.lang)
    return findings_exit(findings, undetermined=undetermined)


def _status(args: argparse.Namespace) -> int:
    from govefficiency.services import (
        Light,
        application_metrics,
        load_applications,
        load_catalogue,
        status_board,
    )

    rules = _rules(args.rules)
    cat = load_kind("services-catalogue", args.catalogue, lambda p: load_catalogue(p, rules=rules))
    apps = load_kind("applications", args.applications, load_applications)
    board = status_board(apps, cat, at=args.at, calendar=calendar_from_args(args))
    findings = list(board.findings)
    undetermined = bool(board.undetermined)
    rows, gaps = application_metrics(board) if args.metrics else ([], [])
    if args.json:
        return _report_json(board.to_dict(), findings, undetermined, rows, gaps, args.metrics)
    lang = args.lang
    shown = {Light.YELLOW, Light.RED, Light.UNDETERMINED}
    counts = board.counts()
    if lang == "zh":
        print(
            f"{args.at.isoformat()}："
            + "，".join(f"{Light.parse(k, 'light').label.zh} {v}" for k, v in counts.items() if v)
        )
    else:
        print(
            f"{args.at.isoformat()}: "
            + ", ".join(f"{Light.parse(k, 'light').label.en} {v}" for k, v in counts.items() if v)
        )
    for status in board.statuses:
        if args.all or status.light in shown:
            print("  " + status.render(lang))
    return _report_text(
        findings, [f for f in findings if f.severity is not Severity.INFO], undetermined, rows, gaps, args
    )


def _complaints(args: argparse.Namespace) -> int:
    from govefficiency.services import complaint_metrics, complaint_report, load_complaints

    rules, complaints = load_kind("complaints", args.file, load_complaints)
    report = complaint_report(
        complaints, rules, at=args.at, period=args.period, calendar=calendar_from_args(args)
    )
    findings = list(report.findings)
    undetermined = bool(report.undetermined)
    rows, gaps = complaint_metrics(report) if args.metrics else ([], [])
    if args.json:
        return _report_json(report.to_dict(), findings, undetermined, rows, gaps, args.metrics)
    lang = args.lang
    for st in report.stats:
        rate = "—" if st.reply_rate is None else f"{100 * st.reply_rate:.1f}%"
        if lang == "zh":
            print(
                f"{st.unit} {st.period}：收到 {st.received}，受理 {st.accepted}，已答复 {st.replied}（按时 {st.replied_on_time}），答复率 {rate}，逾期未办 {st.overdue}"
            )
        else:
            print(
                f"{st.unit} {st.period}: received {st.received}, accepted {st.accepted}, replied {st.replied} ({st.replied_on_time} on time), reply rate {rate}, overdue {st.overdue}"
            )
    return _report_text(findings, sort_findings(findings), undetermined, rows, gaps, args)


def _survey(args: argparse.Namespace) -> int:
    from govefficiency.errors import LoadError
    from govefficiency.services import load_survey, survey_metrics, survey_results

    try:
        survey = load_kind("survey", args.file, load_survey)
    except LoadError as exc:  # say the file's line too, as `validate` does
        raise with_line(exc, args.file) from None
    results, findings = survey_results(survey)
    rows = survey_metrics(results, source=f"services.survey:{args.file}") if args.metrics else []
    if args.json:
        print_json(
            {
                "target": survey.target,
                "counting_rule": {
                    "answers": list(survey.rule.answers),
                    "satisfied": list(survey.rule.satisfied),
                },
                "results": [r.to_dict() for r in results],
                "findings": [f.to_dict() for f in findings],
                **({"metrics": [r.to_dict() for r in rows]} if args.metrics else {}),
                "errors": has_errors(findings),
            }
        )
        return findings_exit(findings, undetermined=False)
    for r in results:
        print(
            f"{r.unit}/{r.window} {r.period}: {100 * r.rate:.1f}% ({r.satisfied}/{r.n}), 95% [{100 * r.low:.1f}%, {100 * r.high:.1f}%]"
        )
    return _report_text(findings, findings, False, rows, [], args)
