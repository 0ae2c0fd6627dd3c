"""Template helpers of the events pages: date ranges and presentation files."""

from django import template
from django.template.defaultfilters import filesizeformat
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from assa.templatetags.assa import digits, ldate

register = template.Library()

FILE_TYPES = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/webp": "WebP",
}


# Route names the documents app may give a file's download, tried in this order.
DOWNLOAD_ROUTES = ("documents:download", "documents:file")


@register.simple_tag
def date_range(starts_on, ends_on=None):
    """ "9 December 2020", "21–22 September 2022", "30 November – 2 December 2022".

    Both languages' date formats begin with the day, so a range within one month
    puts the first day in front of the full last date.
    """
    if not ends_on or ends_on == starts_on:
        return format_html('<time datetime="{}">{}</time>', starts_on.isoformat(), ldate(starts_on))
    if (starts_on.year, starts_on.month) == (ends_on.year, ends_on.month):
        first = digits(starts_on.day)
        separator = "–"
    elif starts_on.year == ends_on.year:
        first = ldate(starts_on, "MONTH_DAY_FORMAT")
        separator = " – "
    else:
        first = ldate(starts_on)
        separator = " – "
    return format_html(
        '<time datetime="{}">{}</time>{}<time datetime="{}">{}</time>',
        starts_on.isoformat(),
        first,
        separator,
        ends_on.isoformat(),
        ldate(ends_on),
    )


@register.filter
def file_type(document) -> str:
    """A short name of the file's type: PDF, Word, PowerPoint..."""
    content_type = (getattr(document, "content_type", "") or "").split(";")[0].strip()
    if content_type in FILE_TYPES:
        return FILE_TYPES[content_type]
    name = getattr(document, "original_name", "") or ""
    return name.rsplit(".", 1)[-1].upper() if "." in name else ""


@register.filter
def file_size(document) -> str:
    """The file's size for people (1.2 MB), in the page's digits."""
    size = getattr(document, "size", None)
    if size is None:
        return ""
    return digits(filesizeformat(size))


@register.filter
def document_url(document) -> str:
    """Where the public gets the file: its download if the documents app has one, else its page.

    Returns "" when neither address exists yet, so the page still renders.
    """
    if document is None:
        return ""
    for name in DOWNLOAD_ROUTES:
        try:
            return reverse(name, kwargs={"pk": document.pk})
        except NoReverseMatch:
            continue
    try:
        return document.get_absolute_url()
    except NoReverseMatch:
        return ""


@register.filter
def url_or_empty(obj) -> str:
    """obj.get_absolute_url(), or "" while the page's route does not exist yet."""
    if obj is None:
        return ""
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:
        return ""
