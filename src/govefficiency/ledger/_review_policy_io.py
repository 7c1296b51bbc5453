"""Review-policy files under the file API convention (docs/conventions.md):
``load_review_policy``/``loads_review_policy``/``dump_review_policy``/``dumps_review_policy``,
generated from the one declaration :data:`~govefficiency.ledger._policy.REVIEW_POLICY`
(``ReviewPolicy.load`` is kept)."""

from __future__ import annotations

from govefficiency._file_api import FileApi
from govefficiency.ledger._policy import REVIEW_POLICY, ReviewPolicy

__all__ = ["dump_review_policy", "dumps_review_policy", "load_review_policy", "loads_review_policy"]

load_review_policy, loads_review_policy, dump_review_policy, dumps_review_policy = FileApi(
    REVIEW_POLICY, ReviewPolicy, "review_policy", "a ledger review policy", "govefficiency.ledger"
).functions()
