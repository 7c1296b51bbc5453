"""The bulk paths' garbage-collection pause leaves the collector as it found it."""

from __future__ import annotations

import gc
import threading

import pytest

from govefficiency._gc import gc_paused


def test_pauses_and_restores() -> None:
    """Inside the block collection is off; afterwards it is on again."""
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_nested_pauses_restore_once() -> None:
    """A nested pause does not re-enable the collector before the outer one ends."""
    with gc_paused():
        with gc_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_disabled_collector_stays_disabled() -> None:
    """If the caller had disabled collection, it stays disabled afterwards."""
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_restored_after_an_exception() -> None:
    """An exception inside the block still restores the collector."""
    with pytest.raises(ValueError, match="boom"), gc_paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_concurrent_pauses() -> None:
    """Pauses from several threads end with the collector enabled."""
    barrier = threading.Barrier(4)

    def work() -> None:
        barrier.wait()
        for _ in range(200):
            with gc_paused():
                pass

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert gc.isenabled()
