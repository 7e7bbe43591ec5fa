"""Starts polaris-server ($POLARIS_SERVER) on a fresh database for each test:
a SQLite file, or with $POLARIS_WIRE_POSTGRES (a PostgreSQL server's URL) a
new database on that server."""
import os
import subprocess
import tempfile
import time
import uuid

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


def fresh_database():
    postgres = os.environ.get("POLARIS_WIRE_POSTGRES")
    if not postgres:
        return os.path.join(tempfile.mkdtemp(prefix="polaris-wire-"), "db.sqlite")
    name = "wire_" + uuid.uuid4().hex
    subprocess.run(["psql", postgres, "-q", "-c", f"CREATE DATABASE {name}"], check=True)
    return postgres.rsplit("/", 1)[0] + "/" + name


@pytest.fixture
def server():
    database = fresh_database()
    env = dict(os.environ, POLARIS_JWT_SECRET=SECRET, POLARIS_JWT_ISSUER=ISSUER,
               POLARIS_CONVEX_INTERNAL_KEY=INTERNAL_KEY)
    process = subprocess.Popen(
        [os.environ["POLARIS_SERVER"], "--database", database, "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    line = process.stdout.readline().strip()
    assert line.startswith("listening on http://127.0.0.1:"), (line, process.stderr.read() if process.poll() is not None else "")
    yield line.removeprefix("listening on ")
    process.terminate()
    assert process.wait(timeout=20) == 0
