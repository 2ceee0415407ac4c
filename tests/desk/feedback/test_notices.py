"""The owner's low-rating email: built only when asked for, sent by a real SMTP server."""

from __future__ import annotations

from desk.feedback.notices import owner_alert_for, send_owner_alert
from desk.models import Feedback, FeedbackSource, Return
from desk.secrets import set_secret
from desk.settings import FEEDBACK_NOTIFY_OWNER, FEEDBACK_OWNER_EMAIL, SMTP_HOST
from tests.desk.feedback.test_record import add_return, settings
from tests.desk.messages.test_outbox import configure
from tests.fixtures_servers import SMTP_PASSWORD


def alert(db, return_id: int):
    with db.session() as session:
        ret = session.get(Return, return_id)
        feedback = Feedback(
            return_id=return_id, rating=1, comment="Nobody answered", source=FeedbackSource.PHONE
        )
        return owner_alert_for(session, ret, feedback)


def test_no_alert_unless_the_owner_asked_and_mail_is_set_up(db, smtp_server):
    return_id, _ = add_return(db)
    configure(db, smtp_server.port)
    assert alert(db, return_id) is None  # notify_owner off
    settings(db, {FEEDBACK_NOTIFY_OWNER: True})
    assert alert(db, return_id) is None  # no owner address
    settings(db, {FEEDBACK_OWNER_EMAIL: "owner@example.com", SMTP_HOST: ""})
    assert alert(db, return_id) is None  # no mail server
    settings(db, {SMTP_HOST: "127.0.0.1"})
    assert alert(db, return_id) is not None


def test_the_alert_says_who_rated_what_and_is_sent(db, smtp_server):
    return_id, _ = add_return(db)
    configure(db, smtp_server.port)
    settings(db, {FEEDBACK_NOTIFY_OWNER: True, FEEDBACK_OWNER_EMAIL: "owner@example.com"})
    built = alert(db, return_id)
    message = built.message
    assert message["To"] == "owner@example.com" and message["From"] == "loja@example.com"
    assert (
        message["Subject"].startswith("Low rating for return R-") and "1 of 5" in message["Subject"]
    )
    body = message.get_content()
    assert "Ana Souza rated return" in body and "Nobody answered" in body and "(phone)" in body
    assert send_owner_alert(built) is None  # the server needs a password the keyring lacks
    set_secret("smtp", SMTP_PASSWORD)
    thread = send_owner_alert(built)
    thread.join(timeout=20)
    assert not thread.is_alive()
    (envelope,) = smtp_server.received
    assert envelope.rcpt_tos == ["owner@example.com"]
