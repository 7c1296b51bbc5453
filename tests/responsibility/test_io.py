"""Org-chart files (TOML/JSON), their errors, and the GraphML/DOT drawings."""

from __future__ import annotations

import io
import json
import tomllib
from pathlib import Path

import networkx as nx
import pytest

from govefficiency import responsibility
from govefficiency.errors import InvalidInputError, InvalidTypeError, OrgChartError
from govefficiency.text import Text

SMALL = """
name = "小城"

[supervision_office]
id = "dcs"
name = { zh = "督查室", en = "Supervision Office" }

[[leaders]]
id = "mayor"
name = "市长"
role = "head"
supervises = ["a"]

[[units]]
id = "a"
name = "甲局"

[[officers]]
id = "o"
unit = "a"
name = { zh = "张三", en = "Zhang San" }

[[tasks]]
id = "t1"
title = "任务一"
lead = "a"
leader = "mayor"
officer = "o"
due = 2026-06-30
"""


class TestRoundTrip:
    @pytest.mark.parametrize("fmt", ["json", "toml"])
    def test_text_round_trip(self, city: responsibility.ResponsibilityGraph, fmt: str) -> None:
        """Dumping and loading gives back an equal graph."""
        assert responsibility.loads_org(responsibility.dumps_org(city, fmt=fmt), fmt=fmt) == city

    def test_dict_round_trip(self, city: responsibility.ResponsibilityGraph) -> None:
        """to_dict() is JSON-ready; from_dict() and load_org() accept it as a mapping."""
        data = city.to_dict()
        assert json.loads(json.dumps(data)) == data
        assert responsibility.load_org(data) == city
        assert responsibility.ResponsibilityGraph.from_dict(data) == city

    @pytest.mark.parametrize("value", ["city.toml", ["units"], None])
    def test_from_dict_needs_a_mapping(self, value: object) -> None:
        """from_dict() takes the mapping only (a path is load_org's)."""
        with pytest.raises(InvalidTypeError, match="an org chart is a mapping"):
            responsibility.ResponsibilityGraph.from_dict(value)  # type: ignore[arg-type]

    def test_old_dump_org_returns_the_mapping_with_a_warning(
        self, city: responsibility.ResponsibilityGraph
    ) -> None:
        """dump_org(graph), the 0.x form, still returns the mapping for one release."""
        with pytest.warns(DeprecationWarning, match="use graph.to_dict"):
            assert responsibility.dump_org(city) == city.to_dict()

    def test_save_org_is_the_old_name_of_dump_org(
        self, city: responsibility.ResponsibilityGraph, tmp_path: Path
    ) -> None:
        """save_org(graph, path) warns and writes what dump_org(graph, path) writes."""
        with pytest.warns(DeprecationWarning, match="renamed dump_org"):
            responsibility.save_org(city, tmp_path / "old.toml")
        responsibility.dump_org(city, tmp_path / "new.toml")
        assert (tmp_path / "old.toml").read_bytes() == (tmp_path / "new.toml").read_bytes()

    @pytest.mark.parametrize("suffix", [".json", ".toml"])
    def test_file_round_trip(
        self, city: responsibility.ResponsibilityGraph, tmp_path: Path, suffix: str
    ) -> None:
        """dump_org() chooses the format from the suffix; load_org() reads it back."""
        path = tmp_path / f"city{suffix}"
        responsibility.dump_org(city, path)
        assert responsibility.load_org(path) == city
        assert responsibility.load_org(str(path)) == city

    def test_defects_survive_the_round_trip(self, city: responsibility.ResponsibilityGraph) -> None:
        """A task with two leads or none is saved and loaded as it is, to be found by check()."""
        graph = city.replace(
            tasks=[
                *city.tasks,
                responsibility.Task("two", Text("两个牵头", "Two leads"), leads=("a", "b")),
                responsibility.Task("none", Text("无", "None")),
            ]
        )
        again = responsibility.loads_org(responsibility.dumps_org(graph, fmt="json"), fmt="json")
        assert again == graph
        assert {"TASK_MULTIPLE_LEADS", "TASK_WITHOUT_LEAD"} <= {f.code for f in responsibility.check(again)}

    def test_toml_output_is_plain(self, city: responsibility.ResponsibilityGraph) -> None:
        """TOML output uses tables, arrays of tables and date literals."""
        text = responsibility.dumps_org(city, fmt="toml")
        assert "[supervision_office]" in text
        assert "[[tasks]]" in text
        assert "due = 2026-06-30" in text
        assert tomllib.loads(text)["tasks"][0]["lead"] == "transport"

    def test_toml_escapes_awkward_strings(self) -> None:
        """Quotes, backslashes, newlines and DEL survive the TOML round trip."""
        graph = responsibility.ResponsibilityGraph(
            units=[responsibility.Unit("u", Text('引号"\\\n\x7f', "tab\tend"))]
        )
        assert responsibility.loads_org(responsibility.dumps_org(graph, fmt="toml")) == graph

    def test_same_zh_and_en_is_written_once(self) -> None:
        """A name whose two languages agree is written as a plain string."""
        graph = responsibility.ResponsibilityGraph(units=[responsibility.Unit("u", Text("甲局", "甲局"))])
        assert graph.to_dict()["units"][0]["name"] == "甲局"

    def test_empty_graph(self) -> None:
        """An empty graph dumps to just the version."""
        assert responsibility.ResponsibilityGraph().to_dict() == {"version": 1}
        assert (
            responsibility.loads_org(responsibility.dumps_org(responsibility.ResponsibilityGraph()))
            == responsibility.ResponsibilityGraph()
        )


class TestLoad:
    def test_small_document(self) -> None:
        """Plain strings are names in both languages; defaults fill the rest."""
        graph = responsibility.loads_org(SMALL)
        assert graph.name == Text("小城", "小城")
        assert graph.leader("mayor").is_head
        assert graph.task("t1").leads == ("a",)
        assert responsibility.check(graph) == []

    def test_lead_as_list(self) -> None:
        """lead may be a list, so that several leads are found by check()."""
        graph = responsibility.loads_org(SMALL.replace('lead = "a"', 'lead = ["a", "b"]'))
        assert graph.task("t1").leads == ("a", "b")


def load_error(text: str, fmt: str = "toml") -> OrgChartError:
    with pytest.raises(OrgChartError) as info:
        responsibility.loads_org(text, fmt=fmt)
    return info.value


class TestBadFiles:
    def test_toml_syntax_error_names_the_line(self) -> None:
        """A TOML syntax error gives the line."""
        error = load_error('[[units]]\nid = "a"\nname = \n')
        assert "line 3" in str(error)

    def test_json_syntax_error_names_the_line(self) -> None:
        """A JSON syntax error gives line and column."""
        error = load_error('{\n  "units": [\n}', "json")
        assert "line 3" in str(error)

    @pytest.mark.parametrize(
        ("text", "location", "words"),
        [
            ('[[units]]\nid = "a"\nname = "甲"\nkindd = "department"\n', "units[0].kindd", "unknown key"),
            ('[[units]]\nname = "甲"\n', "units[0].id", "required"),
            ('[[units]]\nid = "a b"\nname = "甲"\n', "units[0].id", "not a valid id"),
            ('[[units]]\nid = "a"\nname = 3\n', "units[0].name", "string or a table"),
            ('[[units]]\nid = "a"\nname = ""\n', "units[0].name", "must not be empty"),
            ('[[units]]\nid = "a"\nname = { zh = "甲" }\n', "units[0].name.en", "required"),
            ('[[units]]\nid = "a"\nname = "甲"\nkind = "bureau"\n', "units[0].kind", "internal_office"),
            ('[[leaders]]\nid = "m"\nname = "甲"\nrole = "boss"\n', "leaders[0].role", "head, deputy"),
            (
                '[[leaders]]\nid = "m"\nname = "甲"\nsupervises = ["a", 1]\n',
                "leaders[0].supervises[1]",
                "string",
            ),
            (
                '[[leaders]]\nid = "m"\nname = "甲"\nsupervises = ["a b"]\n',
                "leaders[0].supervises[0]",
                "valid id",
            ),
            ('[[leaders]]\nid = "m"\nname = "甲"\nrole = "head"\nreports_to = "x"\n', "leaders[0]", "head"),
            ('[[tasks]]\nid = "t"\ntitle = "甲"\ndue = "next week"\n', "tasks[0].due", "YYYY-MM-DD"),
            ('[[tasks]]\nid = "t"\ntitle = "甲"\ndue = 2026-06-30T09:00:00\n', "tasks[0].due", "date-time"),
            ('[[tasks]]\nid = "t"\ntitle = "甲"\nlead = 3\n', "tasks[0].lead", "unit id"),
            ('[[tasks]]\nid = "t"\ntitle = "甲"\nlead = ["a", "a"]\n', "tasks[0]", "twice"),
            ('[[tasks]]\nid = "t"\ntitle = "甲"\nassists = "a"\n', "tasks[0].assists", "must be a list"),
            ('[[officers]]\nid = "o"\nname = "甲"\n', "officers[0].unit", "required"),
            ('[[duties]]\nunit = "a"\nkey = " x"\n', "duties[0]", "Duty.key"),
            ("version = 2\n", "version", "at most 1"),
            ('units = "a"\n', "units", "list of tables"),
            ('supervision_office = "dcs"\n', "supervision_office", "table"),
            ('colour = "red"\n', "colour", "unknown key"),
        ],
    )
    def test_located_errors(self, text: str, location: str, words: str) -> None:
        """Each format error names the key path and what is wrong."""
        error = load_error(text)
        assert error.location == location
        assert words in error.en
        assert error.zh

    def test_duplicate_id_names_both_places(self) -> None:
        """An id used twice is reported at the second use, naming the first."""
        error = load_error('[[units]]\nid = "a"\nname = "甲"\n\n[[tasks]]\nid = "a"\ntitle = "乙"\n')
        assert error.location == "tasks[0].id"
        assert "units[0].id" in error.en

    def test_duplicate_duty(self) -> None:
        """A unit listing a duty twice is reported at the second entry."""
        error = load_error('[[duties]]\nunit = "a"\nkey = "k"\n\n[[duties]]\nunit = "a"\nkey = "k"\n')
        assert error.location == "duties[1].key"
        assert "duties[0].key" in error.en

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file is an OrgChartError naming it."""
        with pytest.raises(OrgChartError, match="no such file"):
            responsibility.load_org(tmp_path / "absent.toml")

    def test_unknown_suffix(self, tmp_path: Path) -> None:
        """The suffix must say TOML or JSON."""
        path = tmp_path / "org.yaml"
        path.write_text("units: []", encoding="utf-8")
        with pytest.raises(OrgChartError, match="suffix"):
            responsibility.load_org(path)

    def test_not_a_path(self) -> None:
        """load_org() needs a path or a mapping."""
        with pytest.raises(OrgChartError):
            responsibility.load_org(42)  # type: ignore[arg-type]

    def test_loads_needs_text(self) -> None:
        """loads_org() needs a string and a known format."""
        with pytest.raises(InvalidTypeError):
            responsibility.loads_org(b"x")  # type: ignore[arg-type]
        with pytest.raises(OrgChartError, match="unknown format"):
            responsibility.loads_org("", fmt="yaml")

    def test_reference_defects_are_not_load_errors(self) -> None:
        """An unknown unit loads fine and is reported by check()."""
        graph = responsibility.loads_org(SMALL.replace('lead = "a"', 'lead = "ghost"'))
        assert [f.code for f in responsibility.check(graph)] == ["UNKNOWN_UNIT"]


class TestSaveErrors:
    def test_unknown_suffix(self, city: responsibility.ResponsibilityGraph, tmp_path: Path) -> None:
        """dump_org() refuses a suffix it cannot write."""
        with pytest.raises(InvalidInputError, match="suffix"):
            responsibility.dump_org(city, tmp_path / "city.yaml")

    def test_bad_path_and_graph(self, city: responsibility.ResponsibilityGraph) -> None:
        """dump_org() and dumps_org() check their arguments."""
        with pytest.raises(InvalidTypeError):
            responsibility.dump_org(city, 3)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            responsibility.dump_org({"units": []}, "city.toml")  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError, match="unknown format"):
            responsibility.dumps_org(city, fmt="yaml")


class TestDrawings:
    def test_graphml_parses_back(self, city: responsibility.ResponsibilityGraph) -> None:
        """The GraphML text is read back by networkx with the same nodes, edges and attributes."""
        back = nx.read_graphml(io.BytesIO(responsibility.to_graphml(city).encode("utf-8")))
        assert set(back.nodes) == set(city.to_networkx().nodes)
        assert back.number_of_edges() == city.to_networkx().number_of_edges()
        assert back.nodes["transport"]["name_zh"] == "市交通运输局"
        assert back.nodes["transport"]["duties"] == "road-maintenance"

    def test_graphml_joins_several_duties(self, city: responsibility.ResponsibilityGraph) -> None:
        """A unit's duties are written one per line."""
        graph = city.replace(duties=[*city.duties, responsibility.Duty("transport", "bridges")])
        back = nx.read_graphml(io.BytesIO(responsibility.to_graphml(graph).encode("utf-8")))
        assert back.nodes["transport"]["duties"] == "road-maintenance\nbridges"

    def test_dot(self, city: responsibility.ResponsibilityGraph) -> None:
        """DOT has one statement per node and per edge, labelled in the chosen language."""
        zh = responsibility.to_dot(city)
        assert zh.startswith('digraph "示例市人民政府" {')
        assert '"mayor" [label="王市长", shape=doubleoctagon];' in zh
        assert '"road" -> "transport" [label="牵头"' in zh
        assert '"road" -> "nrp" [label="配合"' in zh
        assert zh.rstrip().endswith("}")
        en = responsibility.to_dot(city, "en")
        # drawn top-down: the supervised unit points up to its leader, arrow kept on the unit
        assert '"nrp" -> "zhang" [label="supervises", style=bold, color="#1f77b4", dir=back];' in en
        assert 'node [fontsize=10, fontname="Noto Sans CJK SC' in en
        edges = sum(1 for line in en.splitlines() if " -> " in line)
        assert edges == city.to_networkx().number_of_edges()

    def test_dot_escapes_quotes_and_skips_unknown_targets(self) -> None:
        """Quotes and backslashes in names are escaped; edges to missing ids are left out."""
        graph = responsibility.ResponsibilityGraph(
            units=[responsibility.Unit("u", Text('他说"好"\\', 'he said "ok"'))],
            tasks=[responsibility.Task("t", Text("任务", "Task"), leads=("u", "ghost"))],
        )
        dot = responsibility.to_dot(graph, "en")
        assert 'label="he said \\"ok\\""' in dot
        assert "ghost" not in dot

    def test_every_edge_points_up_so_the_head_is_on_top(
        self, city: responsibility.ResponsibilityGraph
    ) -> None:
        """With rankdir=BT every edge must run from lower to higher rank: from a unit to its
        leader, from a deputy to the head — never from the head down (the mayor used to be
        drawn below the bureaus)."""
        dot = responsibility.to_dot(city, "en")
        edges = [line.split(" [")[0].strip() for line in dot.splitlines() if " -> " in line]
        assert all(not edge.startswith('"mayor" ->') for edge in edges)
        assert '"audit" -> "mayor"' in edges
        assert '"zhang" -> "mayor"' in edges

    def test_mermaid(self, city: responsibility.ResponsibilityGraph) -> None:
        """A Mermaid flowchart: one node per record, one labelled edge per relation."""
        from govefficiency.responsibility import to_mermaid

        text = to_mermaid(city, "zh")
        lines = text.splitlines()
        assert lines[0] == "flowchart BT"
        assert '{{"王市长"}}' in text
        assert '[["市政府督查室"]]' in text
        assert '("市交通运输局规划科")' in text  # an internal office is rounded
        edges = [line for line in lines if "|" in line]
        assert len(edges) == city.to_networkx().number_of_edges()
        assert any("==>|牵头|" in e for e in edges)
        assert any("-.->|配合|" in e for e in edges)
        quoted = responsibility.ResponsibilityGraph(
            units=[responsibility.Unit("u", Text('他说"好"', 'he said "ok"'))]
        )
        assert "he said #quot;ok#quot;" in to_mermaid(quoted, "en")
        with pytest.raises(InvalidInputError):
            to_mermaid(city, "fr")  # type: ignore[arg-type]

    def test_drawings_bad_input(self, city: responsibility.ResponsibilityGraph) -> None:
        """A bad language or a non-graph is rejected."""
        with pytest.raises(InvalidInputError):
            responsibility.to_dot(city, "fr")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            responsibility.to_graphml("city")  # type: ignore[arg-type]
