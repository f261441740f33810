"""What plugnmeet-sdk 1.0.2 returned, in the protocol's terms.

Every method returns `(http_status, parsed_json)` for any status (aiohttp's
`response.json()` parses a 401 body too), and raises `RequestErrorException` from the
underlying error when there is no JSON answer: the status, the body and the cause are all
there for a user to tell the failures apart, so the adapter does the same.
"""
import asyncio
import json

import aiohttp


def failure(kind: str, message: str, http_status=None, status_code=None) -> dict:
    return {"failure": {"kind": kind, "httpStatus": http_status, "statusCode": status_code,
                        "message": message}}


def from_return(http_status: int, answer) -> dict:
    details = answer if isinstance(answer, dict) else {}
    message = str(details.get("msg", ""))
    if http_status == 401:
        return failure("auth", message, http_status, details.get("status_code"))
    if http_status != 200:
        return failure("http", message or f"HTTP {http_status}", http_status, details.get("status_code"))
    if details.get("status") is False:
        return failure("api", message, http_status, details.get("status_code"))
    return {"result": answer}


def from_exception(error: BaseException) -> dict:
    """`RequestErrorException` wraps everything; its `__cause__` says what happened."""
    cause = error.__cause__ or error
    if isinstance(cause, (asyncio.TimeoutError, aiohttp.ServerTimeoutError)):
        return failure("timeout", f"the SDK timed out: {cause!r}")
    if isinstance(cause, aiohttp.ContentTypeError):
        # response.json() refuses a body whose Content-Type is not JSON.
        return failure("http", f"not JSON: {cause.message}", cause.status)
    if isinstance(cause, json.JSONDecodeError):
        return failure("http", f"not JSON: {cause}")
    if isinstance(cause, aiohttp.ClientConnectionError):
        return failure("network", f"no answer: {cause!r}")
    return failure("http", f"the SDK raised {cause!r}")
