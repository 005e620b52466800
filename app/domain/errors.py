"""Typed domain errors. Each surface maps them once: 404, 403, 409, 422."""


class DomainError(Exception):
    message = "Er ging iets mis."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.message)
        self.message = message or self.message


class NotFound(DomainError):
    message = "Niet gevonden of geen toegang."


class NotAllowed(DomainError):
    message = "U heeft geen toestemming voor deze handeling."


class InvalidTransition(DomainError):
    message = "Deze stap is in de huidige status niet mogelijk."


class Conflict(DomainError):
    message = (
        "Iemand anders heeft dit gegeven intussen gewijzigd. Uw wijziging is niet opgeslagen; "
        "laad de pagina opnieuw en voer uw wijziging nogmaals in."
    )


class ValidationError(DomainError):
    """Field errors as {field: Dutch message}; nothing is saved when this is raised."""

    message = "Controleer de gemarkeerde velden."

    def __init__(self, errors: dict[str, str], message: str | None = None) -> None:
        super().__init__(message)
        self.errors = errors


def require(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)
