"""The public API: a small sorted __all__ whose every name resolves."""

import rashomon


def test_all_is_sorted_and_small():
    assert rashomon.__all__ == sorted(rashomon.__all__)
    assert 5 <= len(rashomon.__all__) <= 15


def test_all_lists_exactly_the_lazy_names():
    assert set(rashomon.__all__) == set(rashomon._LAZY) | {"__version__"}


def test_every_exported_name_resolves():
    for name in rashomon.__all__:
        assert getattr(rashomon, name) is not None, name


def test_unknown_name_raises():
    import pytest

    with pytest.raises(AttributeError):
        rashomon.no_such_thing  # noqa: B018
