"""Khmer script helpers: digits now; word segmentation lives here too when search needs it."""

KHMER_DIGITS = str.maketrans("0123456789", "០១២៣៤៥៦៧៨៩")
ASCII_DIGITS = str.maketrans("០១២៣៤៥៦៧៨៩", "0123456789")


def to_khmer_digits(text: str) -> str:
    """Write the ASCII digits of ``text`` as Khmer digits (០១២៣៤៥៦៧៨៩)."""
    return str(text).translate(KHMER_DIGITS)


def to_ascii_digits(text: str) -> str:
    """Write the Khmer digits of ``text`` as ASCII digits (for parsing what people type)."""
    return str(text).translate(ASCII_DIGITS)
