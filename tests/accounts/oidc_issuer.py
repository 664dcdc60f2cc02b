"""A small OpenID Connect provider for the tests, on 127.0.0.1: the portal talks to it over HTTP.

It implements what a sign-in needs of the authorization code flow (OpenID Connect Core 1.0,
with PKCE, RFC 7636): the discovery document, the signing keys (JWKS), an authorization
endpoint that "signs in" whichever identity the test chose and redirects back with a code, a
token endpoint that checks the client's secret, the redirect URI and the PKCE verifier and
answers an ID token signed with RS256, and userinfo. It keeps every request it answered, so a
test can check what the portal sent.
"""

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm


class LocalOpenIDProvider:
    """Start with `start()`, set `identity` (the claims of whoever signs in next), stop with `stop()`."""

    def __init__(self, client_id: str = "unccd-portal", client_secret: str = "s3cret-of-the-portal"):
        self.client_id = client_id
        self.client_secret = client_secret
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.key_id = "test-key-1"
        self.identity: dict = {}
        self.codes: dict[str, dict] = {}
        self.access_tokens: dict[str, dict] = {}
        self.requests: list[tuple[str, str, dict]] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> "LocalOpenIDProvider":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- what the endpoints answer ---------------------------------------------------------------

    def discovery(self) -> dict:
        return {
            "issuer": self.url,
            "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token",
            "userinfo_endpoint": f"{self.url}/userinfo",
            "jwks_uri": f"{self.url}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
            "code_challenge_methods_supported": ["S256"],
            "scopes_supported": ["openid", "profile", "email"],
        }

    def jwks(self) -> dict:
        key = RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return {"keys": [{**key, "kid": self.key_id, "use": "sig", "alg": "RS256"}]}

    def authorize(self, query: dict) -> tuple[int, dict, dict]:
        """Sign in `self.identity` and send the browser back to the client with a code."""
        if query.get("client_id") != self.client_id or query.get("response_type") != "code":
            return 400, {}, {"error": "invalid_request"}
        if "openid" not in query.get("scope", "").split():
            return 400, {}, {"error": "invalid_scope"}
        code = secrets.token_urlsafe(24)
        self.codes[code] = {
            "claims": dict(self.identity),
            "redirect_uri": query["redirect_uri"],
            "nonce": query.get("nonce"),
            "code_challenge": query.get("code_challenge"),
            "code_challenge_method": query.get("code_challenge_method"),
        }
        back = {"code": code, "state": query.get("state", "")}
        return 302, {"Location": f"{query['redirect_uri']}?{urlencode(back)}"}, {}

    def token(self, form: dict, authorization: str) -> tuple[int, dict]:
        client_id, client_secret = form.get("client_id"), form.get("client_secret")
        if authorization.startswith("Basic "):
            client_id, _, client_secret = base64.b64decode(authorization[6:]).decode().partition(":")
        if (client_id, client_secret) != (self.client_id, self.client_secret):
            return 401, {"error": "invalid_client"}
        grant = self.codes.pop(form.get("code", ""), None)  # a code works once
        if form.get("grant_type") != "authorization_code" or grant is None:
            return 400, {"error": "invalid_grant"}
        if form.get("redirect_uri") != grant["redirect_uri"]:
            return 400, {"error": "invalid_grant", "error_description": "redirect_uri mismatch"}
        if grant["code_challenge"]:
            verifier = form.get("code_verifier", "")
            digest = hashlib.sha256(verifier.encode()).digest()
            expected = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
            if grant["code_challenge_method"] != "S256" or expected != grant["code_challenge"]:
                return 400, {"error": "invalid_grant", "error_description": "PKCE verification failed"}
        now = int(time.time())
        claims = {
            "iss": self.url,
            "aud": self.client_id,
            "iat": now,
            "exp": now + 300,
            **grant["claims"],
        }
        if grant["nonce"]:
            claims["nonce"] = grant["nonce"]
        access_token = secrets.token_urlsafe(24)
        self.access_tokens[access_token] = grant["claims"]
        id_token = jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": self.key_id})
        return 200, {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": id_token,
        }

    def userinfo(self, authorization: str) -> tuple[int, dict]:
        claims = self.access_tokens.get(authorization.removeprefix("Bearer ").strip())
        if claims is None:
            return 401, {"error": "invalid_token"}
        return 200, claims

    # --- HTTP ------------------------------------------------------------------------------------

    def _handler_class(self):
        issuer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep the test output clean
                pass

            def _answer(self, status: int, body: dict, headers: dict | None = None) -> None:
                payload = json.dumps(body).encode()
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def do_GET(self):
                parts = urlsplit(self.path)
                query = {name: values[0] for name, values in parse_qs(parts.query).items()}
                issuer.requests.append(("GET", parts.path, query))
                authorization = self.headers.get("Authorization", "")
                if parts.path == "/.well-known/openid-configuration":
                    self._answer(200, issuer.discovery())
                elif parts.path == "/jwks":
                    self._answer(200, issuer.jwks())
                elif parts.path == "/authorize":
                    status, headers, body = issuer.authorize(query)
                    self._answer(status, body, headers)
                elif parts.path == "/userinfo":
                    self._answer(*issuer.userinfo(authorization))
                else:
                    self._answer(404, {"error": "not_found"})

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode()
                form = {name: values[0] for name, values in parse_qs(raw).items()}
                issuer.requests.append(("POST", self.path, form))
                if self.path == "/token":
                    self._answer(*issuer.token(form, self.headers.get("Authorization", "")))
                else:
                    self._answer(404, {"error": "not_found"})

        return Handler
