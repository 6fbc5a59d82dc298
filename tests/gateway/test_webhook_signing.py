"""Webhook signatures: what the README tells receivers to compute is what we send."""

from __future__ import annotations

import hashlib
import hmac
import re
import time
from pathlib import Path
from typing import Any

from services.gateway.signing import signature_header, verify

SECRET = "whsec_test-secret-0123456789"
BODY = b'{"id":"a","event":"budget.threshold"}'


def test_the_header_is_the_hmac_of_timestamp_dot_body() -> None:
    header = signature_header(SECRET, 1_780_000_000, BODY)
    expected = hmac.new(SECRET.encode(), b"1780000000." + BODY, hashlib.sha256).hexdigest()
    assert header == f"t=1780000000,v1={expected}"


def test_a_receiver_accepts_a_fresh_signature_and_refuses_any_change() -> None:
    header = signature_header(SECRET, 1_780_000_000, BODY)
    assert verify(SECRET, header, BODY, now=1_780_000_010)
    assert not verify(SECRET, header, BODY + b" ", now=1_780_000_010)
    assert not verify("whsec_another-secret-000000", header, BODY, now=1_780_000_010)
    forged = header.replace("t=1780000000", "t=1780000005")  # a new time needs a new signature
    assert not verify(SECRET, forged, BODY, now=1_780_000_010)


def test_a_receiver_refuses_an_old_or_malformed_signature() -> None:
    header = signature_header(SECRET, 1_780_000_000, BODY)
    assert not verify(SECRET, header, BODY, now=1_780_000_000 + 301)  # a replay, later
    assert not verify(SECRET, "v1=abc", BODY, now=1_780_000_000)
    assert not verify(SECRET, "t=soon,v1=abc", BODY, now=1_780_000_000)


def test_the_readme_verification_snippet_accepts_our_signature() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    found = re.search(r"```python\n(import hashlib, hmac, time\n.*?)```", readme, re.S)
    assert found, "the README's verification snippet is gone"
    namespace: dict[str, Any] = {}
    exec(found.group(1), namespace)
    now = int(time.time())
    header = signature_header(SECRET, now, BODY)
    assert namespace["verified"](SECRET, header, BODY)
    assert not namespace["verified"](SECRET, header, BODY + b"x")
    assert not namespace["verified"](SECRET, signature_header(SECRET, now - 600, BODY), BODY)
