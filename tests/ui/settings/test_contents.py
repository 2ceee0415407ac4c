"""What each settings page edits: every setting on one page, each secret on a page."""

from desk.secrets import SECRETS
from desk.settings import MAIL_SETTINGS, SETTINGS, SMTP_HOST
from ui.settings.contents import PAGES, SECRET_PAGES


def test_every_declared_setting_is_on_exactly_one_page():
    listed = [spec.key for _, specs in PAGES for spec in specs]
    assert sorted(listed) == sorted(SETTINGS)


def test_page_titles_are_distinct_and_the_mail_page_edits_the_mail_settings():
    titles = [title for title, _ in PAGES]
    assert len(set(titles)) == len(titles)
    assert dict(PAGES)["Email"] == MAIL_SETTINGS and SMTP_HOST in MAIL_SETTINGS


def test_each_secret_has_its_box_on_a_declared_page():
    assert set(SECRET_PAGES) == set(SECRETS)
    titles = {title for title, _ in PAGES}
    assert all(title in titles and noun for title, noun in SECRET_PAGES.values())
