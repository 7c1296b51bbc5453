"""Calendar patch files under the file API convention (docs/conventions.md):
``load_patch``/``loads_patch``/``dump_patch``/``dumps_patch``, generated from the one
declaration :data:`~govefficiency.calendar._patch.PATCH` (``CalendarPatch.load`` is kept)."""

from __future__ import annotations

from govefficiency._file_api import FileApi
from govefficiency.calendar._patch import PATCH, CalendarPatch

__all__ = ["dump_patch", "dumps_patch", "load_patch", "loads_patch"]

load_patch, loads_patch, dump_patch, dumps_patch = FileApi(
    PATCH, CalendarPatch, "patch", "a calendar patch", "govefficiency.calendar"
).functions()
