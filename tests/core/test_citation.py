"""Legal citations (``govefficiency.citation``)."""

from __future__ import annotations

import pickle

import pytest

from govefficiency.citation import Citation
from govefficiency.errors import InvalidInputError
from govefficiency.text import Text

LICENSING = Text("行政许可法", "Administrative Licensing Law")


def test_full_citation_in_chinese() -> None:
    """A law, year, article and note render in the Chinese legal style."""
    cite = Citation(LICENSING, "42", 2019, Text("二十个工作日内作出决定", "decide within 20 working days"))
    assert cite.render("zh") == "《行政许可法》（2019）第42条：二十个工作日内作出决定"


def test_full_citation_in_english() -> None:
    """The English rendering uses 'art.' and is the str()."""
    cite = Citation(LICENSING, "42", 2019, Text("二十个工作日内作出决定", "decide within 20 working days"))
    assert cite.render("en") == "Administrative Licensing Law (2019), art. 42: decide within 20 working days"
    assert str(cite) == cite.render("en")


def test_whole_instrument() -> None:
    """Without article, year or note only the instrument is named."""
    cite = Citation(
        Text("重大行政决策程序暂行条例", "Interim Regulations on Major Administrative Decision Procedures")
    )
    assert cite.render() == "《重大行政决策程序暂行条例》"
    assert cite.render("en") == "Interim Regulations on Major Administrative Decision Procedures"


def test_article_without_year() -> None:
    """An article may be cited without a version year."""
    assert Citation(Text("民法典", "Civil Code"), "201").render("en") == "Civil Code, art. 201"


@pytest.mark.parametrize("year", [1900, 2201, "2019", 2019.0, True])
def test_bad_year(year: object) -> None:
    """The version year must be an int between 1949 and 2200, or None."""
    with pytest.raises(InvalidInputError, match=r"Citation.year must be a year such as 2019, or None"):
        Citation(LICENSING, "42", year)  # type: ignore[arg-type]


def test_bad_language() -> None:
    """render() validates the language."""
    with pytest.raises(InvalidInputError, match="unknown language"):
        Citation(LICENSING).render("fr")  # type: ignore[arg-type]


def test_citation_is_a_value() -> None:
    """Citations compare by value, hash and pickle."""
    a, b = Citation(LICENSING, "42", 2019), Citation(LICENSING, "42", 2019)
    assert a == b
    assert hash(a) == hash(b)
    assert pickle.loads(pickle.dumps(a)) == a
