"""Password hashing (argon2 via passlib) and opaque token helpers."""

import hashlib
import secrets

from passlib.context import CryptContext

_pwd = CryptContext(schemes=["argon2"], deprecated="auto")


def hash_password(password: str) -> str:
    return _pwd.hash(password)


def verify_password(password: str, hashed: str) -> bool:
    try:
        return _pwd.verify(password, hashed)
    except ValueError:
        return False


# Verifying against a dummy hash when the user does not exist keeps timing equal (no user enumeration).
_DUMMY = _pwd.hash("not-a-real-password")


def burn_time(password: str) -> None:
    _pwd.verify(password, _DUMMY)


def new_token(nbytes: int = 32) -> str:
    return secrets.token_urlsafe(nbytes)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def password_problem(password: str) -> str | None:
    if len(password) < 12:
        return "Het wachtwoord moet minstens 12 tekens lang zijn."
    return None
