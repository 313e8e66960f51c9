"""Django's signed_cookies session backend, driven by the auditor's tests (JSON in, JSON out)."""
import json
import sys
import time
import warnings
from unittest import mock

warnings.simplefilter("ignore")
req = json.load(sys.stdin)

from django.conf import settings  # noqa: E402

settings.configure(
    SECRET_KEY=req["secret"],
    DEFAULT_HASHING_ALGORITHM=req.get("algorithm", "sha256"),
    SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies",
)
from django.contrib.sessions.backends.signed_cookies import SessionStore  # noqa: E402

with mock.patch("time.time", return_value=req.get("now", time.time())):
    if req["op"] == "sign":
        s = SessionStore()
        s.update(req["payload"])
        s.save()
        print(json.dumps({"cookie": s.session_key}))
    else:
        print(json.dumps({"session": dict(SessionStore(session_key=req["cookie"]).load())}))
