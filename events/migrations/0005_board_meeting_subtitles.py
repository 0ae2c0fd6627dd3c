# A board meeting's heading is made from its number ("40th ASSA Board Meeting"); its title
# is only a subtitle ("Philippines 2027"). A title that repeats the heading ("40th ASSA
# Board Meeting", "40th ASSA Board Meeting: Philippines 2027") keeps only what follows it,
# in both languages. Addresses (slugs) are not touched. Going back leaves the subtitles.
#
# The rule is copied from events.models.strip_repeated_heading as it was when this was
# written, so that later changes to it do not change what this migration did.

import re

from django.db import migrations

KHMER_DIGITS = str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")
ENGLISH_HEADING = r"\s*(?:the\s+)?{number}(?:st|nd|rd|th)?\s+(?:assa\s+)?board\s+meeting\b"
KHMER_HEADING = r"\s*កិច្ចប្រជុំ\s*ក្រុមប្រឹក្សាភិបាល\s*(?:assa\s*)?(?:លើក\s*ទី\s*)?{number}(?![0-9០-៩])"
SEPARATED = re.compile(r"^\s*(?:$|[:៖;,\-–—(])")


def strip_repeated_heading(number, title):
    if not number or not (title or "").strip():
        return title
    number_pattern = (
        f"(?:{re.escape(str(number))}|{re.escape(str(number).translate(KHMER_DIGITS))})"
    )
    for pattern, khmer in ((ENGLISH_HEADING, False), (KHMER_HEADING, True)):
        match = re.match(pattern.format(number=number_pattern), title, re.IGNORECASE)
        if match is None:
            continue
        rest = title[match.end() :]
        if not (khmer or SEPARATED.match(rest)):
            continue
        rest = rest.strip()
        if rest.startswith("(") and rest.endswith(")"):
            return rest[1:-1].strip()
        return rest.lstrip(":៖;,-–— \t").strip()
    return title


def strip_headings(apps, schema_editor):
    event_model = apps.get_model("events", "Event")
    meetings = event_model.objects.filter(kind="assa-board-meeting", number__isnull=False)
    for event in meetings.iterator():
        changed = []
        for field in ("title", "title_en", "title_km"):
            value = getattr(event, field)
            stripped = strip_repeated_heading(event.number, value)
            if stripped != value:
                setattr(event, field, stripped)
                changed.append(field)
        if changed:
            event.save(update_fields=changed)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0004_title_is_a_subtitle"),
    ]

    operations = [
        migrations.RunPython(strip_headings, migrations.RunPython.noop),
    ]
