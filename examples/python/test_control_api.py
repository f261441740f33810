#!/usr/bin/env python3
"""An SDK's integration tests against pnm-test-server, steered through its control API.

Standard library only (unittest), beside the example client it tests:

    python3 -m unittest -v test_control_api

It starts `pnm-test-server --control --control-token <random>` itself (from
node_modules/.bin in the current directory, or the command in PNM_TEST_SERVER), or uses a
server you started with --control when PLUGNMEET_URL, PLUGNMEET_API_KEY,
PLUGNMEET_API_SECRET (and PNM_CONTROL_TOKEN, if you set one) are in the environment.

The control API (GET /__control lists it) makes the next call get a 401, a 502, a hang-up or
a slow answer, seeds the server's state, sends webhooks when the test wants one, and lists
the exact bytes each request carried.
"""
import base64
import http.server
import json
import os
import secrets
import shlex
import subprocess
import threading
import unittest
import urllib.error
import urllib.request

import plugnmeet_signer as sdk


def server_command() -> list:
    """How to start pnm-test-server: PNM_TEST_SERVER, else the project's node_modules/.bin."""
    if os.environ.get("PNM_TEST_SERVER"):
        return shlex.split(os.environ["PNM_TEST_SERVER"])
    local = os.path.join(os.getcwd(), "node_modules", ".bin", "pnm-test-server")
    if not os.path.exists(local):
        raise unittest.SkipTest(f"pnm-test-server not found at {local}; set PNM_TEST_SERVER or PLUGNMEET_URL")
    return [local]


class TestServer:
    """A pnm-test-server process: its URL from the first stdout line, the rest drained so the
    pipe never fills (each request is one JSON line there)."""

    def __init__(self, *args: str):
        self.process = subprocess.Popen(
            server_command() + ["--port", "0", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        first = self.process.stdout.readline()
        if not first:
            raise RuntimeError("pnm-test-server exited: " + self.process.stderr.read())
        self.listening = json.loads(first)
        self.url = self.listening["url"]
        self.log = []
        self._drain = threading.Thread(target=self._read, daemon=True)
        self._drain.start()

    def _read(self):
        for line in self.process.stdout:
            self.log.append(json.loads(line))

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self._drain.join(timeout=30)
        self.process.stdout.close()
        self.process.stderr.close()


def control(base: str, token, method: str, path: str, body=None):
    """One control call: (HTTP status, JSON answer)."""
    data = None if body is None else json.dumps(body).encode("utf-8")
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(base + "/__control" + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


class WebhookReceiver:
    """An HTTP endpoint that checks each delivery with the example's verify_webhook."""

    def __init__(self, api_key: str, secret: str):
        self.received = []
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                try:
                    event = sdk.verify_webhook(body, dict(self.headers.items()), api_key,
                                               secret.encode("utf-8"))
                    verdict, status = event, 200
                except sdk.WebhookRejected as rejection:
                    verdict, status = str(rejection), 401
                receiver.received.append({"body": body, "verdict": verdict, "status": status})
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class ControlApiTest(unittest.TestCase):
    """The example client's failure handling, driven through the control API."""

    @classmethod
    def setUpClass(cls):
        if os.environ.get("PLUGNMEET_URL"):
            cls.process = None
            cls.url = os.environ["PLUGNMEET_URL"].rstrip("/")
            cls.api_key = os.environ["PLUGNMEET_API_KEY"]
            cls.secret = os.environ["PLUGNMEET_API_SECRET"]
            cls.token = os.environ.get("PNM_CONTROL_TOKEN")
        else:
            cls.api_key, cls.secret, cls.token = "python-key", secrets.token_hex(16), secrets.token_hex(16)
            cls.process = TestServer("--api-key", cls.api_key, "--secret", cls.secret,
                                     "--control-token", cls.token)
            cls.url = cls.process.url
        cls.server = {"url": cls.url, "apiKey": cls.api_key, "secret": cls.secret}

    @classmethod
    def tearDownClass(cls):
        if cls.process:
            cls.process.stop()

    def setUp(self):
        status, answer = self.control("POST", "/reset")
        self.assertEqual((status, answer), (200, {"reset": True}))

    def control(self, method, path, body=None):
        return control(self.url, self.token, method, path, body)

    def queue(self, route, *answers):
        status, answer = self.control("POST", "/answers", {"path": route, "answers": list(answers)})
        self.assertEqual(status, 200, answer)

    def test_a_401_is_an_auth_failure_with_the_status_code(self):
        self.queue("room/isRoomActive", {
            "status": 401,
            "json": {"status": False, "msg": "Invalid API key provided.", "status_code": "INVALID_API_KEY"},
        })
        with self.assertRaises(sdk.CallFailure) as caught:
            sdk.call(self.server, "room/isRoomActive", {"room_id": "room01"})
        self.assertEqual((caught.exception.kind, caught.exception.http_status, caught.exception.status_code),
                         ("auth", 401, "INVALID_API_KEY"))

    def test_a_real_401_for_a_wrong_secret(self):
        wrong = dict(self.server, secret=self.secret + "x")
        with self.assertRaises(sdk.CallFailure) as caught:
            sdk.call(wrong, "room/isRoomActive", {"room_id": "room01"})
        self.assertEqual((caught.exception.kind, caught.exception.status_code),
                         ("auth", "INVALID_TOKEN_OR_SIGNATURE"))

    def test_a_502_html_page_is_an_http_failure(self):
        self.queue("room/create", {"status": 502, "headers": {"Content-Type": "text/html"},
                                   "body_text": "<html><body>502 Bad Gateway</body></html>"})
        with self.assertRaises(sdk.CallFailure) as caught:
            sdk.call(self.server, "room/create", {"room_id": "room01"})
        self.assertEqual((caught.exception.kind, caught.exception.http_status), ("http", 502))
        self.assertIn("502 Bad Gateway", str(caught.exception))

    def test_a_hang_up_is_a_network_failure(self):
        self.queue("*", {"hang_up": True})
        with self.assertRaises(sdk.CallFailure) as caught:
            sdk.call(self.server, "room/isRoomActive", {"room_id": "room01"})
        self.assertEqual(caught.exception.kind, "network")

    def test_a_delayed_answer_arrives_and_a_slower_one_times_out(self):
        self.queue("room/isRoomActive",
                   {"delay_ms": 200, "json": {"status": True, "msg": "late", "is_active": True}})
        self.assertEqual(sdk.call(self.server, "room/isRoomActive", {"room_id": "room01"})["msg"], "late")
        # Far past the client's timeout, made short for the test.
        # Passed to the call: its default is bound when call() is defined, so patching
        # CALL_TIMEOUT_SECONDS would leave 5 s, racing the 5 s delay.
        self.queue("room/isRoomActive", {"delay_ms": 5000, "json": {"status": True}})
        with self.assertRaises(sdk.CallFailure) as caught:
            sdk.call(self.server, "room/isRoomActive", {"room_id": "room01"}, timeout=0.5)
        self.assertEqual(caught.exception.kind, "timeout")

    def test_a_replaced_route_answers_until_restored(self):
        status, _ = self.control("PUT", "/routes/room/isRoomActive", {
            "json": {"status": False, "msg": "room is starting", "status_code": "INTERNAL_SERVER_ERROR"}})
        self.assertEqual(status, 200)
        for _ in range(2):
            with self.assertRaises(sdk.CallFailure) as caught:
                sdk.call(self.server, "room/isRoomActive", {"room_id": "room01"})
            self.assertEqual((caught.exception.kind, str(caught.exception)), ("api", "room is starting"))
        self.control("DELETE", "/routes/room/isRoomActive")
        self.assertIs(sdk.call(self.server, "room/isRoomActive", {"room_id": "room01"})["is_active"], False)

    def test_a_seeded_room_is_active(self):
        status, state = self.control("POST", "/state",
                                     {"rooms": [{"room_id": "seeded-py", "room_title": "From Python"}]})
        self.assertEqual(status, 200, state)
        self.assertIs(sdk.call(self.server, "room/isRoomActive", {"room_id": "seeded-py"})["is_active"], True)
        info = sdk.call(self.server, "room/getActiveRoomInfo", {"room_id": "seeded-py"})
        self.assertEqual(info["room"]["room_info"]["room_title"], "From Python")

    def test_the_server_recorded_the_exact_bytes_signed(self):
        request = {"room_id": "bytes-check", "note": "caf\u00e9 \u2028"}
        sdk.call(self.server, "room/isRoomActive", {"room_id": "bytes-check"})
        with self.assertRaises(sdk.CallFailure):
            sdk.call(self.server, "room/create", request)  # refused by validation: status false
        status, listed = self.control("GET", "/requests?path=room/create")
        self.assertEqual(status, 200)
        [record] = listed["requests"]
        self.assertEqual(base64.b64decode(record["body_base64"]), sdk.encode_request(request))
        self.assertEqual(record["auth"]["ok"], True)
        self.assertEqual(record["auth"]["expected_signature"],
                         sdk.sign(sdk.encode_request(request), self.secret.encode("utf-8")))
        # Control calls are never in the list: only the two /auth calls.
        _, everything = self.control("GET", "/requests")
        self.assertEqual([r["url"] for r in everything["requests"]],
                         ["/auth/room/isRoomActive", "/auth/room/create"])

    def test_a_webhook_round_trip_through_verify_webhook(self):
        receiver = WebhookReceiver(self.api_key, self.secret)
        try:
            status, answer = self.control("POST", "/webhooks", {
                "event": {"event": "participant_joined", "room": {"room_id": "room01"},
                          "participant": {"identity": "user-1", "name": "Ada"}},
                "urls": [receiver.url]})
        finally:
            receiver.close()
        self.assertEqual(status, 200, answer)
        [delivery] = answer["deliveries"]
        [received] = receiver.received
        # The receiver accepted it, and the server reports what it sent and what it heard.
        self.assertEqual((received["status"], delivery["status"]), (200, 200))
        self.assertEqual(base64.b64decode(delivery["body_base64"]), received["body"])
        self.assertEqual(received["verdict"]["event"], "participant_joined")
        self.assertEqual(received["verdict"]["participant"], {"identity": "user-1", "name": "Ada"})
        # A delivery signed with another secret is refused by the same receiver code.
        self.assertRaises(sdk.WebhookRejected, sdk.verify_webhook, received["body"],
                          {"Authorization": delivery["token"]}, self.api_key, b"another secret")

    def test_bad_control_input_says_what_was_expected(self):
        status, answer = self.control("POST", "/answers", {"answers": [{"status": "five hundred"}]})
        self.assertEqual(status, 400)
        self.assertEqual(answer["error"]["code"], "BAD_CONTROL_INPUT")
        self.assertIn("must be an integer from 200 to 599", answer["error"]["message"])

    def test_the_control_api_needs_its_token(self):
        if not self.token:
            self.skipTest("the server was started without --control-token")
        status, answer = control(self.url, "wrong-" + self.token, "GET", "/state")
        self.assertEqual((status, answer["error"]["code"]), (401, "CONTROL_UNAUTHORIZED"))


class ControlOffTest(unittest.TestCase):
    """Without --control the control API is refused, and /auth works as ever."""

    def test_refused_without_control(self):
        if os.environ.get("PLUGNMEET_URL"):
            self.skipTest("starts its own server; PLUGNMEET_URL points at one started elsewhere")
        server = TestServer("--api-key", "off-key", "--secret", "off-secret")
        try:
            self.assertIsNone(server.listening["control"])
            status, answer = control(server.url, None, "POST", "/answers", {"answers": [{"status": 502}]})
            self.assertEqual((status, answer["error"]["code"]), (404, "CONTROL_OFF"))
            result = sdk.call({"url": server.url, "apiKey": "off-key", "secret": "off-secret"},
                              "room/isRoomActive", {"room_id": "room01"})
            self.assertIs(result["is_active"], False)
        finally:
            server.stop()
        # The refused control call never reached the request log; the /auth call did.
        self.assertEqual([r["url"] for r in server.log if r["type"] == "request"],
                         ["/auth/room/isRoomActive"])


if __name__ == "__main__":
    unittest.main()
