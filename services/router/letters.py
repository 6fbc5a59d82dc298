"""An email's sign-off and what follows it (name, title, phone, disclaimer) are not the question.

A line that is only a closing ("Best regards,", "Thanks,", "Cheers", "Sent from my iPhone",
"--"), or a closing and the name after its comma ("BR, Marek"), ends the message: it and
everything after it are dropped before the question is read, when some text comes before it.
A title may follow the name's comma ("Cordialement, Camille Fournier, Directrice Marketing"),
and a closing signed with both, or a "regards" signed with a name, may end the message on the
question's own line ("… for comparison? Thank you and best regards, Katrin").
A closing inside a sentence ("thanks for the numbers") is not a line of its own and stays.

A support form's fields before its description ("Subject: …", "Category: …", then
"Description: …") are its title and labels: only the description is read.

A memo's heading line ("MEMORANDUM", "Memo to the Agency", "MEMO — FOR THE ATTENTION OF THE
MEDIA AGENCY") says what kind of message this is, not what it asks ("write a memo" does): it is
dropped when text follows it.
"""

from __future__ import annotations

import re

_REGARDS = r"(?:(?:(?:thanks|thank you|many thanks) and )?(?:best|kind|warm) (?:regards|wishes))"
"""A closing no sentence ends with: on the question's own line, it and a name end the message
("… for comparison? Best regards, Inês"); "Many thanks, Margaret" may be the question's own
thanks, read with it."""
_CLOSINGS = (
    rf"(?:{_REGARDS}"
    r"|(?:best|kind|warm|many)(?: regards)?|regards|thanks|thank you|many thanks"
    r"|cheers|sincerely|yours sincerely|yours faithfully|yours truly|best wishes|br|mfg"
    r"|viele grüße|saludos|cordialement|sent from my [\w ]+|--)"
)
_NAME = r",[ \t]*(?-i:[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)"
_TITLE = r",[ \t]*(?-i:[A-Z])[^\n,.?!]{0,50}"
"""A title after the name's comma ("Cordialement, Camille Fournier, Directrice Marketing")."""
_CLOSING = re.compile(
    rf"(?im)^[ \t]*{_CLOSINGS}[ \t]*(?:[,.!]|{_NAME}(?:{_TITLE})?[.!]?)?[ \t]*$"
    rf"|(?<=[.!?])[ \t]+{_CLOSINGS}[ \t]*{_NAME}{_TITLE}[.!]?\s*\Z"
    rf"|(?<=[.!?])[ \t]+{_REGARDS}[ \t]*{_NAME}[.!]?\s*\Z"
)


_MEMO_HEADING = re.compile(
    r"(?i)\A[ \t]*(?:memo|memorandum)(?:[ \t]*[-–—:]?[ \t]*(?:to|from|re|for the attention of)\b"
    r"[^\n]*)?[ \t]*\n(?=[ \t\n]*\S)"
)
"""The heading alone, or with whom it is to or from ("Memo to the Agency"): "Memo: need Q3
spend" on its first line is the request itself."""


_TICKET_FIELDS = re.compile(
    r"\A(?:[ \t]*[A-Za-z][\w&' -]{0,40}:[^\n]*\n[ \t\n]*){1,4}?"
    r"(?i:description|details|message|body|request details)[ \t]*:[ \t]*(?=\S)"
)
"""A form's fields before its description ("Subject: Monthly figures\nCategory: Data request\n
Description: …"): the form's labels and its title, which the description says again."""


def without_signature(text: str) -> str:
    """`text` without a form's fields before its description, a memo's heading line, and from
    its first closing line on (see the module); whole when it has none of them."""
    text = _TICKET_FIELDS.sub("", text, count=1)
    text = _MEMO_HEADING.sub("", text, count=1)
    found = _CLOSING.search(text)
    if found is None or not text[: found.start()].strip():
        return text
    return text[: found.start()].rstrip()
