"""Sharing (Open Graph, Twitter cards): absolute addresses for the tags."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute(context, url) -> str:
    """``url`` as an absolute address on this site ("" stays "")."""
    if not url:
        return ""
    request = context.get("request")
    return request.build_absolute_uri(str(url)) if request else str(url)
