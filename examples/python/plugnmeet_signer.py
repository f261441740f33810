#!/usr/bin/env python3
"""A plugNmeet client that speaks pnm-conformance protocol v1 and v2, standard library only.

Copy this file into your SDK's test tooling, replace `sign`, `verify`, `call` and
`verify_webhook` with calls into your SDK, and run:

    npm run conformance -- --impl "python3 path/to/plugnmeet_signer.py"

One JSON request per line on stdin, one JSON reply per line on stdout, in order (see
packages/conformance/PROTOCOL.md). The runner's `hello` says which protocol it speaks:

- protocol 1: `sign` and `verify`. Bodies and secrets travel as base64 so any bytes
  survive the trip.
- protocol 2 adds `call` (a real request to the runner's emulator, judged on what reached
  it and on what this client made of the answer) and `webhook` (verify a delivery the way
  the plugNmeet notifier signs it).
"""
import base64
import hashlib
import hmac
import http.client
import json
import socket
import sys
import time
import urllib.error
import urllib.request

# ---------------------------------------------------------------------------------------
# Request signing (protocol v1)
# ---------------------------------------------------------------------------------------


def sign(body: bytes, secret: bytes) -> str:
    """HASH-SIGNATURE: lowercase hex HMAC-SHA256 of the exact body bytes."""
    if not secret:
        raise ValueError("empty secret")
    return hmac.new(secret, body, hashlib.sha256).hexdigest()


def verify(body: bytes, signature: str, secret: bytes) -> bool:
    """Exact and constant-time, like the plugNmeet server: lowercase hex only.

    Compare bytes, not str: compare_digest raises TypeError for a str with non-ASCII
    characters (a presented signature is attacker-controlled text)."""
    return hmac.compare_digest(sign(body, secret).encode(), signature.encode("utf-8", "surrogatepass"))


# ---------------------------------------------------------------------------------------
# API calls (protocol v2 `call`)
# ---------------------------------------------------------------------------------------

# Below the runner's per-case timeout (10 s by default), so a hung server is reported as
# this client's own `timeout` rather than as a protocol error. The runner may hand another
# one with the call (`timeoutMs`), which then applies.
CALL_TIMEOUT_SECONDS = 5.0


class CallFailure(Exception):
    """A call that did not succeed, in the protocol's terms (`kind` is auth, api, http,
    network or timeout)."""

    def __init__(self, kind: str, message: str, http_status=None, status_code=None):
        super().__init__(message)
        self.kind = kind
        self.http_status = http_status
        self.status_code = status_code

    def as_reply(self) -> dict:
        return {"kind": self.kind, "httpStatus": self.http_status,
                "statusCode": self.status_code, "message": str(self)}


def encode_request(request) -> bytes:
    """The body, serialized once: these exact bytes are signed and sent.

    ensure_ascii=True escapes every non-ASCII character, so any Python str, even one
    holding a lone surrogate from a `\\ud800` escape, becomes bytes the server can read."""
    return json.dumps(request, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def parse_answer(raw: bytes):
    """JSON as the server sent it. Python ints are exact, so an int64 above 2^53 keeps
    every digit (never parse through float)."""
    return json.loads(raw.decode("utf-8"))


def refusal(status: int, raw: bytes) -> CallFailure:
    """A non-200 answer: 401 is the server refusing the credentials, anything else is HTTP."""
    try:
        answer = parse_answer(raw)
    except ValueError:
        answer = None
    details = answer if isinstance(answer, dict) else {}
    message = details.get("msg") or raw[:200].decode("utf-8", "replace") or f"HTTP {status}"
    kind = "auth" if status == 401 else "http"
    return CallFailure(kind, message, http_status=status, status_code=details.get("status_code"))


def call(server: dict, endpoint: str, request, timeout: float = CALL_TIMEOUT_SECONDS) -> dict:
    """POST {server.url}/auth/{endpoint}, signed over exactly the bytes sent, giving up
    after `timeout` seconds."""
    url = server["url"].rstrip("/") + "/auth/" + endpoint.lstrip("/")
    body = encode_request(request)
    headers = {
        "Content-Type": "application/json",
        "API-KEY": server["apiKey"],
        "HASH-SIGNATURE": sign(body, server["secret"].encode("utf-8")),
    }
    sent = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(sent, timeout=timeout) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        # urllib raises for every status >= 400; the body still tells why.
        raise refusal(error.code, error.read()) from None
    except (TimeoutError, socket.timeout) as error:
        raise CallFailure("timeout", f"no answer within {timeout} s: {error}") from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, (TimeoutError, socket.timeout)):
            raise CallFailure("timeout", f"no answer within {timeout} s") from None
        raise CallFailure("network", f"no answer: {error.reason}") from None
    except (http.client.HTTPException, ConnectionError, OSError) as error:
        # RemoteDisconnected, IncompleteRead, a reset: the connection ended without an answer.
        raise CallFailure("network", f"no answer: {error!r}") from None
    if status != 200:
        raise refusal(status, raw)
    try:
        answer = parse_answer(raw)
    except ValueError:
        raise CallFailure("http", "the answer is not JSON: " + raw[:200].decode("utf-8", "replace"),
                          http_status=status) from None
    # Handler failures come back as HTTP 200 with status:false: never a success.
    if isinstance(answer, dict) and answer.get("status") is False:
        raise CallFailure("api", str(answer.get("msg", "")), http_status=status,
                          status_code=answer.get("status_code"))
    return answer


# ---------------------------------------------------------------------------------------
# Webhook verification (protocol v2 `webhook`)
# ---------------------------------------------------------------------------------------

# go-jose's default leeway, which the upstream verifier (webhook.VerifyRequest) uses.
CLOCK_LEEWAY_SECONDS = 60

URL_SAFE_ALPHABET = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


class WebhookRejected(Exception):
    """The delivery is not genuine, or not for this API key."""


def header(headers: dict, name: str):
    """Header names are case-insensitive; a repeated header may arrive as a list."""
    for key, value in headers.items():
        if key.lower() == name:
            return value[0] if isinstance(value, list) and value else value
    return None


def webhook_token(headers: dict) -> str:
    """The notifier sets the bare JWT (no `Bearer `) in `Authorization` and again in
    `Hash-Token`, because some Apache setups strip `Authorization`. A `Bearer ` prefix is
    tolerated for proxies that add one."""
    for name in ("authorization", "hash-token"):
        value = (header(headers, name) or "").strip()
        if value[:7].lower() == "bearer ":
            value = value[7:].strip()
        if value:
            return value
    raise WebhookRejected("no token in Authorization or Hash-Token")


def b64url_decode(text: str) -> bytes:
    """Unpadded base64url as JWS requires; anything else is refused, not repaired."""
    if not set(text) <= URL_SAFE_ALPHABET or len(text) % 4 == 1:
        raise WebhookRejected("token segment is not unpadded base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def json_object(raw: bytes, what: str) -> dict:
    try:
        value = json.loads(raw.decode("utf-8"))
    except ValueError:
        raise WebhookRejected(f"{what} is not UTF-8 JSON") from None
    if not isinstance(value, dict):
        raise WebhookRejected(f"{what} is not a JSON object")
    return value


def numeric_date(claims: dict, name: str):
    value = claims.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise WebhookRejected(f'"{name}" is not a number')
    return value


def verified_claims(token: str, api_key: str, secret: bytes) -> dict:
    """HS256 only (never `none`, never another algorithm), keyed with the API secret, then
    the registered claims the way go-jose checks them for the upstream verifier."""
    parts = token.split(".")
    if len(parts) != 3:
        raise WebhookRejected("token is not a compact JWS")
    head = json_object(b64url_decode(parts[0]), "token header")
    if head.get("alg") != "HS256":
        raise WebhookRejected(f"token algorithm {head.get('alg')!r} is not HS256")
    if "crit" in head:
        raise WebhookRejected("token has critical header parameters")
    expected = hmac.new(secret, f"{parts[0]}.{parts[1]}".encode("ascii"), hashlib.sha256).digest()
    if not hmac.compare_digest(expected, b64url_decode(parts[2])):
        raise WebhookRejected("token signature does not match the API secret")
    claims = json_object(b64url_decode(parts[1]), "token claims")
    if claims.get("iss") != api_key:
        raise WebhookRejected("token was not issued for this API key")
    now = time.time()
    expiry = numeric_date(claims, "exp")
    # Stricter than go-jose, which accepts a token without `exp`: the notifier always sets
    # one (5 minutes), and a token without it could be replayed forever.
    if expiry is None:
        raise WebhookRejected('token has no "exp"')
    if now - CLOCK_LEEWAY_SECONDS > expiry:
        raise WebhookRejected("token has expired")
    not_before = numeric_date(claims, "nbf")
    if not_before is not None and now + CLOCK_LEEWAY_SECONDS < not_before:
        raise WebhookRejected("token is not valid yet")
    issued_at = numeric_date(claims, "iat")
    if issued_at is not None and now + CLOCK_LEEWAY_SECONDS < issued_at:
        raise WebhookRejected("token was issued in the future")
    return claims


def verify_webhook(body: bytes, headers: dict, api_key: str, secret: bytes) -> dict:
    """The event, once the token is genuine and its `sha256` claim (standard padded base64
    of SHA-256 over the raw body bytes) matches. Only then is the body parsed."""
    if not secret:
        raise WebhookRejected("empty API secret")
    claims = verified_claims(webhook_token(headers), api_key, secret)
    claim = claims.get("sha256")
    if not isinstance(claim, str):
        raise WebhookRejected('token has no "sha256" claim')
    actual = base64.b64encode(hashlib.sha256(body).digest()).decode("ascii")
    if not hmac.compare_digest(actual.encode("ascii"), claim.encode("utf-8", "surrogatepass")):
        raise WebhookRejected("body does not match the token's sha256: changed or re-serialized")
    return json_object(body, "body")


# ---------------------------------------------------------------------------------------
# The protocol loop
# ---------------------------------------------------------------------------------------


def reply(message: dict) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def hello(request: dict) -> dict:
    """Protocol 2 when the runner speaks it; otherwise exactly the v1 answer."""
    if request.get("protocol", 1) >= 2:
        return {"op": "hello", "protocol": 2, "name": "python-example", "version": "1.0.0",
                "language": "python", "capabilities": ["sign", "verify", "call", "webhook"]}
    return {"op": "hello", "protocol": 1, "name": "python-example", "version": "1.0.0",
            "language": "python", "capabilities": ["sign", "verify"]}


def handle_call(case_id: str, request: dict) -> dict:
    try:
        timeout = request.get("timeoutMs", CALL_TIMEOUT_SECONDS * 1000) / 1000
        return {"id": case_id, "result": call(request["server"], request["endpoint"], request["request"], timeout)}
    except CallFailure as failure:
        return {"id": case_id, "failure": failure.as_reply()}


def handle_webhook(case_id: str, request: dict) -> dict:
    body = base64.b64decode(request["body"], validate=True)
    try:
        event = verify_webhook(body, request.get("headers") or {}, request["apiKey"],
                               request["secret"].encode("utf-8"))
    except WebhookRejected as rejection:
        return {"id": case_id, "valid": False, "reason": str(rejection)}
    return {"id": case_id, "valid": True, "event": event}


def handle_signing(case_id: str, op: str, request: dict) -> dict:
    body = base64.b64decode(request["body"], validate=True)
    secret = base64.b64decode(request["secret"], validate=True)
    if op == "sign":
        return {"id": case_id, "signature": sign(body, secret)}
    return {"id": case_id, "valid": verify(body, request["signature"], secret)}


def main() -> None:
    for line in sys.stdin:
        request = json.loads(line)
        op = request.get("op")
        if op == "hello":
            reply(hello(request))
        elif op == "bye":
            return
        else:
            case_id = request["id"]
            try:
                if op in ("sign", "verify"):
                    reply(handle_signing(case_id, op, request))
                elif op == "call":
                    reply(handle_call(case_id, request))
                elif op == "webhook":
                    reply(handle_webhook(case_id, request))
                else:
                    reply({"id": case_id, "error": f"unknown op {op!r}"})
            except (ValueError, KeyError, TypeError) as error:
                reply({"id": case_id, "error": str(error)})


if __name__ == "__main__":
    main()
