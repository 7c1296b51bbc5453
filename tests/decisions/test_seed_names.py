"""The seed documents the decision codes cite: named once where the rendering allows it."""

from __future__ import annotations

import hashlib

from govefficiency import _seeds
from govefficiency.decisions import DECISION_CODES, get_procedure
from govefficiency.decisions import _codes as codes

#: sha256 of every code's citation rendered in zh then en, in DECISION_CODES order, taken
#: before the Zhuzhou title moved to _seeds: the move must not change a byte. Codes added
#: since (RECORD_NOT_DECIDED) are left out of the digest.
_ADDED_SINCE = frozenset({"RECORD_NOT_DECIDED"})
RENDERED = "de9a0e3d5728edcb5af0f63dd313d11aebef29c74c4f8f024a3ce0e343c83d19"


def _rendered() -> str:
    text = "".join(
        c.citation.render(lang)
        for c in DECISION_CODES
        for lang in ("zh", "en")
        if c.citation and c.code not in _ADDED_SINCE
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_the_rendered_citations_are_byte_identical() -> None:
    assert _rendered() == RENDERED


def test_zhuzhou_is_the_shared_seed_name() -> None:
    assert codes.ZHUZHOU_FOUR_MECHANISMS is _seeds.ZHUZHOU
    assert codes.CITIZEN_REPRESENTATIVES_MISSING.citation is not None
    assert codes.CITIZEN_REPRESENTATIVES_MISSING.citation.render("zh") == (
        "《株洲市人民政府关于推行四项机制的决定》：三(一)：涉及民生问题要邀请市民代表列席"
    )


def test_yanshou_and_nanyang_keep_their_own_spelling() -> None:
    """Why they stay in _codes: _seeds spells them with the document number (and no year),
    the decision citations and the seed-practice preset without it; taking _seeds' names
    would change the rendered citations and split them from the preset's sources."""
    assert codes.YANSHOU_2018 != _seeds.YANSHOU
    assert codes.NANYANG_2014 != _seeds.NANYANG
    sources = {s.key: s for s in get_procedure("seed-practice").sources}
    assert (sources["yanshou"].name, sources["yanshou"].year) == (codes.YANSHOU_2018, 2018)
    assert (sources["nanyang"].name, sources["nanyang"].year) == (codes.NANYANG_2014, 2014)
