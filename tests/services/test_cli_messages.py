"""Messages of the services commands in the reader's language and terms (defects 24.9,
24.10, 24.12, 24.21): a period's label in the message's language, an undeclared survey
answer located with its fix, a file of another kind named as such, coverage hints naming
the command line's options."""

from __future__ import annotations

import json
from pathlib import Path

from govefficiency.testing import run_cli

from .conftest import DATA

CAT = str(DATA / "catalogue.toml")
APPS = str(DATA / "applications.json")
ORG = str(DATA.parent / "city.toml")


def _long_catalogue(tmp_path: Path) -> str:
    path = tmp_path / "catlong.toml"
    path.write_text(
        '[[posts]]\nid = "w1"\na_officer = "a1"\nb_officer = "b1"\n'
        '[[items]]\nid = "road-permit"\nname = { zh = "公路占用许可", en = "Road occupation permit" }\n'
        'competent_unit = "roads"\nrule = "licensing.decision"\n'
        'committed = { unit = "working_days", length = 25 }\nmaterials = ["form"]\npost = "w1"\n',
        encoding="utf-8",
    )
    return str(path)


def test_committed_limit_is_labelled_in_the_message_language(tmp_path: Path) -> None:
    """25 working days committed against the statute's 20: English text says "25 working
    days", never "25个工作日"; the JSON's zh and en each in their language."""
    cat = _long_catalogue(tmp_path)
    code, out, _ = run_cli("services", "check", cat, "--lang", "en")
    assert code == 1
    assert "the committed limit 25 working days is longer than the statutory limit 20 working days" in out
    assert "工作日" not in out
    code, out, _ = run_cli("services", "check", cat, "--json")
    message = json.loads(out)["findings"][0]["message"]
    assert "25个工作日" in message["zh"]
    assert "工作日" not in message["en"]


def _survey(tmp_path: Path) -> str:
    path = tmp_path / "survey.toml"
    path.write_text(
        'target = 0.9\n[counting_rule]\nanswers = ["满意", "不满意"]\nsatisfied = ["满意"]\n'
        '[[responses]]\nunit = "roads"\nwindow = "w1"\nperiod = "2026Q4"\nanswer = "满意"\ncount = 8\n'
        '[[responses]]\nunit = "school"\nwindow = "w2"\nperiod = "2026Q4"\nanswer = "很满意"\ncount = 3\n',
        encoding="utf-8",
    )
    return str(path)


def test_undeclared_survey_answer_is_located_with_its_fix(tmp_path: Path) -> None:
    """The second response's answer is not declared: the error names responses[1].answer,
    its line (line 15: `answer = "很满意"`), and tells the user what to change."""
    survey = _survey(tmp_path)
    code, out, err = run_cli("services", "survey", survey, "--lang", "en")
    assert (code, out) == (2, "")
    assert f"{survey}:15: responses[1].answer: answer '很满意'" in err
    assert "add it to counting_rule.answers" in err
    assert "<top level>" not in err
    _, _, err = run_cli("services", "survey", survey, "--lang", "zh")
    assert "responses[1].answer" in err
    assert "请将其加入 counting_rule.answers" in err
    code, out, _ = run_cli("validate", survey, "--lang", "en")
    assert code == 1
    assert out.startswith(f"{survey}:15:1: INVALID_FILE responses[1].answer:")


def test_a_file_of_another_kind_is_named(tmp_path: Path) -> None:
    """An org chart given where the applications go: the error says it looks like an org
    chart and that applications were expected, in the chosen language."""
    code, out, err = run_cli("services", "status", CAT, ORG, "--at", "2026-10-08T09:00", "--lang", "en")
    assert (code, out) == (2, "")
    assert "a file of kind applications" in err
    assert "looks like a file of kind org-chart" in err
    assert "缺少必填项" not in err
    _, _, err = run_cli("services", "status", ORG, APPS, "--at", "2026-10-08T09:00", "--lang", "zh")
    assert "此处需要 services-catalogue 类文件，而该文件看来是 org-chart 类文件" in err
    # a broken file of the right kind keeps its located error
    broken = tmp_path / "apps.json"
    broken.write_text('{"applications": [{"id": 1}]}', encoding="utf-8")
    _, _, err = run_cli("services", "status", CAT, str(broken), "--at", "2026-10-08T09:00", "--lang", "en")
    assert "looks like" not in err
    assert "applications[0]" in err


def test_coverage_hints_name_the_command_line_options(tmp_path: Path) -> None:
    """A complaint whose limit runs into unpublished 2027: the finding says --patch FILE /
    --provisional, not provisional=True (the Python API)."""
    path = tmp_path / "compl.toml"
    path.write_text(
        '[rules]\nsource = { law = { zh = "测试县效能投诉办法", en = "Test County complaint rules" }, '
        'article = "8", year = 2025 }\n'
        'accept_decision = { unit = "working_days", length = 5, from = "received" }\n'
        'handling = { unit = "days", length = 30, from = "accepted" }\n'
        'reply = { unit = "working_days", length = 30, from = "received" }\n'
        '[[complaints]]\nid = "TS-2"\nunit = "school"\nreceived = 2026-12-28T09:00:00+08:00\n',
        encoding="utf-8",
    )
    for extra in (("--json",), ("--lang", "en"), ("--lang", "zh")):
        code, out, _ = run_cli("services", "complaints", str(path), "--at", "2027-01-04T09:00", *extra)
        assert code == 3
        assert "--patch FILE" in out
        assert "--provisional" in out
        assert "provisional=True" not in out
        assert "CalendarPatch" not in out
