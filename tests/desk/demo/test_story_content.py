"""The story's tables: every event said in every language, shares and pools that fit the draws."""

from __future__ import annotations

from collections import Counter

from desk.codes import Channel, Event
from desk.demo.story_content import (
    COMMENT_SHARE,
    FEEDBACK_ANSWERS,
    FEEDBACK_COMMENTS,
    GREETINGS,
    MESSAGE_TEXTS,
    RATINGS,
    RATINGS_AFTER_REJECTION,
    SEND_DELAYS,
    SEND_ERRORS,
    SIGN_OFFS,
)
from desk.messages.context import LANGUAGES


def test_messages_speak_both_languages():
    for language, texts in MESSAGE_TEXTS.items():
        assert set(texts) == {str(e) for e in Event}, language
        for subject, line in texts.values():
            assert "{number}" in subject and "{number}" in line


def test_every_language_greets_signs_off_and_has_comments():
    assert set(MESSAGE_TEXTS) == set(GREETINGS) == set(SIGN_OFFS) == set(LANGUAGES)
    assert set(FEEDBACK_COMMENTS) == set(LANGUAGES)
    assert all("{first}" in greeting for greeting in GREETINGS.values())


def test_comment_pools_have_every_tone_and_no_duplicates():
    for language, pools in FEEDBACK_COMMENTS.items():
        assert set(pools) == {"good", "mixed", "poor", "made_right"}, language
        for tone, comments in pools.items():
            assert comments and len(set(comments)) == len(comments), (language, tone)


def test_every_rating_drawn_has_a_comment_share():
    ratings = set(RATINGS) | set(RATINGS_AFTER_REJECTION)
    assert ratings == {1, 2, 3, 4, 5} == set(COMMENT_SHARE)
    assert all(0 < share < 1 for share in COMMENT_SHARE.values())
    assert Counter(RATINGS)[5] == 54 and len(RATINGS) == 100


def test_send_errors_per_sending_channel_and_delays_in_order():
    assert set(SEND_ERRORS) == {Channel.EMAIL.value, Channel.SMS.value}
    for refused, outage in SEND_ERRORS.values():
        assert "{recipient}" in refused and "{recipient}" not in outage
    assert all(0 < low < high for low, high in SEND_DELAYS)
    assert set(FEEDBACK_ANSWERS) == {"reply", "portal", "phone"}
