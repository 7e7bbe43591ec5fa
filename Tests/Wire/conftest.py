"""Starts polaris-server ($POLARIS_SERVER) on a fresh database for each test."""
import os
import subprocess
import tempfile
import time

import jwt
import pytest

SECRET = "wire-tests-secret-wire-tests-secret-0123"
ISSUER = "https://auth.example"
INTERNAL_KEY = "wire-tests-internal-key"


def token(subject, email=None, expires_in=600):
    claims = {"sub": subject, "iss": ISSUER, "exp": int(time.time()) + expires_in}
    if email:
        claims["email"] = email
    return jwt.encode(claims, SECRET, algorithm="HS256")


@pytest.fixture
def server():
    folder = tempfile.mkdtemp(prefix="polaris-wire-")
    env = dict(os.environ, POLARIS_JWT_SECRET=SECRET, POLARIS_JWT_ISSUER=ISSUER,
               POLARIS_CONVEX_INTERNAL_KEY=INTERNAL_KEY)
    process = subprocess.Popen(
        [os.environ["POLARIS_SERVER"], "--database", os.path.join(folder, "db.sqlite"), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    line = process.stdout.readline().strip()
    assert line.startswith("listening on http://127.0.0.1:"), (line, process.stderr.read() if process.poll() is not None else "")
    yield line.removeprefix("listening on ")
    process.terminate()
    assert process.wait(timeout=20) == 0
