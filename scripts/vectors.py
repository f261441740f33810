#!/usr/bin/env python3
"""Builds and checks the shared HASH-SIGNATURE vectors in vectors/*.json.

This is the independent side of the parity oracle: every expected signature and every
valid/invalid verdict is computed here with Python's hmac/hashlib, never by the TypeScript
signer under test. The script itself is checked against values published elsewhere: the
signatures in docs/plugnmeet-api.md section 1.6, the outputs printed in RFC 4231 and the
Wycheproof tags.

    python3 scripts/vectors.py generate   # rewrite the generated vector files
    python3 scripts/vectors.py check      # re-verify every vectors/*.json; exit 1 on any problem
    python3 scripts/vectors.py check DIR  # the same for another directory (no drift guard)

Standard library only. Output is deterministic: 2-space indent, UTF-8, trailing newline.
"""

import base64
import hashlib
import hmac
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VECTORS_DIR = ROOT / "vectors"
SCHEMA_PATH = VECTORS_DIR / "schema.json"
WYCHEPROOF_PATH = VECTORS_DIR / "wycheproof" / "hmac_sha256_test.json"
WYCHEPROOF_COMMIT = "dac1dd4729fd1f8dd9e1e9f3dce51d783da6c166"
DOC_PATH = ROOT / "docs" / "plugnmeet-api.md"

FORMAT_VERSION = 1
SAMPLE_SECRET = "zumyyYWqv7KR2kUqvYdq4z4sXg7XTBD2ljT6"  # plugNmeet config_sample.yaml
DOC_BODY = '{"room_id":"room01"}'
MAX_EXPANDED = 64 * 1024 * 1024  # same cap as the TypeScript loader
LARGE_BODY = 64 * 1024
BLOCK = 64  # SHA-256 block size: longer HMAC keys are hashed first

KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HEX = re.compile(r"^(?:[0-9a-f]{2})*$")
BASE64 = re.compile(r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$")
SIGNATURE = re.compile(r"^[0-9a-f]{64}$")

# Tags that follow from the bytes alone; check requires them exactly where they apply.
DERIVED_TAGS = (
    "empty-body",
    "empty-secret",
    "invalid-utf8",
    "nul-byte",
    "large-body",
    "long-secret",
    "non-ascii",
)


class Problem(Exception):
    """A vector file that is malformed or disagrees with the computation."""


# --------------------------------------------------------------------------- bytes specs


def utf8(text):
    return {"utf8": text}


def hexb(data):
    return {"hex": data.hex()}


def b64(data):
    return {"base64": base64.b64encode(data).decode("ascii")}


def repeat(unit, count, prefix=None, suffix=None):
    spec = {}
    if prefix is not None:
        spec["prefix"] = prefix
    spec["unit"] = unit
    spec["count"] = count
    if suffix is not None:
        spec["suffix"] = suffix
    return {"repeat": spec}


def expand(spec, where, allow_repeat=True):
    """Decodes a bytes spec exactly as the loader must, refusing anything ambiguous."""
    forms = "utf8, hex, base64, repeat" if allow_repeat else "utf8, hex, base64"
    if not isinstance(spec, dict) or len(spec) != 1:
        raise Problem(f"{where}: must have exactly one of {forms}")
    ((form, value),) = spec.items()
    if form == "utf8" and isinstance(value, str):
        try:
            return value.encode("utf-8")
        except UnicodeEncodeError:
            raise Problem(f"{where}/utf8: contains a lone surrogate, which has no UTF-8 encoding")
    if form == "hex" and isinstance(value, str):
        if not HEX.match(value):
            raise Problem(f"{where}/hex: must be lowercase hex with an even number of digits")
        return bytes.fromhex(value)
    if form == "base64" and isinstance(value, str):
        if not BASE64.match(value):
            raise Problem(f"{where}/base64: must be standard padded base64")
        data = base64.b64decode(value, validate=True)
        # b64decode accepts non-zero bits after the last full byte ("QR==" is b"A"): refuse them,
        # so each byte string has exactly one spelling.
        if base64.b64encode(data).decode("ascii") != value:
            raise Problem(f"{where}/base64: is not canonical (non-zero padding bits)")
        return data
    if form == "repeat" and allow_repeat and isinstance(value, dict):
        unknown = set(value) - {"prefix", "unit", "count", "suffix"}
        if unknown or "unit" not in value or "count" not in value:
            raise Problem(f"{where}/repeat: needs unit and count, optionally prefix and suffix")
        count = value["count"]
        # JSON Schema counts 1.0 and 1e3 as integers, and so does the JavaScript loader.
        if type(count) is float and count.is_integer():
            count = int(count)
        if type(count) is not int or not 1 <= count <= MAX_EXPANDED:
            raise Problem(f"{where}/repeat/count: must be an integer from 1 to {MAX_EXPANDED}")
        unit = expand(value["unit"], f"{where}/repeat/unit", False)
        if not unit:
            raise Problem(f"{where}/repeat/unit: must not be empty")
        prefix = expand(value["prefix"], f"{where}/repeat/prefix", False) if "prefix" in value else b""
        suffix = expand(value["suffix"], f"{where}/repeat/suffix", False) if "suffix" in value else b""
        if len(prefix) + len(unit) * count + len(suffix) > MAX_EXPANDED:
            raise Problem(f"{where}/repeat: expands to more than {MAX_EXPANDED} bytes")
        return prefix + unit * count + suffix
    raise Problem(f"{where}: must have exactly one of {forms}")


def sized_json(target, unit, key="message"):
    """A JSON body of exactly `target` bytes: {"<key>":"<unit repeated, topped up>"}."""
    prefix = f'{{"{key}":"'.encode()
    close = b'"}'
    unit_bytes = unit.encode()
    if target <= 256:  # small enough to read whole
        text = (prefix + unit_bytes * target)[: target - len(close)] + close
        return utf8(text.decode())
    room = target - len(prefix) - len(close)
    count, rest = divmod(room, len(unit_bytes))
    suffix = b"x" * rest + close
    spec = repeat(utf8(unit), count, utf8(prefix.decode()), utf8(suffix.decode()))
    assert len(expand(spec, "sized_json")) == target
    return spec


# --------------------------------------------------------------------------- computation


def mac(secret, body):
    return hmac.new(secret, body, hashlib.sha256).hexdigest()


def is_utf8(data):
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def derived_tags(body, secret):
    tags = set()
    if not body:
        tags.add("empty-body")
    if not secret:
        tags.add("empty-secret")
    if not (is_utf8(body) and is_utf8(secret)):
        tags.add("invalid-utf8")
    if b"\x00" in body or b"\x00" in secret:
        tags.add("nul-byte")
    if len(body) >= LARGE_BODY:
        tags.add("large-body")
    if len(secret) > BLOCK:
        tags.add("long-secret")
    if any(is_utf8(b) and any(x >= 0x80 for x in b) for b in (body, secret)):
        tags.add("non-ascii")
    return tags


def vocabulary():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return [entry["const"] for entry in schema["$defs"]["tag"]["anyOf"]]


def sign(vid, description, tags, body, secret, refusal=False):
    """A sign vector; the signature is computed here."""
    b, s = expand(body, vid), expand(secret, vid)
    vector = {"id": vid, "description": description, "tags": list(tags), "kind": "sign"}
    vector.update({"body": body, "secret": secret, "signature": mac(s, b)})
    if refusal:
        vector["refusal"] = "acceptable"
    return vector


def verify(vid, description, tags, body, secret, presented, expect):
    """A verify vector; the verdict is computed here and must match the author's intent."""
    b, s = expand(body, vid), expand(secret, vid)
    result = "valid" if presented == mac(s, b) else "invalid"
    if result != expect:
        raise Problem(f"{vid}: meant to be {expect} but computes {result}")
    vector = {"id": vid, "description": description, "tags": list(tags), "kind": "verify"}
    vector.update({"body": body, "secret": secret, "presented": presented, "result": result})
    return vector


def finish(vectors, vocab):
    """Adds the derived tags and puts every tag list in vocabulary order."""
    order = {tag: i for i, tag in enumerate(vocab)}
    for v in vectors:
        tags = set(v["tags"]) | derived_tags(expand(v["body"], v["id"]), expand(v["secret"], v["id"]))
        unknown = tags - set(order)
        if unknown:
            raise Problem(f"{v['id']}: tags not in the schema vocabulary: {sorted(unknown)}")
        v["tags"] = sorted(tags, key=order.__getitem__)
    return vectors


def vector_file(name, description, source, vectors):
    return {
        "$schema": "./schema.json",
        "formatVersion": FORMAT_VERSION,
        "name": name,
        "description": description,
        "source": source,
        "vectors": vectors,
    }


# --------------------------------------------------------------------------- the sets

# docs/plugnmeet-api.md section 1.6, copied by hand: (id, body, published HASH-SIGNATURE, note).
DOC_PUBLISHED = [
    ("doc-room-id-snake-case", DOC_BODY,
     "4b60a468df680c0739f6c7255626b31c8934efc1293b9e40667575b964bf24b5", "snake_case room_id body"),
    ("doc-room-id-camel-case", '{"roomId":"room01"}',
     "496fdc50f71f8990b97827dcefd81ce6114e74e810c436a1fad74cc9b5d0321b", "lowerCamelCase roomId body"),
    ("doc-empty-object", "{}",
     "d2a7003d22b6b6f94519230776f45e19d2086b20d1711a8eae6b0ee24d51cfeb",
     "empty JSON object, as sent to getActiveRoomsInfo and getClientFiles"),
    ("doc-empty-body", "",
     "2ae261611f37f61d3aa5f83dbadfeaa0a299b4c9c6cb142cfd9675388e422ab7", "empty body"),
    ("doc-multipart-room-id", "room01",
     "aef1a8b4b83362eff743c6a33d8767c80530ce9043e54659ed1042cb19a58709",
     "the Room-Id header value signed for multipart/form-data uploads (uploadWhiteboardFile)"),
    ("doc-utf8-room-title", '{"room_title":"Café – 会议"}',
     "4c215d3c78c7ba7386ebeefb93ec78b7967d5030396cdf979fe77ebf45e9d13c",
     "UTF-8 body with é (U+00E9), an en dash (U+2013) and CJK"),
]


def doc_set():
    vectors = []
    for vid, body, published, note in DOC_PUBLISHED:
        tags = ["doc-example"] + (["multipart"] if vid == "doc-multipart-room-id" else [])
        v = sign(vid, f"docs/plugnmeet-api.md §1.6: {note}, keyed with the sample secret.",
                 tags, utf8(body), utf8(SAMPLE_SECRET))
        if v["signature"] != published:
            raise Problem(f"{vid}: docs publish {published}, Python computes {v['signature']}")
        vectors.append(v)
    vectors.append(sign(
        "doc-snippet-literal-secret",
        'The input of the doc snippets (PHP, JS, Go, Python, Java, Ruby): body {"room_id":"room01"} '
        "keyed with the placeholder secret literally spelled SECRET. No published signature.",
        ["doc-example"], utf8(DOC_BODY), utf8("SECRET")))
    return vector_file(
        "plugnmeet-doc",
        "The signatures published in the plugNmeet API reference, and the doc snippets' own input.",
        "docs/plugnmeet-api.md §1.6 (signatures published there; scripts/vectors.py check re-reads "
        "that table), sample secret from plugNmeet-server config_sample.yaml; snippet input from "
        "the plugNmeet docs' API introduction (packages/conformance/snippets/api-introduction.txt).",
        vectors)


# RFC 4231 section 4: (case, key, data, published HMAC-SHA-256, note).
RFC4231 = [
    (1, b"\x0b" * 20, b"Hi There",
     "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7", "20-byte key of 0x0b"),
    (2, b"Jefe", b"what do ya want for nothing?",
     "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
     "key shorter than the output"),
    (3, b"\xaa" * 20, b"\xdd" * 50,
     "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
     "combined key and data length above 64 bytes"),
    (4, bytes(range(1, 26)), b"\xcd" * 50,
     "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
     "25-byte key 0x01..0x19"),
    (6, b"\xaa" * 131, b"Test Using Larger Than Block-Size Key - Hash Key First",
     "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
     "131-byte key, hashed first"),
    (7, b"\xaa" * 131,
     b"This is a test using a larger than block-size key and a larger than block-size data. "
     b"The key needs to be hashed before being used by the HMAC algorithm.",
     "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
     "131-byte key and data longer than one block"),
]
RFC4231_CASE5 = (b"\x0c" * 20, b"Test With Truncation", "a3b6167473100ee06e0c796c2955552b")


def rfc_spec(data):
    return utf8(data.decode("ascii")) if data.isascii() and data.decode().isprintable() else hexb(data)


def rfc4231_set():
    vectors = []
    for case, key, data, published, note in RFC4231:
        v = sign(f"rfc4231-case-{case}", f"RFC 4231 §4.{case + 1} test case {case}: {note}.",
                 ["rfc4231"], rfc_spec(data), rfc_spec(key))
        if v["signature"] != published:
            raise Problem(f"rfc4231 case {case}: RFC prints {published}, Python computes {v['signature']}")
        vectors.append(v)
    key, data, truncated = RFC4231_CASE5
    if not mac(key, data).startswith(truncated):
        raise Problem("rfc4231 case 5: the RFC's 128-bit tag is not a prefix of the computed MAC")
    vectors.append(verify(
        "rfc4231-case-5-truncated",
        "RFC 4231 §4.6 test case 5 prints only a 128-bit truncated tag. plugNmeet compares the full "
        "64 hex digits, so a verifier must refuse the truncated tag even though it is a correct prefix.",
        ["rfc4231", "truncated", "verify-negative", "wrong-length"],
        rfc_spec(data), hexb(key), truncated, "invalid"))
    return vector_file(
        "rfc4231",
        "RFC 4231 HMAC-SHA-256 test cases with full-length outputs (1-4, 6, 7); case 5's truncated "
        "tag as a verify negative.",
        "RFC 4231 (Identifiers and Test Vectors for HMAC-SHA-224, HMAC-SHA-256, HMAC-SHA-384, and "
        "HMAC-SHA-512), section 4; the printed outputs are cross-checked by scripts/vectors.py. "
        "RFC text © IETF Trust.",
        vectors)


def wycheproof_set():
    source = json.loads(WYCHEPROOF_PATH.read_text(encoding="utf-8"))
    flag_tags = {"Pseudorandom": "pseudorandom", "ModifiedTag": "modified-tag"}
    vectors = []
    for group in source["testGroups"]:
        if group["tagSize"] != 256:
            continue  # truncated tags: plugNmeet only ever compares the full 256-bit MAC
        for t in group["tests"]:
            key, msg = bytes.fromhex(t["key"]), bytes.fromhex(t["msg"])
            flags = ", ".join(t["flags"]) or "none"
            tags = ["wycheproof"] + [flag_tags[f] for f in t["flags"]]
            note = (f"Wycheproof tcId {t['tcId']} (keySize {group['keySize']}, tagSize 256): "
                    f"{t['comment'] or 'no comment'}; flags: {flags}; result: {t['result']}.")
            body, secret = hexb(msg), hexb(key)
            vid = f"wycheproof-{t['tcId']}"
            if t["result"] == "valid":
                v = sign(vid, note, tags, body, secret, refusal=not key)
                if v["signature"] != t["tag"]:
                    raise Problem(f"{vid}: Wycheproof tag {t['tag']}, Python computes {v['signature']}")
            elif t["result"] == "invalid":
                v = verify(vid, note, tags + ["verify-negative"], body, secret, t["tag"], "invalid")
            else:
                raise Problem(f"{vid}: unexpected Wycheproof result {t['result']!r}")
            vectors.append(v)
    return vector_file(
        "wycheproof",
        "Wycheproof HMAC-SHA256 vectors with full 256-bit tags: valid cases as sign vectors, "
        "modified tags as verify negatives. Bodies and secrets are arbitrary bytes.",
        f"C2SP/wycheproof testvectors_v1/hmac_sha256_test.json at commit {WYCHEPROOF_COMMIT} "
        "(copied unchanged to vectors/wycheproof/), Apache License 2.0 (vectors/wycheproof/LICENSE). "
        "Converted by scripts/vectors.py; only the tagSize 256 groups. Ids follow Wycheproof tcIds "
        "at that pinned commit (upstream renumbers them between releases).",
        vectors)


PRETTY = {"room_id": "room01", "metadata": {"room_title": "Weekly sync",
                                             "room_features": {"allow_webcams": True}}}


def edge_body(vid, description, tags, body):
    return sign(vid, description, tags, body, utf8(SAMPLE_SECRET))


def edge_secret(vid, description, tags, secret, body=None, refusal=False):
    return sign(vid, description, tags, body or utf8(DOC_BODY), secret, refusal)


def edge_set():
    pretty_lf = json.dumps(PRETTY, indent=2, separators=(",", ": "))
    s64 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+/"
    assert len(s64) == 64
    v = [
        # ---- whitespace and layout
        edge_body("empty-body", "Empty body (repeats doc-empty-body so this set stands alone).",
                  [], utf8("")),
        edge_body("whitespace-only-space", "A single space.", ["whitespace"], utf8(" ")),
        edge_body("whitespace-only-mixed", "Space, tab, CR, LF and nothing else.",
                  ["whitespace", "crlf"], utf8(" \t\r\n")),
        edge_body("json-spaced-separators",
                  "Python json.dumps default separators (', ' and ': '): same JSON value as "
                  "doc-room-id-snake-case, other bytes, other signature.",
                  ["whitespace"], utf8('{"room_id": "room01", "user_info": {"name": "Ann"}}')),
        edge_body("leading-space", "A space before the JSON object.", ["whitespace"],
                  utf8(" " + DOC_BODY)),
        edge_body("pretty-printed-lf", "JSON.stringify(value, null, 2) style, LF line endings.",
                  ["whitespace", "pretty-printed"], utf8(pretty_lf)),
        edge_body("pretty-printed-crlf", "The same pretty-printed JSON with CR LF line endings.",
                  ["whitespace", "pretty-printed", "crlf"], utf8(pretty_lf.replace("\n", "\r\n"))),
        edge_body("pretty-printed-tabs", "Pretty-printed JSON indented with tabs.",
                  ["whitespace", "pretty-printed"],
                  utf8(json.dumps(PRETTY, indent="\t", separators=(",", ": ")))),
        edge_body("trailing-newline-lf", "The doc body followed by LF, as plain `echo` sends it.",
                  ["whitespace", "trailing-newline"], utf8(DOC_BODY + "\n")),
        edge_body("trailing-newline-crlf", "The doc body followed by CR LF.",
                  ["whitespace", "trailing-newline", "crlf"], utf8(DOC_BODY + "\r\n")),
        # ---- JSON escapes kept as escape text
        edge_body("json-escape-newline-tab",
                  r"JSON escapes \n and \t as two-character escape text (no real newline or tab).",
                  ["json-escapes", "backslash"], utf8(r'{"message":"line1\nline2\tend"}')),
        edge_body("json-escape-backslash", r"Escaped backslashes (\\) in a Windows-style path.",
                  ["json-escapes", "backslash"], utf8(r'{"file_path":"C:\\recordings\\room01"}')),
        edge_body("json-escape-quote", r"Escaped double quotes (\").",
                  ["json-escapes", "backslash"], utf8(r'{"room_title":"The \"big\" meeting"}')),
        edge_body("json-escape-unicode-lowercase",
                  r"\u00e9 as six ASCII characters: not the same bytes as a literal é.",
                  ["json-escapes", "backslash"], utf8(r'{"room_title":"Caf\u00e9"}')),
        edge_body("json-escape-unicode-uppercase",
                  r"\u00E9 with uppercase hex: same JSON value as \u00e9, other bytes.",
                  ["json-escapes", "backslash"], utf8(r'{"room_title":"Caf\u00E9"}')),
        edge_body("json-escape-solidus", r"Escaped solidus \/ as PHP json_encode writes it.",
                  ["json-escapes", "backslash"], utf8(r'{"logout_url":"https:\/\/example.com\/bye"}')),
        edge_body("json-escape-nul", r"The escape text \u0000 (six ASCII bytes, no NUL byte).",
                  ["json-escapes", "backslash"], utf8(r'{"message":"a\u0000b"}')),
        edge_body("json-escape-surrogate-pair", r"An emoji as the escape pair \ud83c\udf89.",
                  ["json-escapes", "backslash"], utf8(r'{"message":"\ud83c\udf89"}')),
        # ---- shell hazards
        edge_body("backslash-c", r"Literal \c, which dash's echo and `echo -e` treat as 'stop output'.",
                  ["backslash"], utf8(r'{"message":"stop\cthere"}')),
        edge_body("backslash-octal", r"Literal \0101, which dash's echo turns into 'A'.",
                  ["backslash"], utf8(r'{"message":"\0101"}')),
        edge_body("backslash-double-n", r"Literal \\n (two backslashes, n), which echo may fold.",
                  ["backslash", "json-escapes"], utf8(r'{"message":"a\\nb"}')),
        edge_body("percent-conversions", "Percent signs that printf would treat as conversions.",
                  ["percent"], utf8('{"message":"100% done %s %d %%"}')),
        edge_body("option-lookalike-n", "The body is exactly -n (echo's no-newline option).",
                  ["option-lookalike"], utf8("-n")),
        edge_body("option-lookalike-e", "The body is exactly -e (echo's escapes option).",
                  ["option-lookalike"], utf8("-e")),
        edge_body("option-lookalike-upper-e", "The body is exactly -E.", ["option-lookalike"],
                  utf8("-E")),
        edge_body("option-lookalike-dash", "The body is exactly '-' (stdin for many tools).",
                  ["option-lookalike"], utf8("-")),
        edge_body("option-lookalike-double-dash", "The body is exactly '--' (end of options).",
                  ["option-lookalike"], utf8("--")),
        edge_body("at-sign-file-name",
                  "Starts with '@': curl -d @room.json would send the file's contents instead.",
                  ["at-sign"], utf8("@room.json")),
        # ---- non-ASCII text
        edge_body("non-ascii-nfc", "é precomposed (U+00E9, NFC).", [],
                  utf8('{"room_title":"Café"}')),
        edge_body("non-ascii-nfd",
                  "é decomposed (e + U+0301, NFD): looks like non-ascii-nfc, other bytes.",
                  ["unicode-normalization"],
                  utf8('{"room_title":"' + unicodedata.normalize("NFD", "Café") + '"}')),
        edge_body("non-ascii-cjk", "CJK characters (3 UTF-8 bytes each).", [],
                  utf8('{"room_title":"会议"}')),
        edge_body("non-ascii-latin1-range",
                  "Code points below U+0100 that a Latin-1 default charset would encode as one byte.",
                  [], utf8('{"name":"ÿ ß ñ ü"}')),
        edge_body("non-ascii-rtl", "Cyrillic, Arabic and Hebrew text (right-to-left scripts).", [],
                  utf8('{"room_title":"Привет – مرحبا – שלום"}')),
        edge_body("non-ascii-nbsp", "A no-break space (U+00A0) that looks like a space.",
                  ["whitespace"], utf8('{"room_title":"a\u00a0b"}')),
        edge_body("emoji-basic", "A 4-byte UTF-8 emoji (U+1F389; a surrogate pair in UTF-16).",
                  ["emoji"], utf8('{"message":"\U0001F389"}')),
        edge_body("emoji-zwj-sequence",
                  "ZWJ sequences: woman technologist and a family of four (U+200D joiners).",
                  ["emoji"], utf8('{"message":"\U0001F469\u200d\U0001F4BB '
                                  '\U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466"}')),
        edge_body("emoji-flag-skin-tone-vs16",
                  "A flag (regional indicators), a skin-tone modifier and a VS16 heart.",
                  ["emoji"], utf8('{"message":"\U0001F1E7\U0001F1E9 \U0001F44D\U0001F3FD \u2764\ufe0f"}')),
        edge_body("bom-prefixed", "A UTF-8 byte order mark (EF BB BF) before the JSON.", ["bom"],
                  utf8("\ufeff" + DOC_BODY)),
        edge_body("bom-only", "The body is only a UTF-8 byte order mark.", ["bom"], utf8("\ufeff")),
        # ---- NUL bytes and bytes that are not UTF-8
        edge_body("nul-byte-only", "A single 0x00 byte.", [], hexb(b"\x00")),
        edge_body("nul-byte-in-string", "A raw 0x00 byte inside a JSON string.", [],
                  utf8('{"message":"a\x00b"}')),
        edge_body("nul-byte-trailing", "The doc body followed by a C-string terminator 0x00.", [],
                  hexb(DOC_BODY.encode() + b"\x00")),
        edge_body("invalid-utf8-lone-ff", "A lone 0xFF byte, never valid in UTF-8.", [],
                  hexb(b'{"message":"\xff"}')),
        edge_body("invalid-utf8-overlong", "C0 AF, an overlong encoding of '/'.", [],
                  hexb(b'{"message":"\xc0\xaf"}')),
        edge_body("invalid-utf8-cesu-surrogate",
                  "ED A0 80: the lone surrogate U+D800 encoded CESU-8 style.", [],
                  hexb(b'{"message":"\xed\xa0\x80"}')),
        edge_body("invalid-utf8-truncated", "Ends in the middle of a 3-byte sequence (E4 BC).", [],
                  hexb(b'{"message":"\xe4\xbc')),
        edge_body("invalid-utf8-latin1",
                  "é encoded as Latin-1 (E9), what a platform-default charset would send.", [],
                  b64('{"room_title":"Café"}'.encode("latin-1"))),
        # ---- sizes
        edge_body("padding-boundary-55", "55 bytes: the inner hash (64 + 55) still fits two blocks.",
                  ["padding-boundary"], sized_json(55, "a")),
        edge_body("padding-boundary-56", "56 bytes: the inner hash needs a third block for padding.",
                  ["padding-boundary"], sized_json(56, "a")),
        edge_body("padding-boundary-64", "Exactly one 64-byte block of body.", ["padding-boundary"],
                  sized_json(64, "a")),
        edge_body("large-body-64kib", "Exactly 65536 bytes: a full Linux pipe buffer.",
                  ["pipe-buffer"], sized_json(65536, "The quick brown fox jumps over the lazy dog. ")),
        edge_body("large-body-64kib-plus-1", "65537 bytes: one byte more than a pipe buffer.",
                  ["pipe-buffer"], sized_json(65537, "The quick brown fox jumps over the lazy dog. ")),
        edge_body("large-body-128kib-minus-1",
                  "131071 bytes: the longest single argv string Linux accepts (MAX_ARG_STRLEN - 1).",
                  ["argv-limit"], sized_json(131071, "0123456789")),
        edge_body("large-body-128kib",
                  "131072 bytes: too long for one command-line argument on Linux.",
                  ["argv-limit"], sized_json(131072, "0123456789")),
        edge_body("large-body-1mib", "Exactly 1 MiB of JSON with a 45-byte repeating unit.", [],
                  sized_json(1 << 20, "The quick brown fox jumps over the lazy dog. ")),
        edge_body("large-body-1mib-non-ascii",
                  "Exactly 1 MiB with multi-byte characters straddling every chunk boundary.", [],
                  sized_json(1 << 20, "会议 Café \U0001F389 ")),
        # ---- secrets (body: the doc body)
        edge_secret("secret-1-byte", "A 1-byte secret.", ["short-secret"], utf8("k")),
        edge_secret("secret-64-bytes", "A 64-byte secret: exactly one block, used as is.",
                    ["block-size-secret"], utf8(s64)),
        edge_secret("secret-65-bytes", "A 65-byte secret: one byte over the block, hashed first.",
                    ["block-size-secret"], utf8(s64 + "=")),
        edge_secret("secret-131-bytes", "A 131-byte ASCII secret (RFC 4231's long-key length).",
                    [], utf8(("plugnmeet-" * 14)[:131])),
        edge_secret("secret-64-bytes-32-chars",
                    "32 × é: 32 characters but 64 UTF-8 bytes, exactly one block.",
                    ["block-size-secret", "non-ascii-secret"], utf8("é" * 32)),
        edge_secret("secret-66-bytes-33-chars",
                    "33 × é: only 33 characters but 66 UTF-8 bytes, so it is hashed first.",
                    ["block-size-secret", "non-ascii-secret"], utf8("é" * 33)),
        edge_secret("secret-non-ascii", "A secret with é: its UTF-8 bytes are the key.",
                    ["non-ascii-secret"], utf8("sécret-clé")),
        edge_secret("secret-emoji", "A secret with emoji, one of them a ZWJ sequence.",
                    ["non-ascii-secret", "emoji"], utf8("\U0001F511-secret-\U0001F469\u200d\U0001F4BB")),
        edge_secret("secret-shell-metacharacters",
                    "A secret full of shell metacharacters: $, quotes, backticks, spaces, ':' and more.",
                    ["shell-metacharacters", "whitespace", "backslash", "percent"],
                    utf8("$HOME \"dq\" 'sq' `id` a:b;c&d|e*f!g#h\\i%s $(x)")),
        edge_secret("secret-leading-dash", "A secret that starts like an option.",
                    ["option-lookalike"], utf8("-hmac")),
        edge_secret("secret-colon-hexkey",
                    "The text 'hexkey:00ff', used as 11 literal bytes (openssl -macopt key:… "
                    "must not reinterpret it).",
                    ["secret-format"], utf8("hexkey:00ff")),
        edge_secret("secret-hex-lookalike", "A hex-looking secret: its ASCII bytes are the key.",
                    ["secret-format"], utf8("4b60a468df680c07")),
        edge_secret("secret-base64-lookalike",
                    "A base64-looking secret: its ASCII bytes are the key, it is not decoded.",
                    ["secret-format"], utf8("c2VjcmV0LWtleQ==")),
        edge_secret("secret-trailing-newline",
                    "The sample secret plus LF, as read whole from a file or `echo` output.",
                    ["whitespace", "trailing-newline"], utf8(SAMPLE_SECRET + "\n")),
        edge_secret("secret-surrounding-spaces", "The sample secret with a space on each side.",
                    ["whitespace"], utf8(" " + SAMPLE_SECRET + " ")),
        edge_secret("secret-nul-byte", "A NUL byte inside the secret (C strings stop there).", [],
                    utf8("sec\x00ret")),
        edge_secret("secret-binary", "32 arbitrary bytes that are not UTF-8.", ["binary-secret"],
                    b64(bytes.fromhex("9f3c00ff8ac1e2d4" "b1ffc3287a0e55d6" "0183f4e9c2aa17bd" "fe80c0af11d3e59b"))),
        edge_secret("secret-latin1", "'sécret' encoded as Latin-1 (E9): not UTF-8.",
                    ["binary-secret", "non-ascii-secret"], hexb("sécret".encode("latin-1"))),
        edge_secret("secret-empty",
                    "The empty secret: HMAC is defined, but Web Crypto refuses zero-length keys and "
                    "a signer may refuse it; if it signs, this is the signature.",
                    [], utf8(""), refusal=True),
        edge_secret("secret-empty-body-empty", "Empty secret and empty body.", [], utf8(""),
                    body=utf8(""), refusal=True),
    ]
    return vector_file(
        "edge-cases",
        "Byte-level edge cases for JSON request bodies and API secrets: whitespace, JSON escapes, "
        "shell hazards, non-ASCII, emoji, BOM, NUL, invalid UTF-8, large bodies, odd secrets.",
        "Written for plugnmeet-signing; signatures computed by scripts/vectors.py "
        "(Python hmac/hashlib).",
        v)


def flip_bit(signature, byte, bit):
    raw = bytearray.fromhex(signature)
    raw[byte] ^= 1 << bit
    return raw.hex()


def mixed_case(text):
    out, upper = [], True
    for ch in text:
        if ch.isalpha():
            out.append(ch.upper() if upper else ch)
            upper = not upper
        else:
            out.append(ch)
    return "".join(out)


def fullwidth_first_digit(signature):
    i = next(i for i, ch in enumerate(signature) if ch.isdigit())
    return signature[:i] + chr(0xFF10 + int(signature[i])) + signature[i + 1:]


def negatives_set():
    bodies = [
        ("room-id", DOC_BODY, "the doc body {\"room_id\":\"room01\"}"),
        ("empty-body", "", "the empty body"),
        ("utf8-title", '{"room_title":"Café – 会议"}', "the UTF-8 doc body"),
    ]
    secret = SAMPLE_SECRET.encode()
    vectors = []
    for i, (name, text, label) in enumerate(bodies):
        body = text.encode()
        good = mac(secret, body)
        other = mac(secret, bodies[(i + 1) % len(bodies)][1].encode())
        cases = [
            ("valid", "the correct signature", ["verify-positive"], good, "valid"),
            ("uppercase", "the signature in uppercase hex", ["uppercase"], good.upper(), "invalid"),
            ("mixed-case", "the signature in mixed-case hex", ["uppercase"], mixed_case(good), "invalid"),
            ("truncated-63", "the signature without its last digit", ["truncated", "wrong-length"],
             good[:63], "invalid"),
            ("truncated-32", "the first 32 digits (a 128-bit truncated tag)",
             ["truncated", "wrong-length"], good[:32], "invalid"),
            ("empty", "an empty header value", ["wrong-length"], "", "invalid"),
            ("bit-flip-first", "the most significant bit of the first byte flipped", ["bit-flip"],
             flip_bit(good, 0, 7), "invalid"),
            ("bit-flip-first-low", "the least significant bit of the first byte flipped",
             ["bit-flip"], flip_bit(good, 0, 0), "invalid"),
            ("bit-flip-middle", "bit 4 of byte 16 flipped", ["bit-flip"], flip_bit(good, 16, 4),
             "invalid"),
            ("bit-flip-last", "the least significant bit of the last byte flipped", ["bit-flip"],
             flip_bit(good, 31, 0), "invalid"),
            ("other-body", "the signature of another body", ["wrong-input"], other, "invalid"),
            ("other-secret", "the signature under the literal secret SECRET", ["wrong-input"],
             mac(b"SECRET", body), "invalid"),
            ("plain-sha256", "plain SHA-256 of the body instead of HMAC", ["wrong-input"],
             hashlib.sha256(body).hexdigest(), "invalid"),
            ("swapped-key-and-body", "HMAC keyed with the body over the secret (arguments swapped)",
             ["wrong-input"], mac(body, secret), "invalid"),
            ("leading-space", "the signature with a leading space", ["whitespace"], " " + good,
             "invalid"),
            ("trailing-space", "the signature with a trailing space", ["whitespace"], good + " ",
             "invalid"),
            ("leading-tab", "the signature with a leading tab", ["whitespace"], "\t" + good,
             "invalid"),
            ("trailing-newline", "the signature with a trailing LF", ["whitespace", "trailing-newline"],
             good + "\n", "invalid"),
            ("trailing-crlf", "the signature with a trailing CR LF",
             ["whitespace", "trailing-newline", "crlf"], good + "\r\n", "invalid"),
            ("prefix-0x", "the signature with a 0x prefix", ["wrong-encoding"], "0x" + good, "invalid"),
            ("prefix-sha256", "the signature with a sha256= prefix", ["wrong-encoding"],
             "sha256=" + good, "invalid"),
            ("base64", "the MAC in standard base64 instead of hex", ["wrong-encoding"],
             base64.b64encode(bytes.fromhex(good)).decode("ascii"), "invalid"),
            ("over-long-65", "the signature with one extra digit", ["wrong-length"], good + "0",
             "invalid"),
            ("doubled", "the signature twice (128 digits)", ["wrong-length"], good + good, "invalid"),
            ("non-hex-g", "the last digit replaced by 'g'", ["non-hex"], good[:63] + "g", "invalid"),
            ("non-hex-fullwidth-digit",
             "the first decimal digit in fullwidth form (U+FF10-U+FF19), which int(x, 16) accepts",
             ["non-hex"], fullwidth_first_digit(good), "invalid"),
        ]
        for suffix, what, tags, presented, expect in cases:
            negative = [] if expect == "valid" else ["verify-negative"]
            vectors.append(verify(
                f"verify-{name}-{suffix}",
                f"Verify {label} keyed with the sample secret, presenting {what}.",
                negative + tags, utf8(text), utf8(SAMPLE_SECRET), presented, expect))
    return vector_file(
        "verify-negatives",
        "What a verifier must accept and refuse: the exact lowercase signature is valid; case "
        "changes, truncation, bit flips, other inputs, whitespace, prefixes, other encodings, "
        "extra length and non-hex text are invalid (the server compares bytes in constant time).",
        "Written for plugnmeet-signing; verdicts computed by scripts/vectors.py (Python hmac/hashlib).",
        vectors)


GENERATED = {
    "plugnmeet-doc.json": doc_set,
    "rfc4231.json": rfc4231_set,
    "wycheproof.json": wycheproof_set,
    "edge-cases.json": edge_set,
    "verify-negatives.json": negatives_set,
}


# --------------------------------------------------------------------------- stable JSON

_VISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs", "Mn", "Me"}


def _escape_invisible(text):
    # Invisible or look-alike characters (BOM, ZWJ, NBSP, combining marks, DEL) are written as
    # \u escapes so a reader sees them and an editor cannot silently drop them. They only occur
    # inside JSON strings, so escaping them anywhere in the output keeps the JSON valid.
    out = []
    for ch in text:
        if ch != " " and ch != "\n" and unicodedata.category(ch) in _VISIBLE_CATEGORIES:
            code = ord(ch)
            if code > 0xFFFF:
                code -= 0x10000
                out.append("\\u%04x\\u%04x" % (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)))
            else:
                out.append("\\u%04x" % code)
        else:
            out.append(ch)
    return "".join(out)


def _is_scalar(value):
    return not isinstance(value, (dict, list))


def _render(value, indent):
    pad, inner = "  " * indent, "  " * (indent + 1)
    if isinstance(value, list) and value and all(map(_is_scalar, value)):
        return "[" + ", ".join(_render(x, 0) for x in value) + "]"
    if isinstance(value, dict) and len(value) == 1 and all(map(_is_scalar, value.values())):
        ((k, x),) = value.items()
        return "{" + json.dumps(k, ensure_ascii=False) + ": " + _render(x, 0) + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(inner + _render(x, indent + 1) for x in value) + "\n" + pad + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = (inner + json.dumps(k, ensure_ascii=False) + ": " + _render(x, indent + 1)
                 for k, x in value.items())
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    return json.dumps(value, ensure_ascii=False)


def dump(document):
    return _escape_invisible(_render(document, 0)) + "\n"


def build(name):
    """Returns (text, number of vectors) of one generated file."""
    document = GENERATED[name]()
    finish(document["vectors"], vocabulary())
    return dump(document), len(document["vectors"])


# --------------------------------------------------------------------------- check

TOP_KEYS = ["$schema", "formatVersion", "name", "description", "source", "vectors"]
SIGN_KEYS = {"id", "description", "tags", "kind", "body", "secret", "signature", "refusal"}
VERIFY_KEYS = {"id", "description", "tags", "kind", "body", "secret", "presented", "result"}
BASE_REQUIRED = {"id", "description", "tags", "kind", "body", "secret"}


def _no_duplicate_keys(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise Problem(f"duplicate key {key!r} in a JSON object")
        seen[key] = value
    return seen


def check_vector(v, where, vocab):
    """Validates one vector's structure and recomputes it; returns its id."""
    if not isinstance(v, dict):
        raise Problem(f"{where}: must be an object")
    vid = v.get("id")
    if not isinstance(vid, str) or not KEBAB.match(vid) or len(vid) > 80:
        raise Problem(f"{where}/id: must be kebab-case, at most 80 characters")
    try:
        check_fields(v, where, vocab)
    except Problem as problem:
        raise Problem(f"{problem} (vector {vid})")
    return vid


def check_fields(v, where, vocab):
    kind = v.get("kind")
    if kind not in ("sign", "verify"):
        raise Problem(f"{where}/kind: must be \"sign\" or \"verify\"")
    allowed = SIGN_KEYS if kind == "sign" else VERIFY_KEYS
    required = BASE_REQUIRED | ({"signature"} if kind == "sign" else {"presented", "result"})
    if set(v) - allowed:
        raise Problem(f"{where}: unknown properties {sorted(set(v) - allowed)}")
    if required - set(v):
        raise Problem(f"{where}: missing properties {sorted(required - set(v))}")
    if not isinstance(v["description"], str) or not v["description"]:
        raise Problem(f"{where}/description: must be a non-empty string")
    tags = v["tags"]
    if not isinstance(tags, list) or len(set(map(str, tags))) != len(tags):
        raise Problem(f"{where}/tags: must be an array of distinct tags")
    unknown = [t for t in tags if t not in vocab]
    if unknown:
        raise Problem(f"{where}/tags: not in the schema vocabulary: {unknown}")
    body = expand(v["body"], f"{where}/body")
    secret = expand(v["secret"], f"{where}/secret")
    wanted = derived_tags(body, secret)
    present = set(tags) & set(DERIVED_TAGS)
    if wanted != present:
        raise Problem(f"{where}/tags: derived tags should be {sorted(wanted)}, found {sorted(present)}")
    computed = mac(secret, body)
    if kind == "sign":
        if not isinstance(v["signature"], str) or not SIGNATURE.match(v["signature"]):
            raise Problem(f"{where}/signature: must be 64 lowercase hex digits")
        if "refusal" in v and v["refusal"] != "acceptable":
            raise Problem(f"{where}/refusal: must be \"acceptable\" when present")
        if not secret and v.get("refusal") != "acceptable":
            raise Problem(f"{where}/refusal: an empty secret must allow refusal")
        if v["signature"] != computed:
            raise Problem(f"{where}/signature: file says {v['signature']}, Python computes {computed}")
    else:
        if not isinstance(v["presented"], str):
            raise Problem(f"{where}/presented: must be a string")
        if v["result"] not in ("valid", "invalid"):
            raise Problem(f"{where}/result: must be \"valid\" or \"invalid\"")
        verdict = "valid" if v["presented"] == computed else "invalid"
        if v["result"] != verdict:
            raise Problem(f"{where}/result: file says {v['result']}, Python computes {verdict}")


def check_file(path, vocab):
    path = path.resolve()
    rel = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
    text = path.read_text(encoding="utf-8")
    try:
        document = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except ValueError as error:
        raise Problem(f"{rel}: invalid JSON: {error}")
    if not isinstance(document, dict) or list(document) != TOP_KEYS:
        raise Problem(f"{rel}: top-level keys must be exactly {TOP_KEYS} in that order")
    if document["$schema"] != "./schema.json" or document["formatVersion"] != FORMAT_VERSION:
        raise Problem(f"{rel}: $schema must be ./schema.json and formatVersion {FORMAT_VERSION}")
    if document["name"] != path.stem:
        raise Problem(f"{rel}/name: must be the file name without .json ({path.stem!r})")
    for key in ("description", "source"):
        if not isinstance(document[key], str) or not document[key]:
            raise Problem(f"{rel}/{key}: must be a non-empty string")
    if not isinstance(document["vectors"], list) or not document["vectors"]:
        raise Problem(f"{rel}/vectors: must be a non-empty array")
    ids = [check_vector(v, f"{rel}: /vectors/{i}", vocab) for i, v in enumerate(document["vectors"])]
    return document, ids


def published_doc_table():
    """Reads the §1.6 table of docs/plugnmeet-api.md: {body text: signature}."""
    table, inside = {}, False
    for line in DOC_PATH.read_text(encoding="utf-8").splitlines():
        if line.startswith("### "):
            inside = line.startswith("### 1.6 ")
            continue
        match = re.match(r"^\| (.+?) \| `([0-9a-f]{64})` \|$", line) if inside else None
        if match:
            cell = match.group(1)
            body = "" if cell == "empty string" else re.match(r"^`(.*?)`", cell).group(1)
            table[body] = match.group(2)
    return table


def check(directory=VECTORS_DIR):
    vocab = vocabulary()
    problems, seen, count = [], {}, 0
    files = sorted(p for p in directory.glob("*.json") if p.name != "schema.json")
    documents = {}
    for path in files:
        try:
            document, ids = check_file(path, vocab)
        except Problem as problem:
            problems.append(str(problem))
            continue
        documents[path.name] = document
        for i, vid in enumerate(ids):
            place = f"{path.name}: /vectors/{i}"
            if vid in seen:
                problems.append(f"duplicate id {vid!r}: {place} and {seen[vid]}")
            seen.setdefault(vid, place)
        count += len(ids)
    # The published doc signatures are the independent check of this script's HMAC.
    doc = documents.get("plugnmeet-doc.json")
    default = directory.resolve() == VECTORS_DIR.resolve()
    if doc is None:
        if default:
            problems.append("vectors/plugnmeet-doc.json is missing or invalid")
    elif DOC_PATH.exists():
        table = published_doc_table()
        by_body = {v["body"].get("utf8"): v for v in doc["vectors"] if v["secret"] == utf8(SAMPLE_SECRET)}
        if len(table) != len(DOC_PUBLISHED):
            problems.append(f"{DOC_PATH.name} §1.6: expected {len(DOC_PUBLISHED)} rows, read {len(table)}")
        for body, published in table.items():
            v = by_body.get(body)
            if v is None:
                problems.append(f"plugnmeet-doc.json: no vector for the published body {body!r}")
            elif v["signature"] != published:
                problems.append(f"plugnmeet-doc.json ({v['id']}): docs publish {published}, "
                                f"file says {v['signature']}")
    # Drift guard: the generated files must be exactly what generate would write now.
    for name in GENERATED if default else ():
        path = VECTORS_DIR / name
        try:
            fresh, _ = build(name)
        except Problem as problem:
            problems.append(f"{name}: cannot regenerate: {problem}")
            continue
        if not path.exists():
            problems.append(f"vectors/{name} is missing (run: python3 scripts/vectors.py generate)")
        elif path.read_text(encoding="utf-8") != fresh:
            problems.append(f"vectors/{name} differs from what generate writes "
                            "(edit scripts/vectors.py, then run generate)")
    for problem in problems:
        print(f"FAIL {problem}", file=sys.stderr)
    print(f"checked {count} vectors in {len(files)} files: {len(problems)} problem(s)")
    return 1 if problems else 0


def generate():
    for name in GENERATED:
        text, count = build(name)
        (VECTORS_DIR / name).write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote vectors/{name} ({count} vectors)")
    return check()


def main(argv):
    command = argv[1] if len(argv) > 1 else None
    if not (command == "generate" and len(argv) == 2 or command == "check" and len(argv) <= 3):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        if command == "generate":
            return generate()
        return check(Path(argv[2])) if len(argv) == 3 else check()
    except Problem as problem:
        print(f"FAIL {problem}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
