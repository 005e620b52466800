"""No route may run a synchronous database call on the event loop.

An `async def` endpoint runs on the loop itself; a session dependency inside it blocks every other
request of that worker (on PostgreSQL it froze the server while another request waited to commit).
Routes that touch the database are plain `def`, which FastAPI runs in its threadpool.
"""

import inspect

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from app.db import get_session
from app.main import app


def _calls(dep: Dependant) -> set:
    found = {dep.call}
    for sub in dep.dependencies:
        found |= _calls(sub)
    return found


class TestRoutesDoNotBlockTheLoop:
    def test_no_async_route_uses_the_database(self):
        offenders = [
            r.path
            for r in app.routes
            if isinstance(r, APIRoute)
            and inspect.iscoroutinefunction(r.endpoint)
            and get_session in _calls(r.dependant)
        ]
        assert offenders == []

    def test_async_dependencies_hold_no_session(self):
        # An async dependency that needs the session would run its queries on the loop as well.
        offenders = set()
        for r in app.routes:
            if not isinstance(r, APIRoute):
                continue
            stack = [r.dependant]
            while stack:
                d = stack.pop()
                if inspect.iscoroutinefunction(d.call) and any(s.call is get_session for s in d.dependencies):
                    offenders.add(d.call.__name__)
                stack.extend(d.dependencies)
        assert offenders == set()
