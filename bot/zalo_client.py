"""A small httpx client for the Zalo Bot Platform API (Telegram-like: {base}/bot{token}/{method})."""

from __future__ import annotations

import logging
from typing import Any

import httpx

log = logging.getLogger(__name__)

OFFICIAL_API = "https://bot-api.zaloplatforms.com"
NO_UPDATES = 408  # getUpdates answers "timeout" when the long poll ended empty


class ZaloError(Exception):
    """The API refused a call, or could not be reached (the token is never part of the message)."""

    def __init__(self, description: str, error_code: int | None = None, retry_after: float | None = None) -> None:
        super().__init__(f"{description} (code {error_code})" if error_code is not None else description)
        self.description = description
        self.error_code = error_code
        self.retry_after = retry_after


class ZaloClient:
    """Calls the Zalo Bot API with JSON bodies and unwraps {"ok", "result"} answers."""

    def __init__(
        self,
        token: str,
        base_url: str = "",
        *,
        timeout: float = 15.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        """transport replaces the network (httpx.MockTransport in tests)."""
        if not token:
            raise ValueError("Zalo needs a bot token")
        self._prefix = f"{(base_url or OFFICIAL_API).rstrip('/')}/bot{token}/"
        self._timeout = timeout
        self._http = httpx.AsyncClient(timeout=httpx.Timeout(timeout), transport=transport)

    async def call(self, method: str, params: dict[str, Any] | None = None, *, timeout: float | None = None) -> Any:
        """Call method with params; its result, or ZaloError."""
        try:
            response = await self._http.post(self._prefix + method, json=params or {}, timeout=timeout or self._timeout)
            body = response.json()
        except httpx.HTTPError as exc:
            raise ZaloError(f"{method}: {type(exc).__name__}") from None
        except ValueError:
            raise ZaloError(f"{method}: HTTP {response.status_code} without JSON") from None
        if not isinstance(body, dict) or not body.get("ok"):
            details = body if isinstance(body, dict) else {}
            retry = (details.get("parameters") or {}).get("retry_after")
            raise ZaloError(f"{method}: {details.get('description', 'failed')}", details.get("error_code"), retry)
        return body.get("result")

    async def get_me(self) -> dict[str, Any]:
        """The bot's own account (checks the token)."""
        return dict(await self.call("getMe"))

    async def get_updates(self, timeout: int = 30) -> list[dict[str, Any]]:
        """Long-poll for new updates; empty when none came within timeout seconds."""
        try:
            result = await self.call("getUpdates", {"timeout": str(timeout)}, timeout=timeout + 10)
        except ZaloError as exc:
            if exc.error_code == NO_UPDATES:
                return []
            raise
        if result is None:
            return []
        return [item for item in (result if isinstance(result, list) else [result]) if isinstance(item, dict)]

    async def send_message(self, chat_id: str, text: str) -> dict[str, Any]:
        """Send text (at most 2,000 characters) to a chat."""
        return dict(await self.call("sendMessage", {"chat_id": chat_id, "text": text}) or {})

    async def send_photo(self, chat_id: str, photo_url: str, caption: str = "") -> dict[str, Any]:
        """Send a photo by its public URL."""
        params = {"chat_id": chat_id, "photo": photo_url}
        if caption:
            params["caption"] = caption
        return dict(await self.call("sendPhoto", params) or {})

    async def set_webhook(self, url: str, secret_token: str) -> Any:
        """Have Zalo post updates to url with secret_token in X-Bot-Api-Secret-Token."""
        return await self.call("setWebhook", {"url": url, "secret_token": secret_token})

    async def delete_webhook(self) -> Any:
        """Go back to getUpdates."""
        return await self.call("deleteWebhook")

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._http.aclose()
