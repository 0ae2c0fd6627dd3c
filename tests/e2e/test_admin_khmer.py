"""The admin in Khmer as a Secretariat clerk sees it in Chromium, including what the admin's
JavaScript draws (the "0 of N selected" counter, the date and time pickers, "Add another"):
no English interface string and none of Django's wrong Khmer words. And the header's
language switch, which remembers the choice in the same cookie as the public site."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from events.models import Event
from tests.assa.test_django_catalogue import (
    WRONG_WORDS,
    english_in,
    english_interface_strings,
    interface_text,
)

pytestmark = pytest.mark.e2e


def english_and_wrong_words(page) -> dict:
    html = page.content()
    return {
        "english": english_in(interface_text(html), english_interface_strings()),
        "wrong words": [word for word in WRONG_WORDS if word in html],
    }


def test_khmer_admin_index_change_list_and_change_form(open_page, site, shoot):
    page = open_page("km", user=site.users["clerk"])

    page.goto("/admin/")
    expect(page.locator("html")).to_have_attribute("lang", "km")
    expect(page.locator("#user-tools")).to_contain_text("សូមស្វាគមន៍")
    expect(page.locator("#user-tools")).to_contain_text("មើលគេហទំព័រ")
    expect(page.locator("#recent-actions-module h2")).to_have_text("សកម្មភាពថ្មីៗ")
    shoot(page, "admin index")
    problems = {"index": english_and_wrong_words(page)}

    # The change list: its actions, and the counter the admin's JavaScript keeps.
    total = Event.objects.count()
    page.goto("/admin/events/event/")
    counter = page.locator(".action-counter")
    expect(counter).to_have_text(f"បានជ្រើសរើស 0 នៃ {total}")
    expect(page.locator(".actions label")).to_contain_text("សកម្មភាព៖")
    action = page.locator(".actions select[name=action] option[value=delete_selected]")
    expect(action).to_have_text("លុប ព្រឹត្តិការណ៍ ដែលបានជ្រើសរើស")
    page.locator("#result_list input.action-select").first.check()
    page.locator("#result_list input.action-select").nth(1).check()
    expect(counter).to_have_text(f"បានជ្រើសរើស 2 នៃ {total}")
    shoot(page, "event list with two selected")
    problems["change list"] = english_and_wrong_words(page)

    # The change form: labels ending in "៖", the date picker, "Add another".
    page.goto("/admin/events/event/add/")
    expect(page.locator("label[for=id_starts_on]")).to_have_text(re.compile(r"៖$"))
    shortcuts = page.locator("#id_starts_on ~ .datetimeshortcuts")
    expect(shortcuts.locator("a").first).to_have_text("ថ្ងៃនេះ")
    add_host = page.locator("#add_id_host")
    expect(add_host).to_have_attribute("title", "បន្ថែម ស្ថាប័នសមាជិក មួយទៀត")
    shortcuts.locator("a.date-picker-link, a[id^=calendarlink]").first.click()
    calendar = page.locator(".calendarbox:visible")
    expect(calendar).to_be_visible()
    expect(calendar.locator("caption")).to_have_text(
        re.compile(r"^(មករា|កុម្ភៈ|មីនា|មេសា|ឧសភា|មិថុនា|កក្កដា|សីហា|កញ្ញា|តុលា|វិច្ឆិកា|ធ្នូ) \d{4}$")
    )
    expect(calendar.locator(".calendar-shortcuts")).to_contain_text("ម្សិលមិញ")
    expect(calendar.locator(".calendar-cancel a")).to_have_text("បោះបង់")
    shoot(page, "event form with the date picker")
    problems["change form"] = english_and_wrong_words(page)
    page.keyboard.press("Escape")

    # A form with a time: the "Now" shortcut and the clock.
    page.goto("/admin/news/article/add/")
    time_shortcuts = page.locator("#id_published_at_1 ~ .datetimeshortcuts")
    expect(time_shortcuts.locator("a").first).to_have_text("ឥឡូវនេះ")
    time_shortcuts.locator("a[id^=clocklink]").click()
    clock = page.locator(".clockbox:visible")
    expect(clock.locator("h2")).to_have_text("ជ្រើសរើសម៉ោង")
    expect(clock).to_contain_text("អធ្រាត្រ")
    shoot(page, "article form with the clock")
    problems["article form"] = english_and_wrong_words(page)

    found = {name: p for name, p in problems.items() if p["english"] or p["wrong words"]}
    assert found == {}


def test_the_clerk_switches_the_admin_to_khmer_and_back(open_page, site, shoot):
    page = open_page("en", user=site.users["clerk"])
    page.goto("/admin/events/event/?status=held")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    switch = page.locator(".admin-language-switcher")
    expect(switch.locator("[aria-current=true]")).to_have_text("English")
    shoot(page, "english admin with the switch")

    switch.get_by_role("button", name="ខ្មែរ").click()
    expect(page.locator("html")).to_have_attribute("lang", "km")
    # The same page, with its filter.
    expect(page).to_have_url(site("/admin/events/event/?status=held"))
    expect(page.locator("#site-name")).to_have_text("ការគ្រប់គ្រង ASSA")
    shoot(page, "khmer admin after the switch")
    cookie = {c["name"]: c for c in page.context.cookies()}[settings.LANGUAGE_COOKIE_NAME]
    assert cookie["value"] == "km"

    # Remembered: the public site's root sends the clerk to the Khmer pages too.
    page.goto("/")
    expect(page).to_have_url(site("/km/"))

    page.goto("/admin/")
    page.locator(".admin-language-switcher").get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(site("/admin/"))
