"""Identifiers, opaque blobs and timestamps in the shapes the real agents write them.

Everything draws from one `random.Random`, so a session's bytes depend only on its seed.
"""

from __future__ import annotations

import base64
import random
import time
from datetime import UTC, datetime, timedelta

_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class Ids:
    """Id factory bound to one session's random stream."""

    __slots__ = ("rng",)

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def _chars(self, alphabet: str, n: int) -> str:
        return "".join(self.rng.choices(alphabet, k=n))

    def uuid4(self) -> str:
        h = f"{self.rng.getrandbits(128):032x}"
        variant = "89ab"[int(h[16], 16) & 3]
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{variant}{h[17:20]}-{h[20:32]}"

    def uuid7(self, ms: int) -> str:
        """UUIDv7 as Codex uses for thread and turn ids: 48-bit ms time, then random bits."""
        t = f"{ms:012x}"
        r = f"{self.rng.getrandbits(80):020x}"
        variant = "89ab"[int(r[3], 16) & 3]
        return f"{t[:8]}-{t[8:12]}-7{r[:3]}-{variant}{r[4:7]}-{r[8:20]}"

    def msg_id(self) -> str:
        return "msg_01" + self._chars(_B58, 22)

    def request_id(self) -> str:
        return "req_011C" + self._chars(_B58, 20)

    def toolu_id(self) -> str:
        return "toolu_01" + self._chars(_B58, 22)

    def call_id(self) -> str:
        return "call_" + self._chars(_ALNUM, 24)

    def agent_id(self, long: bool) -> str:
        return f"{self.rng.getrandbits(64 if long else 28):0{16 if long else 7}x}"

    def hex(self, n: int) -> str:
        return f"{self.rng.getrandbits(4 * n):0{n}x}"

    def alnum(self, n: int) -> str:
        return self._chars(_ALNUM, n)

    def upper(self, n: int) -> str:
        return self._chars(_UPPER_DIGITS, n)

    def signature(self, n_bytes: int) -> str:
        """Claude thinking signature: base64 of a protobuf-ish blob, always starting with 'E'."""
        return base64.b64encode(b"\x12" + self.rng.randbytes(n_bytes)).decode()

    def encrypted_content(self, n_bytes: int) -> str:
        """Codex reasoning.encrypted_content: a Fernet token (urlsafe base64 starting 'gAAAAAB')."""
        body = base64.urlsafe_b64encode(b"\x80\x00\x00\x00\x00" + self.rng.randbytes(n_bytes)).decode()
        return "gAAAAAB" + body[7:]

    def b64(self, n_bytes: int) -> str:
        return base64.b64encode(self.rng.randbytes(n_bytes)).decode()


def ts(ms: int) -> str:
    """ISO-8601 UTC with milliseconds and a trailing Z, as both agents write it."""
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ms // 1000)) + f".{ms % 1000:03d}Z"


def to_datetime(ms: int) -> datetime:
    return _EPOCH + timedelta(milliseconds=ms)


def epoch_ms(dt: datetime) -> int:
    return int((dt - _EPOCH).total_seconds() * 1000)
