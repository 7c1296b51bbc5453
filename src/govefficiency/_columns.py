"""Recognise the columnar inputs (numpy arrays, pandas and polars Series) without importing
any of those libraries: a value can only be a numpy array if numpy has been imported.

This module is imported by the scalar API's dispatch, so it must stay tiny and import
nothing heavy; the array code itself lives in ``calendar/_arrays.py`` and
``deadlines/_arrays.py`` and is imported only when a column is passed.
"""

from __future__ import annotations

import sys
from typing import Literal

__all__ = ["ColumnKind", "column_kind"]

ColumnKind = Literal["numpy", "pandas", "polars"]


def column_kind(value: object) -> ColumnKind | None:
    """``"numpy"`` for a numpy array, ``"pandas"``/``"polars"`` for a Series of those
    libraries, ``None`` for anything else."""
    modules = sys.modules
    np = modules.get("numpy")
    if np is not None and isinstance(value, np.ndarray):
        return "numpy"
    pd = modules.get("pandas")
    if pd is not None and isinstance(value, pd.Series):
        return "pandas"
    pl = modules.get("polars")
    if pl is not None and isinstance(value, pl.Series):
        return "polars"
    return None
