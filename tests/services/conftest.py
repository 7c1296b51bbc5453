"""Shared builders for the services tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from govefficiency.deadlines import CalendarDays, WorkingDays
from govefficiency.findings import Finding
from govefficiency.services import Application, Catalogue, CatalogueFileError, FirstContact, Post, ServiceItem
from govefficiency.testing import CST

TEN_DAYS = WorkingDays(10)
DATA = Path(__file__).resolve().parents[2] / "examples" / "data" / "services"


def at(month: int, day: int, hour: int = 10, minute: int = 0, year: int = 2026) -> dt.datetime:
    """An instant in Beijing time."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=CST)


def item(
    item_id: str = "food",
    *,
    committed: WorkingDays | CalendarDays = TEN_DAYS,
    rule: str = "licensing.decision",
    unit: str | None = "market",
    materials: tuple[str, ...] = ("form", "licence", "plan", "rules"),
    post: str | None = "w1",
) -> ServiceItem:
    return ServiceItem(
        item_id, "食品经营许可", rule, committed, competent_unit=unit, materials=materials, post=post
    )


def catalogue(*items: ServiceItem, posts: tuple[Post, ...] = (Post("w1", "wang", "zhao"),)) -> Catalogue:
    return Catalogue(items or (item(),), posts)


def app(
    app_id: str = "A1",
    received: dt.datetime | None = None,
    *,
    item_id: str = "food",
    unit: str = "market",
    officer: str = "wang",
    **kwargs: object,
) -> Application:
    received = received or at(9, 28)
    submitted = kwargs.pop("submitted", ("form", "licence", "plan", "rules"))
    return Application(
        app_id,
        item_id,
        received,
        FirstContact(officer, unit, received),
        submitted=submitted,  # type: ignore[arg-type]
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.fixture
def cat() -> Catalogue:
    return catalogue()


def file_error(loads: Callable[[str], object], text: str) -> str:
    """The English message of the :class:`CatalogueFileError` that ``loads(text)`` raises
    (a services file's located error: it names the key path)."""
    with pytest.raises(CatalogueFileError) as err:
        loads(text)
    return err.value.en


def article(finding: Finding) -> str | None:
    """The article a finding cites (None when it cites nothing)."""
    return None if finding.citation is None else finding.citation.article
