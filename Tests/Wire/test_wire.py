"""polaris-server driven by Convex's official Python client (`convex` on PyPI):
the HTTP client, the WebSocket client, and raw protocol messages."""
import json
import os
import subprocess
import sys

import pytest
import requests
from convex import ConvexClient, ConvexError, ConvexInt64
from convex.http_client import ConvexHttpClient
from websockets.sync.client import connect

from conftest import INTERNAL_KEY, token

HERE = os.path.dirname(__file__)


def http_as(url, subject):
    client = ConvexHttpClient(url)
    client.set_auth(token(subject, email=f"{subject}@example.com"))
    return client


def ws_as(url, subject):
    client = ConvexClient(url)
    client.set_auth(token(subject, email=f"{subject}@example.com"))
    return client


def test_http_queries_and_mutations(server):
    alice = http_as(server, "alice")
    project = alice.mutation("projects:create", {"name": "Site"})
    listed = alice.query("projects:get")
    assert [p["name"] for p in listed] == ["Site"]
    assert listed[0]["_id"] == project
    # Whole numbers arrive as floats with a decimal point, which this client insists on.
    assert isinstance(listed[0]["_creationTime"], float)
    assert alice.query("projects:getById", {"id": project})["name"] == "Site"
    # `.js` suffixes and a legacy one-element args array are accepted.
    body = requests.post(f"{server}/api/query", json={"path": "projects.js:getById", "args": [{"id": project}]},
                         headers={"Authorization": "Bearer " + token("alice")}).json()
    assert body["status"] == "success" and body["value"]["name"] == "Site"


def test_http_errors(server):
    alice = http_as(server, "alice")
    with pytest.raises(Exception, match="Could not find public function for 'nope:missing'"):
        alice.query("nope:missing")
    for index in range(10):
        alice.mutation("projects:create", {"name": f"p{index}"})
    # An application error (the seed's ConvexError) carries its data.
    with pytest.raises(ConvexError) as refused:
        alice.mutation("projects:create", {"name": "eleventh"})
    assert refused.value.data == "Project limit reached"
    with pytest.raises(Exception, match="invalid arguments"):
        alice.mutation("projects:create", {"name": 3})
    anonymous = ConvexHttpClient(server)
    with pytest.raises(Exception, match="authenticated"):
        anonymous.query("projects:get")
    # A mutation's path is not a query: refused, and nothing is written.
    with pytest.raises(Exception, match="a mutation, not a query"):
        alice.query("projects:create", {"name": "sneaky"})
    assert "sneaky" not in [p["name"] for p in alice.query("projects:get")]


def test_http_rejects_bad_tokens_and_formats(server):
    response = requests.post(f"{server}/api/query", json={"path": "projects:get", "args": {}},
                             headers={"Authorization": "Bearer not.a.token"})
    assert response.status_code == 401 and response.json()["code"] == "InvalidAuthHeader"
    expired = token("alice", expires_in=-3600)
    response = requests.post(f"{server}/api/query", json={"path": "projects:get", "args": {}},
                             headers={"Authorization": "Bearer " + expired})
    assert response.status_code == 401
    response = requests.post(f"{server}/api/query", json={"path": "projects:get", "args": {}, "format": "xml"})
    assert response.status_code == 400 and response.json()["code"] == "BadFormat"


def test_internal_functions_need_the_internal_key(server):
    project = http_as(server, "alice").mutation("projects:create", {"name": "Site"})
    anonymous = ConvexHttpClient(server)
    with pytest.raises(Exception, match="internal key"):
        anonymous.query("system:getAllProjectFiles", {"projectId": project, "internalKey": "wrong"})
    anonymous.mutation("system:writeFileByPath",
                       {"projectId": project, "path": "src/a.txt", "content": "hi", "internalKey": INTERNAL_KEY})
    files = anonymous.query("system:getAllProjectFiles", {"projectId": project, "internalKey": INTERNAL_KEY})
    assert sorted(f["name"] for f in files) == ["a.txt", "src"]


def test_websocket_queries_mutations_and_errors(server):
    alice = ws_as(server, "alice")
    project = alice.mutation("projects:create", {"name": "One"})
    assert [p["name"] for p in alice.query("projects:get")] == ["One"]
    alice.mutation("projects:rename", {"id": project, "name": "Renamed"})
    assert alice.query("projects:getById", {"id": project})["name"] == "Renamed"
    with pytest.raises(Exception, match="invalid arguments"):
        alice.query("projects:getById", {"id": "nope"})
    bob = ws_as(server, "bob")
    with pytest.raises(Exception, match="Unauthorized"):
        bob.query("projects:getById", {"id": project})
    anonymous = ConvexClient(server)
    with pytest.raises(Exception, match="authenticated"):
        anonymous.query("projects:get")
    with pytest.raises(Exception, match="authenticated"):
        anonymous.mutation("projects:create", {"name": "x"})


def test_a_subscription_sees_another_clients_mutation(server):
    watcher = ws_as(server, "alice")
    updates = watcher.subscribe("projects:get")
    assert next(updates) == []
    # The client holds the interpreter lock while it waits, so the writer is another process.
    writer = subprocess.Popen([sys.executable, os.path.join(HERE, "write_projects.py"), server, "alice", "A", "B"])
    seen = [[p["name"] for p in next(updates)]]
    while seen[-1] != ["B", "A"]:
        seen.append([p["name"] for p in next(updates)])
    assert writer.wait(timeout=60) == 0
    assert seen[0] in (["A"], ["B", "A"])
    updates.unsubscribe()


def test_clearing_auth_runs_the_query_set_as_nobody(server):
    client = ws_as(server, "alice")
    client.mutation("projects:create", {"name": "Mine"})
    assert len(client.query("projects:get")) == 1
    client.clear_auth()
    with pytest.raises(Exception, match="authenticated"):
        client.query("projects:get")


def raw_socket(server):
    return connect(server.replace("http://", "ws://") + "/api/sync", open_timeout=10)


def receive(socket):
    return json.loads(socket.recv(timeout=10))


def test_transitions_chain_and_mutations_are_followed_by_one(server):
    with raw_socket(server) as socket:
        socket.send(json.dumps({"type": "Connect", "sessionId": "s1", "connectionCount": 0, "clientTs": 0}))
        socket.send(json.dumps({"type": "Authenticate", "baseVersion": 0, "tokenType": "User", "value": token("alice")}))
        first = receive(socket)
        assert first["type"] == "Transition"
        assert first["startVersion"] == {"querySet": 0, "identity": 0, "ts": "AAAAAAAAAAA="}
        assert first["endVersion"]["identity"] == 1
        socket.send(json.dumps({"type": "ModifyQuerySet", "baseVersion": 0, "newVersion": 1, "modifications": [
            {"type": "Add", "queryId": 0, "udfPath": "projects:get", "args": [{}]}]}))
        added = receive(socket)
        assert added["startVersion"] == first["endVersion"]
        assert added["modifications"] == [
            {"type": "QueryUpdated", "queryId": 0, "value": [], "logLines": [], "journal": None}]
        socket.send(json.dumps({"type": "Mutation", "requestId": 0, "udfPath": "projects:create", "args": [{"name": "P"}]}))
        response = receive(socket)
        assert response["type"] == "MutationResponse" and response["success"] is True and response["logLines"] == []
        after = receive(socket)
        assert after["type"] == "Transition" and after["startVersion"] == added["endVersion"]
        assert after["endVersion"]["ts"] >= response["ts"] or True  # base64 is not ordered; the value is checked below
        assert [p["name"] for p in after["modifications"][0]["value"]] == ["P"]
        ts = lambda encoded: int.from_bytes(__import__("base64").b64decode(encoded), "little")
        assert ts(after["endVersion"]["ts"]) >= ts(response["ts"])


def test_a_resent_mutation_returns_its_first_result(server):
    message = {"type": "Mutation", "requestId": 7, "udfPath": "projects:create", "args": [{"name": "Once"}]}
    results = []
    for _ in range(2):
        with raw_socket(server) as socket:
            socket.send(json.dumps({"type": "Connect", "sessionId": "same-session", "connectionCount": 0}))
            socket.send(json.dumps({"type": "Authenticate", "baseVersion": 0, "tokenType": "User", "value": token("alice")}))
            receive(socket)
            socket.send(json.dumps(message))
            results.append(receive(socket)["result"])
    assert results[0] == results[1]
    assert len(http_as(server, "alice").query("projects:get")) == 1


def test_a_malformed_message_closes_only_its_socket(server):
    healthy = ws_as(server, "alice")
    with raw_socket(server) as broken:
        broken.send("this is not json")
        failure = receive(broken)
        assert failure["type"] == "FatalError"
        with pytest.raises(Exception):
            broken.recv(timeout=10)
    with raw_socket(server) as broken:
        broken.send(json.dumps({"type": "ModifyQuerySet", "baseVersion": 5, "newVersion": 6, "modifications": []}))
        assert "BaseVersionMismatch" in receive(broken)["error"]
    assert healthy.mutation("projects:create", {"name": "still served"})
    assert len(healthy.query("projects:get")) == 1


def test_a_bad_token_gets_an_auth_error(server):
    with raw_socket(server) as socket:
        socket.send(json.dumps({"type": "Authenticate", "baseVersion": 0, "tokenType": "User", "value": "bad"}))
        error = receive(socket)
        assert error["type"] == "AuthError" and error["authUpdateAttempted"] is True and error["baseVersion"] == 0


def test_int64_and_bytes_round_trip_through_arguments(server):
    alice = http_as(server, "alice")
    with pytest.raises(Exception, match="invalid arguments"):
        alice.mutation("projects:create", {"name": ConvexInt64(3)})
