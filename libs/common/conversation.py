"""What a question carries of its conversation: the earlier turns the router resolves a
follow-up against and the analyst reads as history.

The gateway builds it from PostgreSQL when it releases a turn into the pipeline, so each turn
sees every turn before it, finished (a conversation's turns run one at a time, in order).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from libs.common.plan import QueryPlan

MAX_TURN_ANSWER_CHARS = 600
"""How much of an earlier answer a later turn carries: enough for the numbers it stated."""


class Turn(BaseModel):
    """One earlier turn of the conversation, as later turns see it."""

    model_config = ConfigDict(extra="ignore")

    query_id: str = Field(description="The turn's question id.")
    question: str = Field(description="The question as asked.")
    answer: str | None = Field(
        default=None,
        max_length=MAX_TURN_ANSWER_CHARS,
        description="The start of its answer (null when it failed).",
    )
    plan: QueryPlan | None = Field(default=None, description="The router's plan of it.")


class ConversationContext(BaseModel):
    """The conversation a question belongs to, and its turns so far."""

    model_config = ConfigDict(extra="ignore")

    conversation_id: str = Field(description="The conversation's id.")
    turn: int = Field(ge=1, description="This question's turn number (1 for the first).")
    turns: list[Turn] = Field(
        default_factory=list, description="The most recent earlier turns, oldest first."
    )

    @property
    def previous(self) -> Turn | None:
        """The latest earlier turn the router made a plan of (a follow-up's reference)."""
        return next((turn for turn in reversed(self.turns) if turn.plan is not None), None)
