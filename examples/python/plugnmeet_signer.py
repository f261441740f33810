#!/usr/bin/env python3
"""A plugNmeet request signer that speaks pnm-conformance protocol v1.

Copy this file into your SDK's test tooling, replace `sign` and `verify` with calls into
your SDK, and run:

    npm run conformance -- --impl "python3 path/to/plugnmeet_signer.py"

Protocol v1 (see packages/conformance/PROTOCOL.md): one JSON request per line on stdin,
one JSON reply per line on stdout, in order. Bodies and secrets travel as base64 so any
bytes survive the trip.
"""
import base64
import hashlib
import hmac
import json
import sys


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


def reply(message: dict) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def main() -> None:
    for line in sys.stdin:
        request = json.loads(line)
        op = request.get("op")
        if op == "hello":
            reply({
                "op": "hello",
                "protocol": 1,
                "name": "python-example",
                "version": "1.0.0",
                "language": "python",
                "capabilities": ["sign", "verify"],
            })
        elif op == "bye":
            return
        else:
            case_id = request["id"]
            try:
                body = base64.b64decode(request["body"], validate=True)
                secret = base64.b64decode(request["secret"], validate=True)
                if op == "sign":
                    reply({"id": case_id, "signature": sign(body, secret)})
                elif op == "verify":
                    reply({"id": case_id, "valid": verify(body, request["signature"], secret)})
                else:
                    reply({"id": case_id, "error": f"unknown op {op!r}"})
            except ValueError as error:
                reply({"id": case_id, "error": str(error)})


if __name__ == "__main__":
    main()
