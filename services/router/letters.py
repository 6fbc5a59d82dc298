"""An email's sign-off and what follows it (name, title, phone, disclaimer) are not the question.

A line that is only a closing ("Best regards,", "Thanks,", "Cheers", "Sent from my iPhone",
"--") ends the message: it and everything after it are dropped before the question is read,
when some text comes before it. A closing inside a sentence ("thanks for the numbers") is not a
line of its own and stays.
"""

from __future__ import annotations

import re

_CLOSING = re.compile(
    r"(?im)^[ \t]*(?:(?:best|kind|warm|many)(?: regards)?|regards|thanks|thank you|many thanks"
    r"|cheers|sincerely|yours sincerely|best wishes|br|mfg|viele grüße|saludos|cordialement"
    r"|sent from my [\w ]+|--)[ \t]*[,.!]?[ \t]*$"
)


def without_signature(text: str) -> str:
    """`text` up to its first closing line (see the module), or whole when it has none."""
    found = _CLOSING.search(text)
    if found is None or not text[: found.start()].strip():
        return text
    return text[: found.start()].rstrip()
