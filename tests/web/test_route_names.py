"""Route names are unique across the screens and the API."""


class TestRouteNames:
    def test_web_and_api_route_names_are_distinct(self) -> None:
        """url_for in a template must never resolve to an API route (it once posted a form to the API)."""
        from app.api import router as api_router
        from app.web import router as web_router
        from app.web.nav import route_names

        assert route_names(api_router.routes) & route_names(web_router.routes) == set()
