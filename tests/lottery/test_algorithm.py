"""The lottery algorithm (gongkai-lottery-1): determinism, sensitivity to every input, uniformity."""

import copy
import hashlib
import itertools
from collections import Counter

import pytest

from gongkai.lottery import algorithm

from .draws import PUBLIC_VALUE, SECRET, document, inputs


def test_a_draw_verifies_and_repeats_exactly():
    first, second = document(), document()
    assert first == second
    assert algorithm.verify(first) == []
    assert sorted(first["result"]["order"]) == [e["number"] for e in first["inputs"]["entries"]]
    assert first["result"]["winners"] == first["result"]["order"][:10]


def test_the_published_values_follow_the_documented_steps():
    drawn = document()
    assert drawn["commitment"] == hashlib.sha256(SECRET.encode()).hexdigest()
    canonical = algorithm.canonical_json(drawn["inputs"])
    assert drawn["inputs_sha256"] == hashlib.sha256(canonical).hexdigest()
    fields = [algorithm.ALGORITHM, SECRET, PUBLIC_VALUE, drawn["inputs_sha256"]]
    encoded = b"".join(len(f.encode()).to_bytes(4, "big") + f.encode() for f in fields)
    assert drawn["seed"] == hashlib.sha256(encoded).hexdigest()


def test_a_known_draw_keeps_its_result_across_versions():
    # Pinned: if this changes, every published draw.json stops verifying.
    small = {"places": 2, "groups": [], "entries": [{"number": str(n)} for n in range(1, 8)]}
    seed = algorithm.derive_seed(secret="s", public_value="1", inputs_hash=algorithm.inputs_sha256(small))
    assert seed.hex() == PINNED_SEED
    assert algorithm.compute_result(small, seed)["order"] == PINNED_ORDER


PINNED_SEED = "612558f835ff1f686122e3ff8decaa52105f5434bf200e33dd87d98dcd2cb066"
PINNED_ORDER = ["2", "7", "5", "1", "6", "3", "4"]


def test_priority_groups_come_first_in_their_published_order():
    drawn = document(inputs=inputs(count=12, places=5, groups=("优先", "一般")))
    priority = {e["number"] for e in drawn["inputs"]["entries"] if e["group"] == "优先"}
    assert set(drawn["result"]["order"][:6]) == priority
    swapped = inputs(count=12, places=5, groups=("优先", "一般"))
    swapped["groups"] = ["一般", "优先"]
    reordered = document(inputs=swapped)
    assert set(reordered["result"]["order"][6:]) == priority


@pytest.mark.parametrize(
    "change",
    [
        {"secret": SECRET[:-1] + "e"},
        {"public_value": "38272"},
        {"public_value": PUBLIC_VALUE + " "},
    ],
)
def test_changing_the_secret_or_the_public_value_changes_the_order(change):
    assert document(**change)["result"]["order"] != document()["result"]["order"]


def test_changing_any_byte_of_the_published_list_changes_the_order():
    base = inputs()
    reference = document(inputs=base)["result"]["order"]
    canonical = algorithm.canonical_json(base).decode()
    # Change each masked name in turn, and the project title: every one changes the whole order.
    for index in range(len(base["entries"])):
        changed = copy.deepcopy(base)
        changed["entries"][index]["name"] += "x"
        assert document(inputs=changed)["result"]["order"] != reference, index
    changed = copy.deepcopy(base)
    changed["project"] = "广惠园廉租房 "
    assert algorithm.canonical_json(changed).decode() != canonical
    assert document(inputs=changed)["result"]["order"] != reference


@pytest.mark.parametrize(
    "path, value",
    [
        (("secret",), "00" * 32),
        (("commitment",), "ab" * 32),
        (("seed",), "cd" * 32),
        (("inputs_sha256",), "ef" * 32),
        (("public_value", "value"), "38273"),
        (("inputs", "places"), 11),
        (("inputs", "entries", 0, "name"), "王*"),
        (("result", "winners", 0), "999"),
    ],
)
def test_a_tampered_file_does_not_verify(path, value):
    drawn = document()
    target = drawn
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert algorithm.verify(drawn)


def test_swapping_two_places_of_the_result_does_not_verify():
    drawn = document()
    order = drawn["result"]["order"]
    order[0], order[1] = order[1], order[0]
    assert algorithm.verify(drawn) == ["result.order does not match the recomputed draw"]


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"places": -1, "entries": []}, "places"),
        ({"places": 1, "entries": [{"number": "1"}, {"number": "1"}]}, "appears twice"),
        ({"places": 1, "groups": ["甲"], "entries": [{"number": "1", "group": "乙"}]}, "not one of"),
        ({"places": 1, "entries": [{"number": "1", "score": 1.5}]}, "integers"),
    ],
)
def test_inputs_that_cannot_be_drawn_are_refused(bad, message):
    with pytest.raises(algorithm.LotteryError, match=message):
        algorithm.check_inputs(bad)


def chi_square(counts: Counter, cells: int, total: int) -> float:
    expected = total / cells
    return sum((counts.get(cell, 0) - expected) ** 2 / expected for cell in range(cells))


def test_integers_below_n_are_uniform():
    generator = algorithm.HashGenerator(b"uniform")
    draws = 30_000
    counts = Counter(generator.below(7) for _ in range(draws))
    assert chi_square(counts, 7, draws) < 22.46  # 6 degrees of freedom, p = 0.001


def test_every_permutation_is_equally_likely_over_many_seeds():
    permutations = {p: i for i, p in enumerate(itertools.permutations("abcd"))}
    draws = 9_600
    counts = Counter(
        permutations[tuple(algorithm.fisher_yates("abcd", algorithm.HashGenerator(seed.to_bytes(4, "big"))))]
        for seed in range(draws)
    )
    assert len(counts) == 24
    assert chi_square(counts, 24, draws) < 49.73  # 23 degrees of freedom, p = 0.001


def test_each_number_lands_first_equally_often_across_public_values():
    small = inputs(count=10, places=1, groups=())
    list_hash = algorithm.inputs_sha256(small)
    draws = 5_000
    counts = Counter(
        int(
            algorithm.compute_result(
                small, algorithm.derive_seed(secret=SECRET, public_value=str(v), inputs_hash=list_hash)
            )["winners"][0]
        )
        - 1
        for v in range(draws)
    )
    assert chi_square(counts, 10, draws) < 27.88  # 9 degrees of freedom, p = 0.001
