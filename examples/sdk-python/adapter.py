#!/usr/bin/env python3
"""A pnm-conformance protocol v2 adapter around the real plugnmeet-sdk 1.0.2 (PyPI, on
aiohttp). Run it with the interpreter of the venv install.py made:

    python3 examples/sdk-python/install.py
    .cache/examples/sdk-python/venv/bin/python examples/sdk-python/adapter.py

Capabilities: `sign` (the SDK's public `generate_hmac(message: str, secret: str)`) and
`call` (its PlugNMeet methods). It has no verifier and no webhook support.
"""
import asyncio
import base64
import contextlib
import json
import sys
from importlib.metadata import version

from plugnmeet_sdk import PlugNMeet, generate_hmac
from plugnmeet_sdk.exceptions import RequestErrorException

from sdk_endpoints import SDK_METHODS
from sdk_outcome import failure, from_exception, from_return
from sdk_requests import sdk_request

# The SDK prints every response's content type to stdout; the protocol owns stdout, so
# the SDK runs with its stdout sent to stderr and replies go to the real one.
PROTOCOL_OUT = sys.stdout


def reply(message: dict) -> None:
    PROTOCOL_OUT.write(json.dumps(message) + "\n")
    PROTOCOL_OUT.flush()


def hello(request: dict) -> dict:
    """v2 when asked; a v1 runner gets `sign` alone, so today's vectors run against the
    SDK's generate_hmac too."""
    # The PyPI package's name: the runner names the column plugnmeet-sdk/python by it.
    identity = {"name": "plugnmeet-sdk", "version": version("plugnmeet-sdk"), "language": "python"}
    if request.get("protocol", 1) >= 2:
        return {"op": "hello", "protocol": 2, **identity, "capabilities": ["sign", "call"]}
    return {"op": "hello", "protocol": 1, **identity, "capabilities": ["sign"]}


def sign(request: dict) -> dict:
    """generate_hmac takes text: bodies or secrets that are not UTF-8 cannot be given to it."""
    body = base64.b64decode(request["body"], validate=True)
    secret = base64.b64decode(request["secret"], validate=True)
    try:
        message, key = body.decode("utf-8"), secret.decode("utf-8")
    except UnicodeDecodeError:
        return {"id": request["id"], "unrepresentable": "generate_hmac takes str: not UTF-8"}
    return {"id": request["id"], "signature": generate_hmac(message=message, secret=key)}


async def call(request: dict) -> dict:
    endpoint = request["endpoint"]
    if endpoint not in SDK_METHODS:
        return failure("unsupported", f"plugnmeet-sdk 1.0.2 has no method for {endpoint}")
    method_name, request_class = SDK_METHODS[endpoint]
    server = request["server"]
    client = PlugNMeet(server["url"], server["apiKey"], server["secret"])
    method = getattr(client, method_name)
    args = []
    if request_class is not None:
        data, notes = sdk_request(request_class, request.get("request") or {})
        for what, paths in notes.items():
            if paths:
                print(f"{request['id']}: {request_class.__name__} {what}: {', '.join(paths)}", file=sys.stderr)
        args.append(data)
    with contextlib.redirect_stdout(sys.stderr):
        try:
            http_status, answer = await method(*args)
        except RequestErrorException as error:
            return from_exception(error)
    return from_return(http_status, answer)


def main() -> None:
    for line in sys.stdin:
        request = json.loads(line)
        op = request.get("op")
        if op == "hello":
            reply(hello(request))
        elif op == "bye":
            return
        elif op == "sign":
            reply(sign(request))
        elif op == "call":
            try:
                reply({"id": request["id"], **asyncio.run(call(request))})
            except (TypeError, ValueError, KeyError) as error:
                reply({"id": request["id"], "error": f"{type(error).__name__}: {error}"})
        else:
            reply({"id": request.get("id"), "error": f"unsupported op {op!r}"})


if __name__ == "__main__":
    main()
