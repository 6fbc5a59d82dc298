"""The web page at `/`: prebuilt static files (no build step, no Node at run time), served with
a content security policy that lets the page talk only to this gateway."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse
from starlette.staticfiles import StaticFiles

ASSETS = Path(__file__).parent / "web"

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    # A tenant's logo is an https URL of its own choosing (validated when set).
    "img-src 'self' https:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    # The page is small and changes with each release: always revalidated, never stale.
    "Cache-Control": "no-cache",
}

router = APIRouter(include_in_schema=False)


@router.api_route("/", methods=["GET", "HEAD"])
async def page() -> FileResponse:
    """The page a person signs in to and asks from."""
    return FileResponse(ASSETS / "index.html", media_type="text/html", headers=HEADERS)


class _Assets(StaticFiles):
    """The page's scripts and styles, with the page's headers."""

    async def get_response(self, path: str, scope):  # type: ignore[no-untyped-def]
        response = await super().get_response(path, scope)
        response.headers.update(HEADERS)
        return response


def add_page(app: FastAPI) -> None:
    """Serve the page at `/` and its files under `/web/`."""
    app.include_router(router)
    app.mount("/web", _Assets(directory=ASSETS), name="web")
