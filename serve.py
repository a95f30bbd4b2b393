"""The server: `streamlit run serve.py` serves app.py (the router) behind guards of its own: private metrics, a
not-found page for unknown nested paths, and a bound on what one client may cost (guards.FloodGuard); and, beside
it in the same process, the read-only web API under /api/v1/ (api.py)."""

from urllib.parse import quote

import streamlit as st
from starlette.middleware import Middleware
from starlette.responses import PlainTextResponse, RedirectResponse

import api
from guards import FloodGuard

# Streamlit's own routes: the browser also probes them below the page's path (e.g. /quotes/_stcore/health)
# to find the server's base path, so they are recognised at any depth.
STREAMLIT_SEGMENTS = {"_stcore", "static", "component", "media", "app", "~"}
API_SEGMENT = "api"  # /api/v1/...: the web API's own routes (api.py), answered in JSON, never redirected


class Guard:
    """Keep /_stcore/metrics private; send unknown nested paths to the app's not-found page."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if path.rstrip("/") == "/_stcore/metrics":
            return await PlainTextResponse("Not found", status_code=404)(scope, receive, send)
        parts = [part for part in path.split("/") if part]
        if len(parts) > 1 and parts[0] != API_SEGMENT and not STREAMLIT_SEGMENTS & set(parts):
            # Streamlit answers a nested path with a page whose relative asset links break: a blank page.
            # As one segment, the same unknown address gets the app's own "page not found" notice.
            flat = "-".join(parts)
            return await RedirectResponse(f"/{quote(flat)}", status_code=307)(scope, receive, send)
        return await self.app(scope, receive, send)


app = st.App("app.py", routes=api.routes(), middleware=[Middleware(Guard), Middleware(FloodGuard)])
