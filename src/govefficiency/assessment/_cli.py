"""``govefficiency assess SCHEME METRICS... --period 2026Q3 [--ledger FILE] [--previous REPORT]``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from govefficiency._cli_util import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_STORE_DAMAGED,
    UsageError,
    finish_command,
    print_json,
)


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "assess",
        help="performance assessment (绩效考评): scores, one-vote vetoes, ranking, grades",
        description="Assess the units of a metrics table under a scheme for one period: per-indicator "
        "arithmetic, one-vote vetoes (一票否决), ranking, grades with quotas, change of rank and the "
        "top/bottom lists. Exit 1 when error findings (e.g. a missing metric) exist, 2 on bad input.",
    )
    p.add_argument(
        "scheme", help="the scheme (.toml/.json) or a preset: yanshou-execution, nanyang-quarterly"
    )
    p.add_argument(
        "metrics",
        nargs="+",
        help="one or more metrics tables (.csv, or .toml/.json with [[units]] and [[metrics]]), merged",
    )
    p.add_argument("--period", required=True, help="the period: 2026Q3, 2026-07 or 2026")
    p.add_argument(
        "--ledger", metavar="FILE", help="a ledger (SQLite, or .jsonl export): adds its settlement and rates"
    )
    p.add_argument(
        "--key-category",
        action="append",
        default=None,
        metavar="C",
        help="ledger item category counted as key work (default: 重点工作); repeatable",
    )
    p.add_argument(
        "--previous", metavar="REPORT", help="the previous period's JSON report, for the change of rank"
    )
    p.add_argument(
        "--graph",
        metavar="ORG",
        help="an org chart: units in the metrics tables may be written by name or alias (市教育局)",
    )
    p.add_argument("--unit", metavar="U", help="explain one unit's arithmetic in full")
    p.add_argument(
        "--officers",
        action="store_true",
        help="with --ledger: also appraise the officers (年底按台账考评干部)",
    )
    finish_command(p, _assess)


def _scheme(arg: str) -> Any:
    from govefficiency.assessment import get_scheme, load_scheme, scheme_presets

    if arg in scheme_presets() and not Path(arg).exists():
        return get_scheme(arg)
    return load_scheme(arg)


def _previous(path: str) -> dict[str, int | None]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file", f"{path}：文件不存在") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(
            f"{path}: not a JSON report ({exc})", f"{path}：不是 JSON 考核报告（{exc}）"
        ) from None
    if (
        not isinstance(data, dict)
        or data.get("schema_version") != "1"
        or not isinstance(data.get("units"), list)
    ):
        raise UsageError(
            f"{path}: not an assessment report of schema version 1 (write one with --json)",
            f"{path}：不是第 1 版考核报告（请用 --json 输出）",
        )
    out: dict[str, int | None] = {}
    for u in data["units"]:
        if not isinstance(u, dict) or not isinstance(u.get("unit"), str):
            raise UsageError(f"{path}: a unit entry has no id", f"{path}：某单位条目缺少 id")
        rank = u.get("rank")
        out[u["unit"]] = rank if type(rank) is int and rank >= 1 else None
    return out


def _merge(tables: list[Any]) -> Any:
    from govefficiency.assessment import Inputs

    if len(tables) == 1:
        return tables[0]
    units: dict[str, Any] = {}
    for table in tables:
        for u in table.units:
            known = units.setdefault(u.id, u)
            if known.category != u.category:
                raise UsageError(
                    f"unit {u.id!r} is in category {known.category!r} in one table and {u.category!r} in another",
                    f"单位 {u.id!r} 在不同数据表中分属类别 {known.category!r} 和 {u.category!r}",
                )
    return Inputs(list(units.values()), [row for table in tables for row in table.rows])


def _ledger_rows(
    path: str, period: Any, units: list[str], keys: list[str] | None, officers: bool
) -> tuple[list[Any], Any]:
    from govefficiency._time import end_of_day
    from govefficiency.assessment import appraise_officers, ledger_metrics
    from govefficiency.ledger import Ledger, SqliteStore, settle, supervision_rates

    if not Path(path).exists():
        raise UsageError(f"{path}: no such ledger file", f"{path}：台账文件不存在")
    ledger = Ledger.from_jsonl(path) if path.endswith(".jsonl") else Ledger(SqliteStore(path, create=False))
    with ledger:
        at = end_of_day(period.last, ledger.zone)
        settlement = settle(ledger, at=at)
        rates = supervision_rates(ledger, at=at)
    rows = ledger_metrics(settlement, rates, units=units, key_categories=keys or ("重点工作",), period=period)
    appraisal = appraise_officers(settlement.items) if officers and settlement.items else None
    return rows, appraisal


def _assess(args: argparse.Namespace) -> int:
    from govefficiency.assessment import Period, assess, load_metrics

    scheme = _scheme(args.scheme)
    period = Period.parse(args.period)
    inputs = _merge([load_metrics(path) for path in args.metrics])
    if args.graph:
        from govefficiency.assessment._inputs import resolve_names
        from govefficiency.responsibility import load_org, resolve_unit

        graph = load_org(args.graph)
        inputs = resolve_names(inputs, lambda name: resolve_unit(graph, name))
    appraisal = None
    if args.officers and not args.ledger:
        raise UsageError("--officers needs --ledger", "--officers 需要 --ledger")
    if args.ledger:
        from govefficiency.errors import LedgerIntegrityError, StoreError

        try:
            rows, appraisal = _ledger_rows(
                args.ledger, period, [u.id for u in inputs.units], args.key_category, args.officers
            )
        except StoreError as exc:  # not a ledger, or a damaged one
            print(f"govefficiency: error: {exc.message(args.lang)}", file=sys.stderr)
            return EXIT_STORE_DAMAGED
        except LedgerIntegrityError as exc:  # the export's hash chain is broken
            print(f"govefficiency: error: {exc.message(args.lang)}", file=sys.stderr)
            return EXIT_FINDINGS
        inputs = inputs.extend(rows)
    previous = _previous(args.previous) if args.previous else None
    report = assess(scheme, inputs, period, previous=previous)
    if args.unit:
        report.unit(args.unit)  # unknown unit -> error, exit 2
    if args.json:
        data = report.to_dict()
        if appraisal is not None:
            data["officers"] = appraisal.to_dict()
        print_json(data)
    else:
        print(report.explain(args.lang, unit=args.unit) if args.unit else report.explain(args.lang))
        if appraisal is not None:
            print()
            print(appraisal.explain(args.lang))
    return EXIT_FINDINGS if report.has_errors else EXIT_OK
