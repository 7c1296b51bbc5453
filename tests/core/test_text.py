"""Bilingual text (``govefficiency.text``)."""

from __future__ import annotations

import pickle

import attrs
import pytest

from govefficiency.errors import InvalidInputError, InvalidTypeError
from govefficiency.text import LANGS, Text, require_lang


def test_get_in_each_language() -> None:
    """get() returns the Chinese text by default and the English on request."""
    text = Text("国庆节", "National Day")
    assert text.get() == "国庆节"
    assert text.get("zh") == "国庆节"
    assert text.get("en") == "National Day"


def test_format_fills_both_languages() -> None:
    """format() applies the same parameters to both templates."""
    text = Text("任务 {task} 没有牵头单位", "task {task} has no lead unit").format(task="T1")
    assert text == Text("任务 T1 没有牵头单位", "task T1 has no lead unit")


def test_str_shows_both() -> None:
    """str() shows Chinese then English."""
    assert str(Text("元旦", "New Year's Day")) == "元旦 / New Year's Day"


@pytest.mark.parametrize(("zh", "en", "field"), [("", "x", "zh"), ("x", "  ", "en")])
def test_empty_text_is_refused(zh: str, en: str, field: str) -> None:
    """Both languages are required: an empty or blank text raises InvalidInputError."""
    with pytest.raises(InvalidInputError, match=f"Text.{field} must not be empty"):
        Text(zh, en)


@pytest.mark.parametrize(("zh", "en", "field"), [(None, "x", "zh"), ("x", 5, "en")])
def test_non_string_text_is_refused(zh: object, en: object, field: str) -> None:
    """Non-strings raise InvalidTypeError naming the field."""
    with pytest.raises(InvalidTypeError, match=f"Text.{field} must be a str"):
        Text(zh, en)  # type: ignore[arg-type]


def test_text_is_an_immutable_hashable_value() -> None:
    """Text is frozen, hashable and picklable."""
    text = Text("春节", "Spring Festival")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        text.zh = "x"  # type: ignore[misc]
    assert {text: 1}[Text("春节", "Spring Festival")] == 1
    assert pickle.loads(pickle.dumps(text)) == text


def test_check_lang_accepts_the_two_languages() -> None:
    """require_lang returns 'zh' and 'en' unchanged; LANGS lists them."""
    assert [require_lang(lang) for lang in LANGS] == ["zh", "en"]


@pytest.mark.parametrize(
    ("lang", "error", "fragment"),
    [
        ("fr", InvalidInputError, "unknown language 'fr': use 'zh'"),
        ("ZH", InvalidInputError, "unknown language 'ZH'"),
        (None, InvalidTypeError, "lang must be the string 'zh' or 'en', not NoneType"),
        (1, InvalidTypeError, "not int"),
    ],
)
def test_check_lang_rejects_others(lang: object, error: type[Exception], fragment: str) -> None:
    """Any other language is an error; a non-string is a type error."""
    with pytest.raises(error, match=fragment):
        require_lang(lang)


def test_get_rejects_unknown_language() -> None:
    """Text.get validates its language."""
    with pytest.raises(InvalidInputError):
        Text("a", "b").get("de")  # type: ignore[arg-type]


def test_labelled_enum():
    """Members declared with their bilingual label; ``parse`` gives a bilingual error."""
    import pickle

    from govefficiency.errors import InvalidInputError
    from govefficiency.text import LabelledEnum

    class Light(LabelledEnum):
        YELLOW = ("yellow", "黄灯", "yellow light")
        RED = ("red", "红灯", "red light")

    assert Light.YELLOW.value == "yellow"
    assert Light.parse("red", "light") is Light.RED
    assert Light.RED.label == Text("红灯", "red light")
    assert [m.value for m in Light] == ["yellow", "red"]
    with pytest.raises(InvalidInputError, match="'yellow', 'red'"):
        Light.parse("green", "light")
    globals()["Light"] = Light  # picklable when reachable by name
    Light.__qualname__ = "Light"
    assert pickle.loads(pickle.dumps(Light.RED)) is Light.RED


def test_check_lang_is_the_old_name_of_require_lang() -> None:
    """check_lang() (a raising guard under a check… name) warns and still answers."""
    from govefficiency.text import check_lang

    with pytest.warns(DeprecationWarning, match="renamed require_lang"):
        assert check_lang("zh") == "zh"
