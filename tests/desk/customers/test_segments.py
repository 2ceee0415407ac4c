"""Customer segments: each has the name staff read."""

from desk.customers.segments import SEGMENT_LABELS, Segment


def test_every_segment_has_its_label():
    assert set(SEGMENT_LABELS) == set(Segment)
    assert [s.label for s in Segment] == [
        "New customer",
        "Occasional customer",
        "Loyal customer",
        "Frequent returner",
    ]


def test_segments_are_stored_as_their_words():
    assert Segment("loyal") is Segment.LOYAL and Segment.FREQUENT == "frequent"
