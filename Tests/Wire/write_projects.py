"""Creates projects over the WebSocket client: write_projects.py URL SUBJECT NAME..."""
import sys

from convex import ConvexClient

sys.path.insert(0, __import__("os").path.dirname(__file__))
from conftest import token  # noqa: E402

url, subject, *names = sys.argv[1:]
client = ConvexClient(url)
client.set_auth(token(subject, email=f"{subject}@example.com"))
for name in names:
    client.mutation("projects:create", {"name": name})
