"""Month, weekday and number words the period readers resolve: names to numbers.

Apart from `lexicon` (the phrases that name platforms and metrics): these are read by the date
rules and the tokenizer, never matched as entities.
"""

from __future__ import annotations

from types import MappingProxyType

from services.router.lexicon import words

MONTHS: MappingProxyType[str, int] = MappingProxyType(
    {
        **{
            name: i + 1
            for i, name in enumerate(
                words(
                    "january february march april may june july august september october "
                    "november december"
                )
            )
        },
        **{
            name: i + 1
            for i, name in enumerate(words("jan feb mar apr may jun jul aug sep oct nov dec"))
        },
        "sept": 9,
    }
)

WEEKDAYS: MappingProxyType[str, int] = MappingProxyType(
    {
        name: i
        for i, name in enumerate(words("monday tuesday wednesday thursday friday saturday sunday"))
    }
)

NUMBER_WORDS: MappingProxyType[str, int] = MappingProxyType(
    {
        name: i + 1
        for i, name in enumerate(
            words("one two three four five six seven eight nine ten eleven twelve")
        )
    }
    | {"a": 1, "an": 1, "couple": 2, "few": 3, "fourteen": 14, "thirty": 30, "ninety": 90}
)
