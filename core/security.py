"""Bearer tokens (HS256 JWTs whose `sub` claim is the user id) and the rule a production secret must meet."""

import time

import jwt
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from core.config import INSECURE_DEV_SECRET, Settings

ALGORITHM = "HS256"
MIN_SECRET_BYTES = 32
# Secrets published with this code (the settings default; docker-compose.yml's fallback before it required one):
# anyone can mint tokens with them, so production refuses them whatever their length.
BUILT_IN_SECRETS = frozenset({INSECURE_DEV_SECRET, "change-me-to-a-long-random-secret"})


class InvalidToken(Exception):
    """The token is missing, malformed, badly signed, expired, or for another audience or issuer."""


class InsecureSettings(RuntimeError):
    """APP_ENV=production with settings that would let anyone forge tokens."""


class TokenClaims(BaseModel):
    """The claims of a verified token that the service uses."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    sub: str = Field(min_length=1)
    exp: int


def mint_token(
    user_id: str, secret: str, ttl_seconds: int, *, audience: str | None = None, issuer: str | None = None
) -> str:
    """Sign a token for `user_id` that expires after `ttl_seconds`; `aud`/`iss` only when given."""
    now = int(time.time())
    claims: dict[str, str | int] = {"sub": user_id, "iat": now, "exp": now + ttl_seconds}
    if audience is not None:
        claims["aud"] = audience
    if issuer is not None:
        claims["iss"] = issuer
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def decode_token(token: str, secret: str, *, audience: str | None = None, issuer: str | None = None) -> TokenClaims:
    """The claims of a valid token (with `aud`/`iss` required and matched when given); raise InvalidToken otherwise.

    Only HS256 is accepted, so `alg: none` and algorithm-confusion tokens fail the signature check.
    """
    required = ["sub", "exp"] + (["aud"] if audience is not None else []) + (["iss"] if issuer is not None else [])
    try:
        claims = jwt.decode(
            token, secret, algorithms=[ALGORITHM], audience=audience, issuer=issuer, options={"require": required}
        )
    except jwt.ExpiredSignatureError as e:
        raise InvalidToken("token expired") from e
    except jwt.PyJWTError as e:
        raise InvalidToken(f"invalid token: {e}") from e
    try:
        return TokenClaims.model_validate(claims)
    except ValidationError as e:
        raise InvalidToken("token has no subject") from e


def verify_token(token: str, secret: str, *, audience: str | None = None, issuer: str | None = None) -> str:
    """Return the user id of a valid token; raise InvalidToken otherwise."""
    return decode_token(token, secret, audience=audience, issuer=issuer).sub


def issue_token(settings: Settings, user_id: str, ttl_seconds: int | None = None) -> str:
    """A token the service configured by `settings` accepts (default lifetime AUTH_TOKEN_TTL_SECONDS)."""
    ttl = settings.auth_token_ttl_seconds if ttl_seconds is None else ttl_seconds
    return mint_token(
        user_id, settings.auth_jwt_secret, ttl, audience=settings.auth_jwt_audience, issuer=settings.auth_jwt_issuer
    )


# Tokens verified so far: a client sends the same token with every request, and the signature and claim checks
# were a twelfth of a cached GET's CPU. Only time can change a verdict (the expiry, checked on every use); a key
# holds everything else it depends on. Emptied when full.
_VERIFIED: dict[tuple[str, str, str | None, str | None], TokenClaims] = {}
_VERIFIED_MAX = 10_000


def read_token(settings: Settings, token: str) -> TokenClaims:
    """`decode_token` with the secret, audience and issuer of `settings` (a token seen before: its expiry only)."""
    key = (token, settings.auth_jwt_secret, settings.auth_jwt_audience, settings.auth_jwt_issuer)
    claims = _VERIFIED.get(key)
    if claims is None:
        claims = decode_token(
            token, settings.auth_jwt_secret, audience=settings.auth_jwt_audience, issuer=settings.auth_jwt_issuer
        )
        if len(_VERIFIED) >= _VERIFIED_MAX:
            _VERIFIED.clear()
        _VERIFIED[key] = claims
    elif claims.exp <= time.time():  # as PyJWT decides it (no leeway)
        raise InvalidToken("token expired")
    return claims


def check_production(settings: Settings) -> None:
    """Raise InsecureSettings when APP_ENV=production and AUTH_JWT_SECRET is weak; the API and worker call it first."""
    if settings.app_env != "production":
        return
    problem = _secret_problem(settings)
    if problem is not None:
        raise InsecureSettings(
            f"APP_ENV=production refuses to start: AUTH_JWT_SECRET {problem}. Set it to a private random value of "
            f"at least {MIN_SECRET_BYTES} bytes, e.g. `python -c 'import secrets; print(secrets.token_urlsafe(48))'`."
        )


def _secret_problem(settings: Settings) -> str | None:
    secret = settings.auth_jwt_secret
    if "auth_jwt_secret" not in settings.model_fields_set:
        return "is not set"
    if secret in BUILT_IN_SECRETS:
        return "is a built-in default published with this code"
    if len(secret.encode()) < MIN_SECRET_BYTES:
        return f"is only {len(secret.encode())} bytes long"
    return None
