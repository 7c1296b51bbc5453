"""The teaching presets: schemes built from the seed texts, every number a local choice."""

from __future__ import annotations

from functools import cache
from importlib import resources

from govefficiency.assessment._io import loads_scheme
from govefficiency.assessment._scheme import Scheme
from govefficiency.errors import AssessmentError, InvalidTypeError

__all__ = ["get_scheme", "scheme_presets"]

_PRESETS = ("nanyang-quarterly", "yanshou-execution")


def scheme_presets() -> tuple[str, ...]:
    """The ids of the preset schemes."""
    return _PRESETS


def get_scheme(name: str) -> Scheme:
    """A preset scheme: ``yanshou-execution`` (seed 002 §14, annual) or
    ``nanyang-quarterly`` (seed 003 part 6, quarterly ranking of counties and
    departments). Their weights are local choices made for teaching, not law."""
    if not isinstance(name, str):
        raise InvalidTypeError(
            f"a preset name is a string, not {type(name).__name__}",
            f"预设名必须是字符串，而不是 {type(name).__name__}",
        )
    return _get_scheme(name)


@cache
def _get_scheme(name: str) -> Scheme:
    if name not in _PRESETS:
        raise AssessmentError(
            f"no assessment preset {name!r}; choose one of {', '.join(_PRESETS)}",
            f"没有考核预设 {name!r}；可选 {', '.join(_PRESETS)}",
        )
    text = resources.files("govefficiency.assessment").joinpath("presets", f"{name}.toml").read_text("utf-8")
    return loads_scheme(text, fmt="toml")
