"""The MCP tools: list_accounts, list_campaigns, get_metrics, scoped to the caller's tenant."""

# No `from __future__ import annotations`: the SDK reads these signatures at registration.

from datetime import date
from typing import Annotated, Any

from mcp.server import MCPServer
from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError
from pydantic import BaseModel, Field

from lemanado_sample.auth import TokenBook
from lemanado_sample.catalog import Account, accounts_by_id, tenant
from lemanado_sample.query import (
    GROUPINGS,
    METRICS,
    RequestError,
    Row,
    metric_rows,
    parse_request,
)
from libs.common.clock import Clock


class AccountInfo(BaseModel):
    """An ad account the caller can read."""

    account_id: str = Field(examples=["gads-nwo-1"])
    platform: str = Field(examples=["google_ads"])
    name: str
    currency: str = Field(description="ISO 4217 code; all money in this account uses it.")
    timezone: str = Field(description="IANA zone; dates are days in this zone.")


class AccountList(BaseModel):
    """Result of list_accounts."""

    accounts: list[AccountInfo]


class CampaignInfo(BaseModel):
    """A campaign of an account."""

    campaign_id: str = Field(examples=["cmp-gads-nwo-1-03"])
    name: str
    status: str = Field(description="active or paused.")
    objective: str = Field(description="sales, leads, traffic or awareness.")


class CampaignList(BaseModel):
    """Result of list_campaigns."""

    campaigns: list[CampaignInfo]


class MetricsResult(BaseModel):
    """Result of get_metrics: money in the account's currency, rounded to cents."""

    account_id: str
    currency: str
    rows: list[dict[str, Any]] = Field(
        description=(
            "One row of totals, or one per date and/or campaign, sorted by date then campaign_id."
            " Keys: date (YYYY-MM-DD), campaign_id, campaign_name (strings) when grouped, then"
            " the requested metrics: counts as integers, money as numbers rounded to cents."
        )
    )


def unknown_account(account_id: str) -> ToolError:
    """The one error for a missing account and another tenant's account alike."""
    return ToolError(
        f"Unknown account {account_id!r}. Call list_accounts to see the accounts you can read."
    )


class TenantScope:
    """Resolves the caller's tenant and account from the request and checks ownership."""

    def __init__(self, book: TokenBook, today: date | None) -> None:
        self._book = book
        self._today = today

    def tenant_id(self, ctx: Context) -> str:
        """The caller's tenant; the HTTP middleware has already refused bad tokens."""
        headers = ctx.headers or {}
        tenant_id = self._book.tenant_of(headers.get("authorization"))
        if tenant_id is None:
            raise ToolError("Missing or unknown bearer token.")
        return tenant_id

    def account(self, ctx: Context, account_id: str) -> Account:
        """The caller's account with this id, or the unknown-account error."""
        account = accounts_by_id().get(account_id)
        if account is None or account.tenant_id != self.tenant_id(ctx):
            raise unknown_account(account_id)
        return account

    def today(self, account: Account) -> date:
        """AYA_TODAY if set, else the clock's date in the account's time zone."""
        return Clock(self._today).today(account.timezone)


def register_tools(server: MCPServer, scope: TenantScope) -> None:
    """Add the three Lemanado tools to `server`."""

    @server.tool()
    def list_accounts(ctx: Context) -> AccountList:
        """List the ad accounts this token can read."""
        owner = tenant(scope.tenant_id(ctx))
        return AccountList(
            accounts=[
                AccountInfo(
                    account_id=a.account_id,
                    platform=str(a.platform),
                    name=a.name,
                    currency=a.currency,
                    timezone=a.timezone,
                )
                for a in owner.accounts
            ]
        )

    @server.tool()
    def list_campaigns(account_id: str, ctx: Context) -> CampaignList:
        """List the campaigns of one account."""
        account = scope.account(ctx, account_id)
        return CampaignList(
            campaigns=[
                CampaignInfo(
                    campaign_id=c.campaign_id,
                    name=c.name,
                    status=c.status,
                    objective=c.economics.objective,
                )
                for c in account.campaigns
            ]
        )

    @server.tool()
    def get_metrics(
        account_id: str,
        start_date: Annotated[str, Field(description="First day, YYYY-MM-DD (inclusive).")],
        end_date: Annotated[str, Field(description="Last day, YYYY-MM-DD (inclusive).")],
        metrics: Annotated[list[str], Field(description=f"Any of {list(METRICS)}.")],
        ctx: Context,
        group_by: Annotated[
            tuple[str, ...], Field(description=f"Any of {list(GROUPINGS)}; empty = totals.")
        ] = (),
    ) -> MetricsResult:
        """Sum metrics (spend, impressions, clicks, conversions, conversion_value) over an
        inclusive ISO date range, optionally grouped by date and/or campaign."""
        account = scope.account(ctx, account_id)
        try:
            request = parse_request(start_date, end_date, metrics, group_by, scope.today(account))
        except RequestError as exc:
            raise ToolError(str(exc)) from None
        rows: list[Row] = metric_rows(account, request)
        # Built from our own typed rows: skip re-validating thousands of them.
        return MetricsResult.model_construct(
            account_id=account.account_id, currency=account.currency, rows=rows
        )
