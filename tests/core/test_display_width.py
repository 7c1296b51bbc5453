"""CJK-aware column padding for the CLI's tables (``_cli_util.display_width`` / ``pad``)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govefficiency._cli_util import display_width, pad
from govefficiency.cli import main


@pytest.mark.parametrize(
    ("text", "width"),
    [("", 0), ("abc", 3), ("工作日", 6), ("20个工作日", 10), ("（暂定）", 8), ("e\u0301", 1), ("ＡＢ", 4)],
)
def test_display_width(text: str, width: int) -> None:
    assert display_width(text) == width


def test_pad_aligns() -> None:
    assert pad("工作日", 8) == "工作日  "
    assert pad("工作日", 8, ">") == "  工作日"
    assert pad("工作日", 9, "^") == " 工作日  "
    assert pad("工作日工作日", 4) == "工作日工作日"  # never truncated


@given(st.text(max_size=20), st.integers(min_value=0, max_value=60), st.sampled_from("<>^"))
def test_pad_reaches_the_width(text: str, width: int, align: str) -> None:
    padded = pad(text, width, align)
    assert text in padded
    assert display_width(padded) == max(width, display_width(text))


def test_rules_listing_lines_up_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--lang", "zh"]) == 0
    lines = capsys.readouterr().out.splitlines()
    # the period column ("20个工作日", "90日", ...) ends in display column 32 + 1 + 16 on
    # every line where it fits in its 16 columns
    ends = set()
    for line in lines:
        found = re.match(r"(\S+ +\S.*?)  ", line)
        assert found is not None, line
        period = found.group(1).split(" ", 1)[1].strip()
        if display_width(period) <= 16:
            ends.add(display_width(found.group(1)))
    assert ends == {49}
