"""The shared TOML/JSON loader (``govefficiency._loading``): typed accessors with located errors."""

from __future__ import annotations

import datetime as dt
import enum
import json
from pathlib import Path
from typing import Any

import pytest

from govefficiency._loading import Fields, parse_document, read_document
from govefficiency.errors import LoadError, PatchError
from govefficiency.text import Text


class Colour(enum.Enum):
    RED = "red"
    YELLOW = "yellow"


def _fields(data: dict[str, Any]) -> Fields:
    return read_document(data)


class TestReadDocument:
    def test_toml_file(self, tmp_path: Path) -> None:
        """A .toml file is parsed, TOML dates stay dates."""
        path = tmp_path / "a.toml"
        path.write_text('title = "x"\nwhen = 2026-10-09\n', encoding="utf-8")
        doc = read_document(path)
        assert doc.origin == str(path)
        assert (doc.string("title"), doc.date("when")) == ("x", dt.date(2026, 10, 9))

    def test_json_file(self, tmp_path: Path) -> None:
        """A .json file is parsed, ISO strings become dates through .date()."""
        path = tmp_path / "a.JSON"
        path.write_text('{"when": "2026-10-09", "名称": "国庆"}', encoding="utf-8")
        doc = read_document(str(path))
        assert doc.date("when") == dt.date(2026, 10, 9)
        assert doc.string("名称") == "国庆"

    def test_fmt_overrides_the_suffix(self, tmp_path: Path) -> None:
        """fmt= reads a file whose suffix says nothing."""
        path = tmp_path / "data.txt"
        path.write_text('{"n": 1}')
        assert read_document(path, fmt="json").integer("n") == 1

    def test_mapping(self) -> None:
        """A parsed mapping is read in place with origin '<mapping>'."""
        assert read_document({"n": 2}).origin == "<mapping>"

    def test_error_class_is_the_callers(self, tmp_path: Path) -> None:
        """Errors are raised as the error class passed in, with origin set."""
        with pytest.raises(PatchError, match="no such file") as info:
            read_document(tmp_path / "missing.toml", error=PatchError)
        assert info.value.origin == str(tmp_path / "missing.toml")

    def test_unknown_suffix(self, tmp_path: Path) -> None:
        """A file that is neither .toml nor .json is refused."""
        with pytest.raises(LoadError, match=r"cannot tell the format from the suffix '\.yaml'"):
            read_document(tmp_path / "a.yaml")

    def test_wrong_source_type(self) -> None:
        """A list is neither a path nor a mapping."""
        with pytest.raises(LoadError, match=r"expected a path to a .toml/.json file or a mapping, not list"):
            read_document([])  # type: ignore[arg-type]

    def test_undecodable_file(self, tmp_path: Path) -> None:
        """A file that is not UTF-8 is a LoadError."""
        path = tmp_path / "a.toml"
        path.write_bytes(b"title = '\xff'")
        with pytest.raises(LoadError, match="cannot read the file"):
            read_document(path)

    def test_toml_syntax_error(self) -> None:
        """TOML syntax errors carry the line."""
        with pytest.raises(LoadError, match=r"<string>: invalid TOML: .*\(at line 2, column 5\)"):
            parse_document("a = 1\nb = = 2\n", fmt="toml")

    def test_json_syntax_error(self) -> None:
        """JSON syntax errors carry line and column."""
        with pytest.raises(LoadError, match="invalid JSON at line 1, column 7"):
            parse_document('{"a": }', fmt="json")

    def test_top_level_must_be_a_table(self) -> None:
        """A JSON array at the top level is refused."""
        with pytest.raises(LoadError, match="the top level must be a table/object"):
            parse_document("[1, 2]", fmt="json")

    def test_unknown_format(self) -> None:
        """Only toml and json are formats."""
        with pytest.raises(LoadError, match="unknown format 'yaml'"):
            parse_document("a: 1", fmt="yaml")


class TestScalars:
    def test_required_key(self) -> None:
        """A missing required key is located."""
        with pytest.raises(LoadError, match="<mapping>: year: this key is required") as info:
            _fields({}).integer("year")
        assert info.value.location == "year"

    def test_defaults(self) -> None:
        """A missing optional key gives its default, even None."""
        doc = _fields({})
        assert doc.string("name", "anon") == "anon"
        assert doc.integer("n", None) is None
        assert doc.boolean("flag", False) is False
        assert doc.date("when", None) is None

    def test_string(self) -> None:
        """Strings must be non-empty and, with choices, one of them."""
        doc = _fields({"a": "x", "b": " ", "c": 3, "d": "blue"})
        assert doc.string("a") == "x"
        with pytest.raises(LoadError, match="b: must not be empty"):
            doc.string("b")
        with pytest.raises(LoadError, match=r"c: must be a string, not int \(3\)"):
            doc.string("c")
        with pytest.raises(LoadError, match="d: must be one of red, yellow; got 'blue'"):
            doc.string("d", choices=("red", "yellow"))

    def test_integer(self) -> None:
        """Integers refuse booleans, floats and values out of range."""
        doc = _fields({"n": 5, "b": True, "f": 5.0})
        assert doc.integer("n", minimum=1, maximum=5) == 5
        with pytest.raises(LoadError, match="n: must be at least 6; got 5"):
            doc.integer("n", minimum=6)
        with pytest.raises(LoadError, match="n: must be at most 4; got 5"):
            doc.integer("n", maximum=4)
        with pytest.raises(LoadError, match="b: must be an integer, not a boolean"):
            doc.integer("b")
        with pytest.raises(LoadError, match="f: must be an integer, not float"):
            doc.integer("f")

    def test_number(self) -> None:
        """Numbers accept int and float within bounds."""
        doc = _fields({"x": 2.5, "y": 3})
        assert doc.number("x", minimum=0) == 2.5
        assert doc.number("y") == 3
        with pytest.raises(LoadError, match=r"x: must be at most 1; got 2.5"):
            doc.number("x", maximum=1)
        with pytest.raises(LoadError, match="y: must be at least 4; got 3"):
            doc.number("y", minimum=4)

    def test_boolean(self) -> None:
        """Booleans must be true or false, not 0/1 or strings."""
        doc = _fields({"a": True, "b": 1, "c": "true"})
        assert doc.boolean("a") is True
        with pytest.raises(LoadError, match="b: must be true or false"):
            doc.boolean("b")
        with pytest.raises(LoadError, match="c: must be true or false"):
            doc.boolean("c")

    def test_date(self) -> None:
        """Dates come as TOML dates or ISO strings; date-times and junk are refused."""
        doc = _fields(
            {"a": dt.date(2026, 1, 1), "b": "2026-10-09", "c": dt.datetime(2026, 1, 1, 9), "d": "soon"}
        )
        assert doc.date("a") == dt.date(2026, 1, 1)
        assert doc.date("b") == dt.date(2026, 10, 9)
        with pytest.raises(LoadError, match=r"c: must be a date .* not a date-time"):
            doc.date("c")
        with pytest.raises(LoadError, match="d: must be a date in the form YYYY-MM-DD, not 'soon'"):
            doc.date("d")

    def test_instant(self) -> None:
        """Instants need an offset; a naive date-time is refused with an example."""
        aware = dt.datetime(2026, 10, 12, 9, tzinfo=dt.timezone(dt.timedelta(hours=8)))
        doc = _fields(
            {"a": aware, "b": "2026-10-12T09:00:00+08:00", "c": "2026-10-12T09:00:00", "d": "x", "e": 5}
        )
        assert doc.instant("a") == aware
        assert doc.instant("b") == aware
        with pytest.raises(LoadError, match=r"c: has no time zone offset: write e.g. 2026-10-12T09:00:00"):
            doc.instant("c")
        with pytest.raises(LoadError, match="d: must be an ISO 8601 date-time with offset"):
            doc.instant("d")
        with pytest.raises(LoadError, match="e: must be a date-time with offset, not 5"):
            doc.instant("e")

    def test_member(self) -> None:
        """Enum members are given by value; an unknown value lists the allowed ones."""
        doc = _fields({"c": "red", "d": "green"})
        assert doc.member("c", Colour) is Colour.RED
        with pytest.raises(LoadError, match="d: must be one of red, yellow; got 'green'"):
            doc.member("d", Colour)


class TestStructures:
    def test_text(self) -> None:
        """A bilingual text is a table with zh and en, and nothing else."""
        doc = _fields({"t": {"zh": "国庆节", "en": "National Day"}, "u": {"zh": "x", "en": "y", "fr": "z"}})
        assert doc.text("t") == Text("国庆节", "National Day")
        with pytest.raises(LoadError, match=r"u\.fr: unknown key 'fr'"):
            doc.text("u")

    def test_text_must_be_a_table(self) -> None:
        """A plain string is not a bilingual text."""
        with pytest.raises(LoadError, match="t: must be a table/object, not str"):
            _fields({"t": "国庆节"}).text("t")

    def test_strs(self) -> None:
        """A list of non-empty strings becomes a tuple; bad items are located by index."""
        doc = _fields({"a": ["x", "y"], "b": ["x", ""], "c": "x"})
        assert doc.strs("a") == ("x", "y")
        with pytest.raises(LoadError, match=r"b\[1\]: must be a non-empty string"):
            doc.strs("b")
        with pytest.raises(LoadError, match="c: must be a list of strings"):
            doc.strs("c")

    def test_tables_and_paths(self) -> None:
        """Nested tables know their path for errors (days[1].date)."""
        doc = _fields({"days": [{"date": "2026-10-01"}, {"date": "oops"}]})
        first, second = doc.tables("days")
        assert first.path() == "days[0]"
        assert first.date("date") == dt.date(2026, 10, 1)
        with pytest.raises(LoadError, match=r"<mapping>: days\[1\]\.date: must be a date") as info:
            second.date("date")
        assert info.value.location == "days[1].date"

    def test_tables_must_be_a_list(self) -> None:
        """A single table where a list is expected is refused."""
        with pytest.raises(LoadError, match=r"days: must be a list of tables \(\[\[\.\.\.\]\] in TOML\)"):
            _fields({"days": {"date": "2026-10-01"}}).tables("days")

    def test_table(self) -> None:
        """A sub-table is a Fields view; a scalar is refused."""
        doc = _fields({"meta": {"n": 1}, "bad": 2})
        assert doc.table("meta").integer("n") == 1
        with pytest.raises(LoadError, match="bad: must be a table/object, not int"):
            doc.table("bad")

    def test_top_level_path(self) -> None:
        """The top level has no key path."""
        assert _fields({}).path() == "<top level>"

    def test_finish_rejects_unknown_keys(self) -> None:
        """finish() names the first unread key and the keys that are allowed."""
        doc = _fields({"year": 2026, "yaer": 2027})
        doc.integer("year")
        with pytest.raises(LoadError, match=r"yaer: unknown key 'yaer' \(allowed here: year\)"):
            doc.finish()

    def test_finish_after_reading_everything(self) -> None:
        """finish() is silent when every key was read (items() reads them all)."""
        doc = _fields({"a": 1, "b": 2})
        assert dict(doc.items()) == {"a": 1, "b": 2}
        doc.finish()

    def test_containment_keys_and_raw(self) -> None:
        """in, keys() and raw() give the parsed data unchecked."""
        doc = _fields({"a": [1, "x"]})
        assert "a" in doc
        assert "b" not in doc
        assert doc.keys() == ["a"]
        assert doc.raw("a") == [1, "x"]

    def test_check(self) -> None:
        """check() raises a located error when the condition fails."""
        doc = _fields({"n": 3})
        doc.check("n", True, "never", "从不")
        with pytest.raises(LoadError, match="n: must be even"):
            doc.check("n", doc.integer("n") % 2 == 0, "must be even", "必须是偶数")

    def test_convert(self) -> None:
        """convert() turns library errors raised by the converter into located ones."""
        doc = _fields({"t": {"zh": "", "en": "x"}})

        def to_text(value: dict[str, str]) -> Text:
            return Text(value["zh"], value["en"])

        with pytest.raises(LoadError, match=r"t: Text.zh must not be empty") as info:
            doc.convert("t", to_text)
        assert info.value.location == "t"

    def test_fail_is_bilingual(self) -> None:
        """Located errors have a Chinese message too."""
        err = _fields({}).fail("x", "bad", "错误")
        assert err.zh == "<mapping>：x：错误"
        assert err.en == "<mapping>: x: bad"


class TestBombs:
    """Deep nesting and huge integers are refused quickly with the document's own error."""

    @pytest.mark.parametrize(
        ("text", "fmt"),
        [
            ("[" * 100_000 + "]" * 100_000, "json"),
            ('{"a": ' * 40 + "1" + "}" * 40, "json"),
            ("a = " + "[" * 50 + "]" * 50, "toml"),
            ("a = " + "[" * 5_000 + "]" * 5_000, "toml"),
        ],
    )
    def test_deep_nesting(self, text, fmt):
        with pytest.raises(LoadError, match="nested more than"):
            parse_document(text, fmt=fmt)

    @pytest.mark.parametrize(
        ("text", "fmt"),
        [
            ('{"n": ' + "9" * 5000 + "}", "json"),
            ('{"n": 1' + "0" * 30 + "}", "json"),
            ("n = 1" + "0" * 30, "toml"),
        ],
    )
    def test_huge_integers(self, text, fmt):
        with pytest.raises(LoadError, match="too large"):
            parse_document(text, fmt=fmt)

    def test_ordinary_documents_pass(self):
        assert parse_document('{"a": [{"b": [1, 2]}], "n": 999999999999}', fmt="json") is not None


@pytest.mark.parametrize("written", ["20261012", "2026-W42-1", "2026-10-1", " 2026-10-12", "２０２６-10-12"])
def test_a_json_date_is_exactly_yyyy_mm_dd(written: str) -> None:
    """The schemas' pattern for a date is YYYY-MM-DD; the loader refuses what they refuse,
    although ``date.fromisoformat`` would read the basic and week forms."""
    fields = parse_document(json.dumps({"day": written}), fmt="json")
    with pytest.raises(LoadError, match="YYYY-MM-DD"):
        fields.date("day")


def test_a_json_date_in_the_extended_form_is_read() -> None:
    fields = parse_document('{"day": "2026-10-12"}', fmt="json")
    assert fields.date("day") == dt.date(2026, 10, 12)
