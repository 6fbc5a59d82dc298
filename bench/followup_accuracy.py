"""Follow-up resolution: each labelled conversation replayed turn by turn, per field.

Run: .venv/bin/python bench/followup_accuracy.py [-v]   (-v lists every disagreement)

- tuning part: `tests/router/conversations.jsonl` (43 conversations; the rules were written
  against them, and the tests hold them at 100 %);
- held-out parts: `tests/router/conversations_holdout.jsonl` (15 conversations) and
  `conversations_holdout2.jsonl` (9), each labelled by hand before the router was run on it.
  The first was measured (82.1 % of follow-ups right in every field) and then its errors were
  fixed by general rules; the second was measured after that (81.2 %), and one of its errors
  fixed by a general rule. The README gives both first measurements.
A turn is read against the router's own plan of the turn before (as in the running system),
so an early mistake can carry into later turns. Prints per-field accuracy over the follow-up
turns (every turn after the first) and the share of follow-ups right in every field.
"""

from __future__ import annotations

import sys
from collections import Counter

from tests.router.conversation_support import TURN_FIELDS, load_conversations, replay

PARTS = {
    "tuning": "conversations.jsonl",
    "held-out 1": "conversations_holdout.jsonl",
    "held-out 2": "conversations_holdout2.jsonl",
}


def main(verbose: bool) -> None:
    for part, name in PARTS.items():
        conversations = load_conversations(name)
        right: Counter[str] = Counter()
        turns = whole = 0
        for conversation in conversations:
            for n, (turn, actual) in enumerate(replay(conversation)):
                if n == 0:
                    continue
                turns += 1
                wrong = [f for f in TURN_FIELDS if turn[f] != actual[f]]
                right.update(f for f in TURN_FIELDS if f not in wrong)
                whole += not wrong
                if verbose and wrong:
                    diff = {f: (turn[f], actual[f]) for f in wrong}
                    print(f"  {part}: {turn['query']!r}: {diff}")
        fields = "  ".join(f"{f} {100 * right[f] / turns:.1f}%" for f in TURN_FIELDS)
        print(f"\n== {part}: {len(conversations)} conversations, {turns} follow-up turns")
        print(f"  {fields}")
        print(f"  every field right: {100 * whole / turns:.1f}% ({whole}/{turns})")


if __name__ == "__main__":
    main("-v" in sys.argv[1:])
