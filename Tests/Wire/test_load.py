"""1,000 open subscriptions across 50 WebSocket connections while a writer
commits 1,000 mutations: every subscriber ends on the final state, and the
subscriptions whose ranges no mutation touched never ran again."""
import asyncio
import json

import requests
from websockets.asyncio.client import connect

from conftest import INTERNAL_KEY, token

CONNECTIONS, PER_CONNECTION, TOUCHED, MUTATIONS = 50, 20, 10, 1_000


def call(server, kind, path, args, bearer=None):
    headers = {"Authorization": "Bearer " + bearer} if bearer else {}
    body = requests.post(f"{server}/api/{kind}", json={"path": path, "args": args}, headers=headers, timeout=30).json()
    assert body["status"] == "success", body
    return body["value"]


async def watch(server, projects, finals, ready, final, release):
    """One socket subscribed to the files of `projects`: `ready` once every query has a
    result, `final` once each has its final one; then it stays open until `release`."""
    async with connect(server.replace("http://", "ws://") + "/api/sync", max_size=None) as socket:
        await socket.send(json.dumps({"type": "Connect", "sessionId": "load", "connectionCount": 0}))
        await socket.send(json.dumps({"type": "ModifyQuerySet", "baseVersion": 0, "newVersion": 1, "modifications": [
            {"type": "Add", "queryId": index, "udfPath": "system:getAllProjectFiles",
             "args": [{"projectId": project, "internalKey": INTERNAL_KEY}]}
            for index, project in enumerate(projects)]}))
        latest, version = {}, {"querySet": 0, "identity": 0, "ts": "AAAAAAAAAAA="}
        while True:
            message = json.loads(await asyncio.wait_for(socket.recv(), timeout=120))
            if message["type"] != "Transition":
                continue
            assert message["startVersion"] == version
            version = message["endVersion"]
            for modification in message["modifications"]:
                assert modification["type"] == "QueryUpdated", modification
                latest[modification["queryId"]] = len(modification["value"])
            if len(latest) == len(projects) and not ready.done():
                ready.set_result(None)
            if all(latest.get(index) == finals[project] for index, project in enumerate(projects)):
                final.set_result(None)
                await release.wait()
                return


async def run(server):
    projects = []
    for user in range(MUTATIONS // 10):
        bearer = token(f"load-user-{user}")
        projects += [call(server, "mutation", "projects:create", {"name": f"p{n}"}, bearer) for n in range(10)]
    touched = projects[:TOUCHED]
    finals = {project: (MUTATIONS // TOUCHED if project in touched else 0) for project in projects}
    loop = asyncio.get_running_loop()
    readies = [loop.create_future() for _ in range(CONNECTIONS)]
    finished = [loop.create_future() for _ in range(CONNECTIONS)]
    release = asyncio.Event()
    watchers = [asyncio.create_task(watch(
        server, projects[i * PER_CONNECTION:(i + 1) * PER_CONNECTION], finals, readies[i], finished[i], release))
        for i in range(CONNECTIONS)]
    await asyncio.wait_for(asyncio.gather(*readies), timeout=120)

    def write():
        for n in range(MUTATIONS):
            call(server, "mutation", "system:writeFileByPath",
                 {"projectId": touched[n % TOUCHED], "path": f"f{n}.txt", "content": str(n), "internalKey": INTERNAL_KEY})

    await asyncio.to_thread(write)
    await asyncio.wait_for(asyncio.gather(*finished), timeout=120)
    # Counted while every subscription is still open.
    statistics = await asyncio.to_thread(lambda: requests.get(f"{server}/api/polaris/statistics", timeout=60).json())
    release.set()
    await asyncio.gather(*watchers)
    return statistics


def test_a_thousand_subscriptions_see_a_thousand_mutations(server):
    statistics = asyncio.run(run(server))
    assert statistics["subscriptions"] == CONNECTIONS * PER_CONNECTION
    # Only the subscriptions of the touched projects ever ran a second time.
    assert statistics["rerunSubscriptions"] == TOUCHED
    assert statistics["runs"] <= CONNECTIONS * PER_CONNECTION + MUTATIONS
