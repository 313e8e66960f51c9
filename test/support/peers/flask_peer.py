"""The real Flask / itsdangerous, driven by the auditor's tests: one JSON request on
stdin, one JSON answer on stdout. Time is frozen at "now" so signatures compare byte for byte."""
import hashlib
import json
import sys
import time
from unittest import mock

import flask
import itsdangerous

req = json.load(sys.stdin)
now = req.get("now", time.time())
if "secret_hex" in req:
    req["secret"] = bytes.fromhex(req["secret_hex"])


class LegacyTimestampSigner(itsdangerous.TimestampSigner):
    """itsdangerous before 1.1: seconds since 2011-01-01."""

    def get_timestamp(self):
        return int(time.time() - 1293840000)


def app_for(secret, digest="sha1"):
    app = flask.Flask("peer")
    app.secret_key = secret
    if digest != "sha1":
        app.session_interface.digest_method = staticmethod(getattr(hashlib, digest))

    @app.route("/write", methods=["POST"])
    def write():
        flask.session.update(flask.request.get_json())
        return "ok"

    @app.route("/read")
    def read():
        return flask.jsonify(dict(flask.session))

    return app


with mock.patch("time.time", return_value=now):
    op = req["op"]
    if op == "flask-sign":
        client = app_for(req["secret"], req.get("digest", "sha1")).test_client()
        res = client.post("/write", json=req["payload"])
        cookie = res.headers["Set-Cookie"].split(";")[0].split("=", 1)[1]
        print(json.dumps({"cookie": cookie}))
    elif op == "flask-read":
        client = app_for(req["secret"], req.get("digest", "sha1")).test_client()
        # Werkzeug's test client sends its own jar, not a Cookie header given per request.
        client.set_cookie("localhost", "session", req["cookie"])
        res = client.get("/read")
        print(json.dumps({"session": res.get_json()}))
    elif op in ("its-sign", "its-read"):
        signer = LegacyTimestampSigner if req.get("legacy") else itsdangerous.TimestampSigner
        s = itsdangerous.URLSafeTimedSerializer(
            req["secret"],
            salt=req["salt"],
            signer=signer,
            signer_kwargs={"key_derivation": req["derivation"], "digest_method": getattr(hashlib, req.get("digest", "sha1"))},
        )
        if op == "its-sign":
            print(json.dumps({"cookie": s.dumps(req["payload"])}))
        else:
            try:
                print(json.dumps({"value": s.loads(req["cookie"])}))
            except itsdangerous.BadData as e:
                print(json.dumps({"error": type(e).__name__}))
    else:
        raise SystemExit("unknown op " + op)
