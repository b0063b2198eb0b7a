#!/usr/bin/env python3
"""Writes tests/vectors/envelopes.json: signed-policy conformance vectors.

Signs with `paysel policy sign` and the TEST-ONLY keys in this folder
(Ed25519 signatures are deterministic, so a re-run gives the same bytes).
Expectations start empty; fill them with `cargo xtask vectors --bless` and
review the diff. Run from the workspace root after `cargo build -p paysel-cli`:

    python3 tests/vectors/keys/make_envelopes.py && cargo xtask vectors --bless
"""

import json
import os
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
KEYS = os.path.join(ROOT, "tests", "vectors", "keys")
PAYSEL = os.path.join(ROOT, "target", "debug", "paysel")
TEST_KEY = os.path.join(KEYS, "paysel-test-key")
OTHER_KEY = os.path.join(KEYS, "paysel-other-test-key")
# Ed25519 group order.
L = 2**252 + 27742317777372353535851937790883648493


def b64decode(text):
    import base64

    return base64.b64decode(text, validate=True)


def b64encode(raw):
    import base64

    return base64.b64encode(raw).decode()


def pub(path):
    with open(path + ".pub") as f:
        return json.load(f)


def sign(policy_text, key=TEST_KEY):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        f.write(policy_text)
        name = f.name
    try:
        out = subprocess.run(
            [PAYSEL, "policy", "sign", "--unchecked", "--key", key, name],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    finally:
        os.unlink(name)
    return json.loads(out)


POLICY = {
    "schema": "paysel.policy/1",
    "version": 3,
    "not_after": 1893456000,
    "rails": [
        {"id": "alipay", "currencies": ["CNY"], "weight": 90, "without_wallet": "h5_redirect"},
        {"id": "wechat_pay", "currencies": ["CNY"], "weight": 80},
        {"id": "card", "weight": 10},
    ],
    "max_shown": 2,
}
# Pretty-printed on purpose: the signature covers these exact bytes,
# whitespace included.
POLICY_TEXT = json.dumps(POLICY, indent=2) + "\n"
NO_EXPIRY_TEXT = json.dumps({k: v for k, v in POLICY.items() if k != "not_after"})
NOW = 1767225600  # 2026-01-01T00:00:00Z
TEST = pub(TEST_KEY)
OTHER = pub(OTHER_KEY)
WECHAT = {"platform": "android", "host": "wechat", "currency": "CNY", "country": "CN"}
BROWSER = {"platform": "ios", "form_factor": "mobile", "host": "browser", "currency": "CNY"}

good = sign(POLICY_TEXT)
sig = b64decode(good["signature"])
s_plus_l = (int.from_bytes(sig[32:], "little") + L).to_bytes(32, "little")
by_other = sign(POLICY_TEXT, OTHER_KEY)


def case(name, about, envelope=None, envelope_text=None, keys=None, now=NOW, min_version=None, context=None):
    c = {"name": name, "about": about}
    if envelope_text is not None:
        c["envelope_text"] = envelope_text
    else:
        c["envelope"] = envelope
    c["trusted_keys"] = [TEST] if keys is None else keys
    c["now"] = now
    if min_version is not None:
        c["min_version"] = min_version
    c["context"] = context if context is not None else WECHAT
    return c


def with_(**fields):
    e = dict(good)
    e.update(fields)
    return e


# A field fix carried by a signed policy (issue 20 item 7).
RULE_POLICY_TEXT = json.dumps(
    {
        "schema": "paysel.policy/1",
        "version": 4,
        "rails": [{"id": "paypal", "weight": 20}, {"id": "card", "weight": 10}],
        "capabilities": [{"host": "instagram", "rail": "paypal", "launch": None}],
        "detection_rules": [{"token": "NovaChat/", "host": "instagram"}],
    }
)
signed_rule = sign(RULE_POLICY_TEXT)
NOVACHAT = {
    "user_agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Safari/604.1 NovaChat/7.2.1"
}


def with_rule(**fields):
    e = dict(signed_rule)
    e.update(fields)
    return e


cases = [
    case("signed_decides", "A valid envelope builds an engine that decides with the signed policy.", good),
    case("signed_decides_browser", "The same signed policy in a phone browser.", good, context=BROWSER),
    case("signed_hex_signature", "The signature may be hex instead of base64.", with_(signature=sig.hex())),
    case(
        "signed_hex_public_key",
        "A pinned public key may be hex instead of base64.",
        good,
        keys=[{"key_id": TEST["key_id"], "public_key": b64decode(TEST["public_key"]).hex()}],
    ),
    case("signed_second_trusted_key", "The key is found among several pinned keys.", good, keys=[OTHER, TEST]),
    case("signed_at_not_after", "A policy is valid up to and including its not_after second.", good, now=POLICY["not_after"]),
    case("signed_expired", "One second after not_after the policy is refused.", good, now=POLICY["not_after"] + 1),
    case(
        "signed_no_not_after_never_expires",
        "Without not_after a signed policy does not expire.",
        sign(NO_EXPIRY_TEXT),
        now=4102444800,
    ),
    case("signed_same_version_accepted", "A version equal to min_version is accepted (re-applying after a restart).", good, min_version=3),
    case("signed_rollback", "A version below min_version is a rollback.", good, min_version=4),
    case(
        "tampered_policy",
        "Changing the signed policy text (version 3 to 4) breaks the signature.",
        with_(policy=POLICY_TEXT.replace('"version": 3', '"version": 4')),
    ),
    case(
        "tampered_whitespace",
        "The signature covers the exact bytes: one added space breaks it.",
        with_(policy=POLICY_TEXT + " "),
    ),
    case(
        "signed_by_another_key",
        "A signature by another key that names the trusted key id is refused.",
        with_(signature=by_other["signature"]),
    ),
    case(
        "other_key_not_pinned",
        "A correct signature by a key the app does not pin is refused.",
        by_other,
    ),
    case("unknown_key_id", "An envelope naming an unknown key id is refused.", with_(key_id="nobody")),
    case("no_trusted_keys", "With no pinned keys every envelope is refused.", good, keys=[]),
    case(
        "non_canonical_signature",
        "S + L (a malleated signature) is refused by strict verification.",
        with_(signature=b64encode(sig[:32] + s_plus_l)),
    ),
    case("signature_not_base64", "A signature that is neither base64 nor hex is malformed.", with_(signature="not a signature!")),
    case("signature_too_short", "A signature of 63 bytes is malformed.", with_(signature=b64encode(sig[:63]))),
    case("envelope_not_json", "Envelope text that is not JSON is malformed.", envelope_text="{\"policy\": "),
    case("envelope_unknown_field", "Unknown envelope fields are refused with their path.", with_(alg="none")),
    case(
        "envelope_missing_signature",
        "An envelope without a signature is malformed.",
        {"policy": POLICY_TEXT, "key_id": TEST["key_id"]},
    ),
    case(
        "envelope_policy_not_a_string",
        "The policy must be JSON text in a string, not an object.",
        with_(policy=POLICY),
    ),
    case(
        "trusted_key_invalid",
        "A pinned public key that is not 32 bytes is the app's configuration error.",
        good,
        keys=[{"key_id": TEST["key_id"], "public_key": "AAAA"}],
    ),
    case(
        "trusted_key_weak",
        "A small-order pinned key (the identity point) is refused.",
        good,
        keys=[{"key_id": TEST["key_id"], "public_key": "01" + "00" * 31}],
    ),
    case(
        "signed_invalid_policy",
        "A correctly signed policy still has to validate; its errors have paths into the policy.",
        sign(json.dumps({"schema": "paysel.policy/1", "version": 5, "rails": [{"id": "card"}], "boosts": [{"id": "b", "rail": "alipay", "delta": 1}]})),
    ),
    case(
        "signed_schema_unsupported",
        "A correctly signed policy for another schema is refused as such.",
        sign(json.dumps({"schema": "paysel.policy/2", "version": 5, "rails": []})),
    ),
    case("signed_not_json", "A correctly signed text that is not JSON is a malformed policy.", sign("not json")),
    case(
        "signed_detection_rule",
        "Detection rules are part of the signed policy text: a signed rule names the host of an unknown app's User-Agent.",
        signed_rule,
        context=NOVACHAT,
    ),
    case(
        "signed_detection_rule_tampered",
        "Changing a signed detection rule's host breaks the signature.",
        with_rule(policy=signed_rule["policy"].replace('"instagram"', '"browser"')),
        context=NOVACHAT,
    ),
]

doc = {
    "description": "Signed policy envelopes: verification against pinned keys, expiry, rollback, malformed input. Keys are the TEST-ONLY keys in keys/.",
    "cases": cases,
}
with open(os.path.join(ROOT, "tests", "vectors", "envelopes.json"), "w") as f:
    json.dump(doc, f, indent=2, ensure_ascii=False)
    f.write("\n")
print(f"wrote {len(cases)} cases")
