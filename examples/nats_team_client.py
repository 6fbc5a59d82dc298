"""Ask Your Ads from an internal team's own code, over NATS — plain nats-py, nothing of this
project imported, as an outside team would write it.

    python examples/nats_team_client.py "What did we spend on Google last week?"
    python examples/nats_team_client.py --mode async --tenant helio-analytics "Why did ROAS drop?"
    python examples/nats_team_client.py --mode fire "What did we spend on Meta yesterday?"

The credential comes from `--url/--user/--password` (or AYA_TEAM_NATS_URL, AYA_TEAM_NATS_USER,
AYA_TEAM_NATS_PASSWORD), else from the `nats_url` and `nats_team` of `aya up`'s `.aya/stack.json`.

The three ways to ask:
- sync: a request on `aya.v1.<tenant>.ask`; the reply is the answer.
- async: the same request with `"mode": "async"`; the reply is the question's id at once, and
  the answer is published on `aya.v1.<tenant>.answer.<id>`.
- fire: a plain publish on `aya.v1.<tenant>.ask.async` with an `Idempotency-Key` header; a
  receipt on `aya.v1.<tenant>.ask.receipts` gives the id (or why it was refused).
Every reply carries `Aya-Status` (the HTTP status REST would give); an error body is
`{"error": {"code", "message"}}`; a 429 also carries `Retry-After` (seconds).

Exit status: 0 answered, 1 the answer failed, 2 refused (the error is printed).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import uuid
from pathlib import Path
from typing import Any

from nats.aio.client import Client
from nats.aio.msg import Msg

TIMEOUT = 60.0


class Refused(Exception):
    """The service said no: REST's status, a stable code, a sentence, and when to retry."""

    def __init__(self, status: int, code: str, message: str, retry_after: float | None = None):
        super().__init__(f"{status} {code}: {message}")
        self.status, self.code, self.message, self.retry_after = status, code, message, retry_after


class Team:
    """A team's connection; notices the server refusing a subject (a tenant not the team's)."""

    def __init__(self) -> None:
        self.nc = Client()
        self.refusals: asyncio.Queue[str] = asyncio.Queue()

    async def connect(self, url: str, user: str, password: str) -> None:
        async def on_error(error: Exception) -> None:
            if "permissions violation" in str(error).lower():
                self.refusals.put_nowait(str(error))

        await self.nc.connect(url, user=user, password=password, error_cb=on_error)

    async def request(self, subject: str, body: dict[str, Any], **headers: str) -> dict[str, Any]:
        """One request; its reply's body, or `Refused`."""
        data = json.dumps(body).encode()
        asked = asyncio.ensure_future(
            self.nc.request(subject, data, timeout=TIMEOUT, headers=headers or None)
        )
        refused = asyncio.ensure_future(self.refusals.get())
        done, _ = await asyncio.wait({asked, refused}, return_when=asyncio.FIRST_COMPLETED)
        for task in (asked, refused):
            if task not in done:
                task.cancel()
        if asked not in done:
            raise Refused(403, "forbidden", f"this team may not ask on {subject}")
        return _reply(asked.result())

    async def close(self) -> None:
        await self.nc.close()


def _reply(msg: Msg) -> dict[str, Any]:
    headers = msg.headers or {}
    body: dict[str, Any] = json.loads(msg.data)
    if int(headers.get("Aya-Status", "200")) >= 400:
        error = body["error"]
        retry = headers.get("Retry-After")
        raise Refused(
            int(headers["Aya-Status"]), error["code"], error["message"], float(retry or 0) or None
        )
    return body


async def ask_sync(team: Team, tenant: str, question: str) -> dict[str, Any]:
    """Ask and wait for the answer; a 429 is retried once its Retry-After has passed."""
    for attempt in range(3):
        try:
            return await team.request(f"aya.v1.{tenant}.ask", {"query": question})
        except Refused as refused:
            if refused.status != 429 or attempt == 2 or refused.retry_after is None:
                raise
            await asyncio.sleep(refused.retry_after)
    raise AssertionError("unreachable")


async def ask_async(team: Team, tenant: str, question: str) -> dict[str, Any]:
    """Get the id at once, then the answer from its subject (subscribed first, so a quick
    answer is not missed)."""
    answers = await team.nc.subscribe(f"aya.v1.{tenant}.answer.*")
    try:
        accepted = await team.request(f"aya.v1.{tenant}.ask", {"query": question, "mode": "async"})
        return await _answer_of(answers, tenant, accepted["id"])
    finally:
        await answers.unsubscribe()


async def ask_fire_and_forget(team: Team, tenant: str, question: str) -> dict[str, Any]:
    """Publish without waiting; the receipt (matched by our Idempotency-Key) gives the id."""
    key = f"example-{uuid.uuid4()}"
    receipts = await team.nc.subscribe(f"aya.v1.{tenant}.ask.receipts")
    answers = await team.nc.subscribe(f"aya.v1.{tenant}.answer.*")
    try:
        await team.nc.publish(
            f"aya.v1.{tenant}.ask.async",
            json.dumps({"query": question}).encode(),
            headers={"Idempotency-Key": key},
        )
        while True:
            msg = await receipts.next_msg(timeout=TIMEOUT)
            if json.loads(msg.data).get("idempotency_key") == key:
                receipt = _reply(msg)
                return await _answer_of(answers, tenant, receipt["id"])
    finally:
        await receipts.unsubscribe()
        await answers.unsubscribe()


async def _answer_of(answers: Any, tenant: str, query_id: str) -> dict[str, Any]:
    while True:
        msg = await answers.next_msg(timeout=TIMEOUT)
        if msg.subject == f"aya.v1.{tenant}.answer.{query_id}":
            # Answers travel in an envelope (ids, tenant, trace); the answer is its body.
            answer: dict[str, Any] = json.loads(msg.data)["body"]
            return {"id": answer["query_id"], **answer}


def _credential(args: argparse.Namespace) -> tuple[str, str, str, list[str]]:
    url = args.url or os.environ.get("AYA_TEAM_NATS_URL")
    user = args.user or os.environ.get("AYA_TEAM_NATS_USER")
    password = args.password or os.environ.get("AYA_TEAM_NATS_PASSWORD")
    if url and user and password:
        return url, user, password, []
    stack = json.loads(Path(args.stack).read_text(encoding="utf-8"))
    team = stack["nats_team"]
    return url or stack["nats_url"], team["user"], team["password"], team["tenants"]


async def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("question")
    parser.add_argument("--tenant", help="default: the team's first tenant in stack.json")
    parser.add_argument("--mode", choices=["sync", "async", "fire"], default="sync")
    parser.add_argument("--stack", default=".aya/stack.json")
    parser.add_argument("--url")
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args(argv)
    url, user, password, tenants = _credential(args)
    tenant = args.tenant or (tenants[0] if tenants else None)
    if tenant is None:
        parser.error("--tenant is needed when the credential does not come from stack.json")
    team = Team()
    await team.connect(url, user, password)
    ask = {"sync": ask_sync, "async": ask_async, "fire": ask_fire_and_forget}[args.mode]
    try:
        answer = await ask(team, tenant, args.question)
    except Refused as refused:
        print(f"refused: {refused}", file=sys.stderr)
        return 2
    finally:
        await team.close()
    if answer["status"] != "answered":
        print(f"failed: {answer['error']['code']}: {answer['error']['message']}", file=sys.stderr)
        return 1
    print(answer["answer"])
    print(f"(question {answer['id']}, route {answer['route']}, engine {answer['engine']})")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
