"""Talking to a SPARQL 1.1 server: the Protocol for queries, the Graph Store Protocol for uploads.

Only the standard library's HTTP client is used: the protocols are two POST
requests, and every failure becomes an :class:`~graph.errors.EndpointError`
that names the URL and why.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from graph.errors import EndpointError

__all__ = ["Endpoint", "http_post"]

USER_AGENT = "sanctions-kg"


@dataclass(frozen=True)
class Endpoint:
    """A SPARQL server.

    Attributes
    ----------
    url : str
        The query service (e.g. ``http://127.0.0.1:7878/query``), or for uploads the
        Graph Store Protocol target (e.g. ``http://127.0.0.1:7878/store?default``).
    default_graph : str, optional
        Sent as ``default-graph-uri`` with each query (for servers that keep data in a named graph).
    timeout : float
        Seconds to wait for an answer.
    user, password : str, optional
        Credentials, answered for HTTP basic or digest authentication.
    """

    url: str
    default_graph: str | None = None
    timeout: float = 30.0
    user: str | None = None
    password: str | None = None


def _opener(endpoint: Endpoint) -> urllib.request.OpenerDirector:
    if endpoint.user is None:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, endpoint.url, endpoint.user, endpoint.password or "")
    return urllib.request.build_opener(
        urllib.request.HTTPDigestAuthHandler(passwords), urllib.request.HTTPBasicAuthHandler(passwords)
    )


def _reason(exc: BaseException) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        with exc:
            body = exc.read().decode("utf-8", errors="replace").strip()
        return f"HTTP {exc.code} {exc.reason}" + (f": {body[:500]}" if body else "")
    if isinstance(exc, urllib.error.URLError) and not isinstance(exc.reason, TimeoutError):
        return f"cannot connect: {exc.reason}"
    if isinstance(exc, TimeoutError | urllib.error.URLError):
        return "no answer in time (timed out)"
    return str(exc) or type(exc).__name__


def http_post(
    endpoint: Endpoint, body: bytes, *, content_type: str, accept: str, method: str = "POST"
) -> tuple[bytes, str]:
    """Send ``body`` to the endpoint (POST, or PUT to replace); return the answer and its type.

    Raises
    ------
    EndpointError
        If the server cannot be reached, does not answer in time, or answers with an error.
    """
    target = endpoint.url
    if urllib.parse.urlsplit(target).scheme not in ("http", "https"):
        raise EndpointError(target, "not an http(s) URL")
    request = urllib.request.Request(
        target,
        data=body,
        method=method,
        headers={"Content-Type": content_type, "Accept": accept, "User-Agent": USER_AGENT},
    )
    try:
        with _opener(endpoint).open(request, timeout=endpoint.timeout) as response:
            return response.read(), response.headers.get_content_type()
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise EndpointError(target, _reason(exc)) from None
