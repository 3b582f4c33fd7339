"""Bearer tokens: HS256 JWTs whose `sub` claim is the user id."""

import time

import jwt

ALGORITHM = "HS256"


class InvalidToken(Exception):
    """The token is missing, malformed, badly signed or expired."""


def mint_token(user_id: str, secret: str, ttl_seconds: int) -> str:
    """Sign a token for `user_id` that expires after `ttl_seconds`."""
    now = int(time.time())
    return jwt.encode({"sub": user_id, "iat": now, "exp": now + ttl_seconds}, secret, algorithm=ALGORITHM)


def verify_token(token: str, secret: str) -> str:
    """Return the user id of a valid token; raise InvalidToken otherwise."""
    try:
        claims = jwt.decode(token, secret, algorithms=[ALGORITHM], options={"require": ["sub", "exp"]})
    except jwt.ExpiredSignatureError as e:
        raise InvalidToken("token expired") from e
    except jwt.PyJWTError as e:
        raise InvalidToken(f"invalid token: {e}") from e
    sub = claims.get("sub")
    if not isinstance(sub, str) or not sub:
        raise InvalidToken("token has no subject")
    return sub
