"""quick_init: the model's values are made faster and stay what a frozen dataclass is."""

from __future__ import annotations

import dataclasses

import pytest

from orgc.model.entities import Src, Text
from orgc.model.frozen import quick_init


@quick_init
@dataclasses.dataclass(frozen=True, slots=True)
class Pair:
    left: str
    right: tuple[str, ...] = ()
    note: str | None = dataclasses.field(default=None, compare=False)


def test_fields_defaults_and_keywords_are_stored() -> None:
    assert (Pair("a").left, Pair("a").right, Pair("a").note) == ("a", (), None)
    assert Pair("a", ("b",), note="n") == Pair(left="a", right=("b",))
    assert repr(Pair("a", note="n")) == "Pair(left='a', right=(), note='n')"


def test_the_value_stays_frozen_and_hashable() -> None:
    pair = Pair("a")
    with pytest.raises(dataclasses.FrozenInstanceError):
        pair.left = "b"  # type: ignore[misc]
    assert hash(pair) == hash(Pair("a", note="other"))
    assert dataclasses.replace(pair, left="b") == Pair("b")


def test_missing_and_extra_arguments_are_refused_as_usual() -> None:
    with pytest.raises(TypeError):
        Pair()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Pair("a", (), None, "extra")  # type: ignore[call-arg]


def test_model_texts_compare_by_content_not_source() -> None:
    text = Text((("zh", "班组长"),), Src(None, ("title",)))  # type: ignore[arg-type]
    assert text == Text((("zh", "班组长"),))
    assert text.src is not None and text.src.path == ("title",)


@pytest.mark.parametrize(
    "decorate",
    [
        dataclasses.dataclass(frozen=True),  # not slotted
        dataclasses.dataclass(slots=True),  # not frozen
    ],
)
def test_only_frozen_slotted_dataclasses_are_taken(decorate) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TypeError, match="frozen, slotted"):
        quick_init(decorate(type("Value", (), {"__annotations__": {"x": int}})))


def test_a_default_factory_is_refused() -> None:
    with pytest.raises(TypeError, match="positional fields only"):

        @quick_init
        @dataclasses.dataclass(frozen=True, slots=True)
        class Listed:
            items: list[str] = dataclasses.field(default_factory=list)
