#!/usr/bin/env python3
"""Independent test client for the AWS SSM Session Manager data channel (ECS ExecuteCommand).

Written only from ``/work/shared/design/ssm-data-channel.md`` (the "doc"; section
references like §5 point into it), so that ecsnodes' Swift simulator and executor
can be checked against a second implementation.  It deliberately shares no code
with the Swift side.

Layers:

* codec: :func:`encode_message` / :func:`decode_message` for the binary
  ClientMessage (§2), plus the JSON payloads (ack, open-data-channel, size,
  handshake; §1, §4, §5, §6);
* :class:`DataChannelCore`: the session state machine without I/O (ordering,
  acks, reorder buffer, retransmission, handshake, KMS; §4, §5, §8), so it can
  be unit-tested frame by frame;
* :func:`run_session_async` / :func:`run_session`: the WebSocket transport
  (SigV4-signed upgrade, §1) driving the core;
* :func:`execute_command`: ECS ExecuteCommand through boto3, then the session;
* a CLI (``session`` and ``exec`` sub-commands, see ``--help``).

Behaviour follows the official plugin where the doc says so, with these
deliberate robustness differences (all allowed or suggested by the doc):

* duplicates (seq < expected, or already buffered) are re-acked (§13.6);
* every overdue unacked input is resent with a properly stored send time,
  and RTT samples are taken only from messages never resent (Karn);
* in-flight input is limited to a window (default 64 messages);
* a PayloadType 12 (ExitCode) payload is kept in ``exit_code_payload`` rather
  than appended to ``output`` (ECS exec never sends one, §4.3).

Secrets: the session token and the secret key are never logged or printed.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import dataclasses
import hashlib
import ipaddress
import json
import logging
import os
import struct
import sys
import time
import uuid
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any, Callable, Optional
from urllib.parse import parse_qsl, urlsplit, urlunsplit

LOG = logging.getLogger("ssm_client")

# ---------------------------------------------------------------------------
# Constants (§1, §2, §3)
# ---------------------------------------------------------------------------

CLIENT_VERSION = "1.2.764.0"  # §1 version floor: >= 1.2.764.0
MESSAGE_SCHEMA_VERSION = "1.0"

HEADER_LENGTH = 116  # value of the HeaderLength field: header size without PayloadLength
FRAME_HEADER_SIZE = 120  # bytes before the payload
MESSAGE_TYPE_SIZE = 32
SCHEMA_VERSION = 1

# Field offsets (§2 table)
OFF_HEADER_LENGTH = 0
OFF_MESSAGE_TYPE = 4
OFF_SCHEMA_VERSION = 36
OFF_CREATED_DATE = 40
OFF_SEQUENCE_NUMBER = 48
OFF_FLAGS = 56
OFF_MESSAGE_ID = 64
OFF_PAYLOAD_DIGEST = 80
OFF_PAYLOAD_TYPE = 112
OFF_PAYLOAD_LENGTH = 116
OFF_PAYLOAD = 120

INPUT_STREAM_DATA = "input_stream_data"
OUTPUT_STREAM_DATA = "output_stream_data"
ACKNOWLEDGE = "acknowledge"
CHANNEL_CLOSED = "channel_closed"
START_PUBLICATION = "start_publication"
PAUSE_PUBLICATION = "pause_publication"
AGENT_SESSION_STATE = "agent_session_state"

FLAG_SYN = 1
FLAG_FIN = 2
ACK_FLAGS = FLAG_SYN | FLAG_FIN  # 3: acks and channel_closed (§3, §5)

STDIN_CHUNK = 1024  # §6 StdinBufferLimit
REORDER_CAPACITY = 100_000

# Retransmission (§5): initial RTT 100 ms, RTTVAR 0, RTO 200 ms, cap 1 s, floor 10 ms.
INITIAL_RTT = 0.100
INITIAL_RTO = 0.200
MAX_RTO = 1.0
MIN_RTTVAR_TERM = 0.010
TICK_INTERVAL = 0.05
KEEPALIVE_INTERVAL = 300.0  # §1: the plugin pings "keepalive" every 5 minutes

SHELL_SESSION_TYPES = ("Standard_Stream", "InteractiveCommands", "NonInteractiveCommands")


class PayloadType(IntEnum):
    """§3 PayloadType values."""

    UNSET = 0
    OUTPUT = 1
    ERROR = 2
    SIZE = 3
    PARAMETER = 4
    HANDSHAKE_REQUEST = 5
    HANDSHAKE_RESPONSE = 6
    HANDSHAKE_COMPLETE = 7
    ENC_CHALLENGE_REQUEST = 8
    ENC_CHALLENGE_RESPONSE = 9
    FLAG = 10
    STDERR = 11
    EXIT_CODE = 12


class ActionStatus(IntEnum):
    """§4.2 handshake ActionStatus values."""

    SUCCESS = 1
    FAILED = 2
    UNSUPPORTED = 3


# ---------------------------------------------------------------------------
# Codec (§2)
# ---------------------------------------------------------------------------


class DecodeError(ValueError):
    """A frame that the client rejects (the plugin drops such frames without an ack)."""


def now_ms() -> int:
    return int(time.time() * 1000)


def uuid_to_wire(u: uuid.UUID) -> bytes:
    """MessageId on the wire: UUID bytes 8-15 first, then bytes 0-7 (§2, §13.1)."""
    b = u.bytes
    return b[8:16] + b[0:8]


def uuid_from_wire(b: bytes) -> uuid.UUID:
    if len(b) != 16:
        raise DecodeError(f"MessageId must be 16 bytes, got {len(b)}")
    return uuid.UUID(bytes=bytes(b[8:16]) + bytes(b[0:8]))


@dataclass
class ClientMessage:
    """One ClientMessage.  For encoding, digest and length are computed from ``payload``."""

    message_type: str
    sequence_number: int = 0
    flags: int = 0
    message_id: uuid.UUID = field(default_factory=uuid.uuid4)
    payload_type: int = 0
    payload: bytes = b""
    schema_version: int = SCHEMA_VERSION
    created_date: int = field(default_factory=now_ms)  # Unix epoch milliseconds
    # Filled in by decode_message only:
    header_length: Optional[int] = None
    payload_length: Optional[int] = None
    payload_digest: Optional[bytes] = None
    type_padding: Optional[str] = None  # "space", "nul", "none" or "mixed"

    def describe(self) -> str:
        return (
            f"{self.message_type} seq={self.sequence_number} flags={self.flags} "
            f"ptype={self.payload_type} len={len(self.payload)} id={self.message_id}"
        )


def encode_message(msg: ClientMessage) -> bytes:
    """Serialise exactly 120 + n bytes (§2)."""
    mt = msg.message_type.encode("ascii")
    if not mt or len(mt) > MESSAGE_TYPE_SIZE:
        raise ValueError(f"MessageType must be 1..32 ASCII bytes: {msg.message_type!r}")
    payload = bytes(msg.payload)
    header = struct.pack(
        ">I32sIQqQ16s32sII",
        HEADER_LENGTH,
        mt.ljust(MESSAGE_TYPE_SIZE, b" "),
        msg.schema_version,
        msg.created_date,
        msg.sequence_number,
        msg.flags,
        uuid_to_wire(msg.message_id),
        hashlib.sha256(payload).digest(),
        int(msg.payload_type),
        len(payload),
    )
    assert len(header) == FRAME_HEADER_SIZE
    return header + payload


def _classify_padding(raw: bytes) -> str:
    text_end = len(raw.rstrip(b"\x00 "))
    pad = raw[text_end:]
    if not pad:
        return "none"
    if set(pad) == {0x20}:
        return "space"
    if set(pad) == {0x00}:
        return "nul"
    return "mixed"


def decode_message(data: bytes, *, strict: bool = True) -> ClientMessage:
    """Parse and validate one frame.

    Checks done in both modes (the plugin's, §2): frame long enough, HeaderLength
    non-zero, non-empty ASCII MessageType, CreatedDate non-zero, SHA-256 digest
    when PayloadLength != 0; ``start_publication``/``pause_publication`` are exempt
    from these.  The payload runs from HeaderLength + 4 to the end of the frame.

    ``strict`` (default) additionally requires HeaderLength == 116 and
    PayloadLength == the actual payload size (§13.2: "PayloadLength still has to
    be correct"), and checks the digest of any non-empty payload.
    """
    data = bytes(data)
    if len(data) < FRAME_HEADER_SIZE:
        raise DecodeError(f"frame too short: {len(data)} bytes < {FRAME_HEADER_SIZE}")
    (header_length,) = struct.unpack_from(">I", data, OFF_HEADER_LENGTH)
    raw_type = data[OFF_MESSAGE_TYPE:OFF_MESSAGE_TYPE + MESSAGE_TYPE_SIZE]
    try:
        message_type = raw_type.decode("ascii").replace("\x00", "").strip()
    except UnicodeDecodeError as e:
        raise DecodeError(f"MessageType is not ASCII: {raw_type!r}") from e
    (schema_version, created_date, sequence_number, flags) = struct.unpack_from(">IQqQ", data, OFF_SCHEMA_VERSION)
    message_id = uuid_from_wire(data[OFF_MESSAGE_ID:OFF_MESSAGE_ID + 16])
    digest = data[OFF_PAYLOAD_DIGEST:OFF_PAYLOAD_DIGEST + 32]
    (payload_type, payload_length) = struct.unpack_from(">II", data, OFF_PAYLOAD_TYPE)

    exempt = message_type in (START_PUBLICATION, PAUSE_PUBLICATION)
    if header_length == 0 and not exempt:
        raise DecodeError("HeaderLength is 0")
    if strict and header_length != HEADER_LENGTH and not exempt:
        raise DecodeError(f"HeaderLength is {header_length}, expected {HEADER_LENGTH}")
    start = header_length + 4
    if start > len(data):
        raise DecodeError(f"HeaderLength {header_length} points past the end of a {len(data)}-byte frame")
    payload = data[start:]
    msg = ClientMessage(
        message_type=message_type,
        sequence_number=sequence_number,
        flags=flags,
        message_id=message_id,
        payload_type=payload_type,
        payload=payload,
        schema_version=schema_version,
        created_date=created_date,
        header_length=header_length,
        payload_length=payload_length,
        payload_digest=digest,
        type_padding=_classify_padding(raw_type),
    )
    if exempt:
        return msg
    if not message_type:
        raise DecodeError("MessageType is empty")
    if created_date == 0:
        raise DecodeError("CreatedDate is 0")
    if strict and payload_length != len(payload):
        raise DecodeError(f"PayloadLength is {payload_length} but {len(payload)} payload bytes follow the header")
    if payload_length != 0 or (strict and payload):
        actual = hashlib.sha256(payload).digest()
        if actual != digest:
            raise DecodeError(f"PayloadDigest mismatch: header {digest.hex()} != sha256(payload) {actual.hex()}")
    return msg


# ---------------------------------------------------------------------------
# JSON payloads (§1, §4, §5, §6)
# ---------------------------------------------------------------------------


def _json(obj: Any) -> bytes:
    # Go's json.Marshal: struct field order, no spaces.
    return json.dumps(obj, separators=(",", ":")).encode("utf-8")


def open_data_channel_frame(token: str, *, request_id: Optional[str] = None, client_id: Optional[str] = None,
                            client_version: str = CLIENT_VERSION) -> str:
    """The first (text) frame after the upgrade (§1).  Contains the token: never log it."""
    return json.dumps(
        {
            "MessageSchemaVersion": MESSAGE_SCHEMA_VERSION,
            "RequestId": request_id or str(uuid.uuid4()),
            "TokenValue": token,
            "ClientId": client_id or str(uuid.uuid4()),
            "ClientVersion": client_version,
        },
        separators=(",", ":"),
    )


def ack_payload(message_type: str, message_id: uuid.UUID, sequence_number: int) -> bytes:
    """Ack JSON, exact keys and order (§5)."""
    return _json(
        {
            "AcknowledgedMessageType": message_type,
            "AcknowledgedMessageId": str(message_id),
            "AcknowledgedMessageSequenceNumber": sequence_number,
            "IsSequentialMessage": True,
        }
    )


def make_ack(msg: ClientMessage) -> ClientMessage:
    """Ack for ``msg``: header seq 0, Flags 3, PayloadType 0, fresh MessageId (§5)."""
    return ClientMessage(
        message_type=ACKNOWLEDGE,
        sequence_number=0,
        flags=ACK_FLAGS,
        message_id=uuid.uuid4(),
        payload_type=PayloadType.UNSET,
        payload=ack_payload(msg.message_type, msg.message_id, msg.sequence_number),
    )


ACK_KEYS = ("AcknowledgedMessageType", "AcknowledgedMessageId", "AcknowledgedMessageSequenceNumber",
            "IsSequentialMessage")


def parse_ack(payload: bytes) -> dict:
    try:
        obj = json.loads(payload)
    except ValueError as e:
        raise DecodeError(f"ack payload is not JSON: {payload[:80]!r}") from e
    if not isinstance(obj, dict):
        raise DecodeError("ack payload is not a JSON object")
    missing = [k for k in ACK_KEYS[:3] if k not in obj]
    if missing:
        raise DecodeError(f"ack payload lacks {missing}")
    if not isinstance(obj["AcknowledgedMessageSequenceNumber"], int):
        raise DecodeError("AcknowledgedMessageSequenceNumber is not an integer")
    return obj


def size_payload(cols: int, rows: int) -> bytes:
    """§6: PayloadType 3 {"cols":..,"rows":..}."""
    return _json({"cols": int(cols), "rows": int(rows)})


# ---------------------------------------------------------------------------
# KMS (§8)
# ---------------------------------------------------------------------------


class KmsCipher:
    """AES-256-GCM with the data key split of §8: client decrypts with [0:32], encrypts with [32:64]."""

    NONCE_SIZE = 12

    def __init__(self, plaintext_key: bytes):
        if len(plaintext_key) != 64:
            raise ValueError(f"data key must be 64 bytes, got {len(plaintext_key)}")
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # optional dependency

        self._dec = AESGCM(bytes(plaintext_key[0:32]))
        self._enc = AESGCM(bytes(plaintext_key[32:64]))

    def encrypt(self, plaintext: bytes) -> bytes:
        nonce = os.urandom(self.NONCE_SIZE)
        return nonce + self._enc.encrypt(nonce, bytes(plaintext), None)

    def decrypt(self, wire: bytes) -> bytes:
        if len(wire) < self.NONCE_SIZE + 16:
            raise ValueError(f"encrypted payload too short: {len(wire)} bytes")
        return self._dec.decrypt(bytes(wire[: self.NONCE_SIZE]), bytes(wire[self.NONCE_SIZE:]), None)


def kms_available() -> bool:
    try:
        import cryptography.hazmat.primitives.ciphers.aead  # noqa: F401
    except ImportError:
        return False
    return True


DataKeyFn = Callable[[str, dict], "tuple[bytes, bytes]"]


@dataclass
class KmsOptions:
    """What the client needs to answer a KMSEncryption handshake action (§8).

    ``generate_data_key(key_id, encryption_context) -> (plaintext, ciphertext_blob)``
    may be injected; otherwise :func:`run_session_async` uses boto3 ``kms`` with
    ``endpoint_url`` and the session credentials.
    """

    session_id: str
    target_id: str  # ECS: "ecs:<clusterName>_<taskId>_<containerRuntimeId>"
    endpoint_url: Optional[str] = None
    wrong_challenge: bool = False  # negative tests: answer the EncChallengeRequest wrongly
    random_challenge: bool = True  # support the newer agent "Challenge" option
    generate_data_key: Optional[DataKeyFn] = None


def boto3_data_key_fn(*, endpoint_url: Optional[str], region: str, access_key: Optional[str],
                      secret_key: Optional[str], session_token: Optional[str] = None) -> DataKeyFn:
    import boto3
    from botocore.config import Config

    # Made now, not at the first call: creating a boto3 client takes long enough (hundreds of
    # milliseconds on a loaded machine) that the agent would resend its HandshakeRequest
    # while the session loop waits on it with the acknowledgement unsent.
    session = boto3.session.Session(aws_access_key_id=access_key, aws_secret_access_key=secret_key,
                                    aws_session_token=session_token, region_name=region)
    client = session.client("kms", endpoint_url=endpoint_url, config=Config(retries={"total_max_attempts": 1}))

    def generate(key_id: str, context: dict) -> "tuple[bytes, bytes]":
        resp = client.generate_data_key(KeyId=key_id, NumberOfBytes=64, EncryptionContext=context)
        return resp["Plaintext"], resp["CiphertextBlob"]

    return generate


# ---------------------------------------------------------------------------
# Session state machine without I/O (§4, §5, §6, §8)
# ---------------------------------------------------------------------------


@dataclass
class _Outgoing:
    seq: int
    message_id: uuid.UUID
    data: bytes
    payload_type: int
    first_sent: float
    last_sent: float
    resends: int = 0


@dataclass
class SessionResult:
    output: bytes = b""
    channel_closed: bool = False
    close_reason: Optional[str] = None
    frames_received: int = 0
    duplicates_seen: int = 0
    out_of_order: int = 0
    resends: int = 0
    messages_sent: int = 0  # input_stream_data messages (not counting resends)
    acks_sent: int = 0
    acks_received: int = 0
    unacked_at_end: int = 0
    handshake: bool = False
    session_type: Optional[str] = None
    encrypted: bool = False
    kms_key_id: Optional[str] = None
    customer_message: Optional[str] = None
    exit_code_payload: Optional[bytes] = None
    timed_out: bool = False
    ws_close_code: Optional[int] = None
    ws_close_reason: Optional[str] = None
    protocol_errors: list = field(default_factory=list)  # frames the client had to reject / broken state
    protocol_warnings: list = field(default_factory=list)  # deviations from the doc that were tolerated
    notes: list = field(default_factory=list)  # non-protocol remarks (e.g. optional API calls that failed)
    ignored_messages: dict = field(default_factory=dict)  # MessageType -> count
    elapsed: float = 0.0
    session_id: Optional[str] = None
    cluster_kms_key_id: Optional[str] = None

    def summary(self) -> dict:
        return {
            "channel_closed": self.channel_closed,
            "close_reason": self.close_reason,
            "frames": self.frames_received,
            "duplicates": self.duplicates_seen,
            "out_of_order": self.out_of_order,
            "resends": self.resends,
            "messages_sent": self.messages_sent,
            "acks_sent": self.acks_sent,
            "acks_received": self.acks_received,
            "unacked_at_end": self.unacked_at_end,
            "output_bytes": len(self.output),
            "handshake": self.handshake,
            "encrypted": self.encrypted,
            "timed_out": self.timed_out,
            "ws_close_code": self.ws_close_code,
            "protocol_errors": self.protocol_errors,
            "protocol_warnings": self.protocol_warnings,
            "elapsed": round(self.elapsed, 3),
        }


class DataChannelCore:
    """The client side of one data channel, without I/O.

    Feed every received WebSocket frame to :meth:`receive` and call :meth:`tick`
    periodically; both return the binary frames to send, in order.  The first
    (text) frame comes from :meth:`open_frame`.  ``done`` turns true at
    ``channel_closed``.
    """

    def __init__(self, *, stdin: bytes = b"", cols: int = 80, rows: int = 24, kms: Optional[KmsOptions] = None,
                 clock: Callable[[], float] = time.monotonic, window: int = 64, translate_lone_lf: bool = True):
        self.clock = clock
        self.cols, self.rows = cols, rows
        self.kms = kms
        self.window = max(1, window)
        self.translate_lone_lf = translate_lone_lf
        self.result = SessionResult()
        self.done = False
        # incoming (agent -> client)
        self.expected_seq = 0
        self.reorder: dict[int, ClientMessage] = {}
        self.delivered_digests: dict[int, bytes] = {}
        # outgoing (client -> agent)
        self.out_seq = 0
        self.unacked: "OrderedDict[int, _Outgoing]" = OrderedDict()
        self.sent_ids: dict[int, uuid.UUID] = {}
        self.pending_stdin: deque[bytes] = deque(
            bytes(stdin[i:i + STDIN_CHUNK]) for i in range(0, len(stdin), STDIN_CHUNK)
        )
        # handshake / readiness
        self.ready = False
        self.handshake_requested = False
        self.handshake_complete = False
        self.kms_requested = False
        self.cipher: Optional[KmsCipher] = None
        self.output = bytearray()
        # RTO (§5)
        self.rtt = INITIAL_RTT
        self.rttvar = 0.0
        self.rto = INITIAL_RTO

    # -- helpers -----------------------------------------------------------

    def _error(self, text: str) -> None:
        LOG.warning("protocol error: %s", text)
        self.result.protocol_errors.append(text)

    def _warn(self, text: str) -> None:
        LOG.info("protocol warning: %s", text)
        if len(self.result.protocol_warnings) < 200:
            self.result.protocol_warnings.append(text)

    def open_frame(self, token: str) -> str:
        return open_data_channel_frame(token)

    def _ack(self, msg: ClientMessage) -> bytes:
        self.result.acks_sent += 1
        return encode_message(make_ack(msg))

    def _send_input(self, payload_type: int, payload: bytes) -> bytes:
        now = self.clock()
        msg = ClientMessage(
            message_type=INPUT_STREAM_DATA,
            sequence_number=self.out_seq,
            flags=0,  # plugin input_stream_data: always 0 (§3)
            message_id=uuid.uuid4(),
            payload_type=payload_type,
            payload=payload,
        )
        data = encode_message(msg)
        self.unacked[self.out_seq] = _Outgoing(self.out_seq, msg.message_id, data, payload_type, now, now)
        self.sent_ids[self.out_seq] = msg.message_id
        self.out_seq += 1
        self.result.messages_sent += 1
        LOG.debug("send %s", msg.describe())
        return data

    def _release_stdin(self) -> list[bytes]:
        frames: list[bytes] = []
        if not self.ready or self.done:
            return frames
        while self.pending_stdin and len(self.unacked) < self.window:
            chunk = self.pending_stdin.popleft()
            if self.translate_lone_lf and chunk == b"\n":
                chunk = b"\r"  # §6: a payload of exactly 0x0A is sent as 0x0D
            if self.cipher is not None:
                chunk = self.cipher.encrypt(chunk)  # §6/§8: only PayloadType 1 is encrypted
            frames.append(self._send_input(PayloadType.OUTPUT, chunk))
        return frames

    def _become_ready(self) -> list[bytes]:
        if self.ready:
            return []
        self.ready = True
        frames = [self._send_input(PayloadType.SIZE, size_payload(self.cols, self.rows))]
        return frames + self._release_stdin()

    # -- receiving ---------------------------------------------------------

    def receive(self, data: bytes) -> list[bytes]:
        self.result.frames_received += 1
        if self.done:
            return []
        try:
            msg = decode_message(data, strict=True)
        except DecodeError as e:
            self._error(f"frame #{self.result.frames_received} rejected: {e}")
            return []
        LOG.debug("recv %s", msg.describe())
        mt = msg.message_type
        if msg.type_padding not in ("space", "none"):
            self._warn(f"{mt}: MessageType padded with {msg.type_padding} (doc: spaces)")
        if msg.schema_version != SCHEMA_VERSION:
            self._warn(f"{mt}: SchemaVersion {msg.schema_version} (doc: always 1)")
        if msg.created_date and abs(msg.created_date - now_ms()) > 86_400_000:
            self._warn(f"{mt}: CreatedDate {msg.created_date} is more than a day off (not milliseconds?)")
        if mt == OUTPUT_STREAM_DATA:
            return self._on_output_stream(msg)
        if mt == ACKNOWLEDGE:
            return self._on_ack(msg)
        if mt == CHANNEL_CLOSED:
            self._on_channel_closed(msg)
            return []
        self.result.ignored_messages[mt] = self.result.ignored_messages.get(mt, 0) + 1
        if mt not in (START_PUBLICATION, PAUSE_PUBLICATION):
            # agent_session_state is "not expected at the client"; unknown types: ignore with a warning (§3)
            self._warn(f"ignored unexpected MessageType {mt!r}")
        return []

    def _on_output_stream(self, msg: ClientMessage) -> list[bytes]:
        seq = msg.sequence_number
        want_flags = FLAG_SYN if seq == 0 else 0
        if msg.flags != want_flags:
            self._warn(f"output_stream_data seq {seq}: Flags {msg.flags}, doc says {want_flags}")
        frames: list[bytes] = []
        if seq == self.expected_seq:
            frames.append(self._ack(msg))
            frames += self._deliver(msg)
            self.expected_seq += 1
            while self.expected_seq in self.reorder and not self.done:
                frames += self._deliver(self.reorder.pop(self.expected_seq))
                self.expected_seq += 1
        elif seq > self.expected_seq:
            prior = self.reorder.get(seq)
            if prior is not None:
                self.result.duplicates_seen += 1
                if prior.payload != msg.payload or prior.payload_type != msg.payload_type:
                    self._warn(f"output_stream_data seq {seq} resent with different content")
                frames.append(self._ack(msg))
            elif len(self.reorder) >= REORDER_CAPACITY:
                self._warn(f"reorder buffer full; dropped seq {seq} without ack")
            else:
                self.reorder[seq] = msg
                self.result.out_of_order += 1
                frames.append(self._ack(msg))
        else:
            # Already delivered: re-ack (§13.6), check it really is the same message.
            self.result.duplicates_seen += 1
            digest = self.delivered_digests.get(seq)
            if digest is not None and digest != hashlib.sha256(msg.payload).digest():
                self._warn(f"output_stream_data seq {seq} resent with different content")
            frames.append(self._ack(msg))
        return frames + self._release_stdin()

    def _deliver(self, msg: ClientMessage) -> list[bytes]:
        """Process one in-order output_stream_data message."""
        self.delivered_digests[msg.sequence_number] = hashlib.sha256(msg.payload).digest()
        pt = msg.payload_type
        try:
            if pt == PayloadType.HANDSHAKE_REQUEST:
                return self._on_handshake_request(msg)
            if pt == PayloadType.ENC_CHALLENGE_REQUEST:
                return self._on_challenge_request(msg)
            if pt == PayloadType.HANDSHAKE_COMPLETE:
                return self._on_handshake_complete(msg)
        except (ValueError, KeyError, TypeError) as e:
            self._error(f"seq {msg.sequence_number} payload type {pt}: {e}")
            return []
        if pt in (PayloadType.OUTPUT, PayloadType.STDERR, PayloadType.EXIT_CODE):
            payload = msg.payload
            if self.cipher is not None:
                try:
                    payload = self.cipher.decrypt(payload)  # §8: decrypt 1, 11 and 12
                except Exception as e:  # cryptography.exceptions.InvalidTag and friends
                    self._error(f"seq {msg.sequence_number}: cannot decrypt payload type {pt}: {e!r}")
                    return []
            elif self.kms_requested:
                self._error(f"seq {msg.sequence_number}: output with KMS requested but no data key")
            if pt == PayloadType.EXIT_CODE:
                self.result.exit_code_payload = bytes(payload)
            else:
                self.output += payload
            if not self.ready:
                if self.handshake_requested and not self.handshake_complete:
                    self._warn(f"seq {msg.sequence_number}: output before HandshakeComplete")
                    return []
                return self._become_ready()  # §4.1: first output means the agent is up
            return []
        self._warn(f"seq {msg.sequence_number}: unexpected payload type {pt} in output_stream_data; ignored")
        return []

    def _on_handshake_request(self, msg: ClientMessage) -> list[bytes]:
        self.handshake_requested = True
        self.result.handshake = True
        if self.ready:
            self._warn("HandshakeRequest after the session was already running")
        req = json.loads(msg.payload)
        if not isinstance(req, dict):
            raise ValueError("HandshakeRequest is not a JSON object")
        processed = []
        for action in req.get("RequestedClientActions") or []:
            atype = action.get("ActionType")
            params = action.get("ActionParameters") or {}
            if atype == "SessionType":
                st = params.get("SessionType")
                self.result.session_type = st
                ok = st in SHELL_SESSION_TYPES
                processed.append({"ActionType": atype,
                                  "ActionStatus": ActionStatus.SUCCESS if ok else ActionStatus.UNSUPPORTED,
                                  "ActionResult": None,
                                  "Error": "" if ok else f"session type {st!r} is not supported by this client"})
            elif atype == "KMSEncryption":
                processed.append(self._kms_action(params))
            else:
                processed.append({"ActionType": atype, "ActionStatus": ActionStatus.UNSUPPORTED,
                                  "ActionResult": None, "Error": f"unsupported action {atype!r}"})
        response = {"ClientVersion": CLIENT_VERSION, "ProcessedClientActions": processed, "Errors": None}
        return [self._send_input(PayloadType.HANDSHAKE_RESPONSE, _json(response))]

    def _kms_action(self, params: dict) -> dict:
        self.kms_requested = True
        key_id = params.get("KMSKeyId")
        challenge = params.get("Challenge")
        self.result.kms_key_id = key_id

        def failed(text: str) -> dict:
            self._error(f"KMSEncryption: {text}")
            return {"ActionType": "KMSEncryption", "ActionStatus": ActionStatus.FAILED, "ActionResult": None,
                    "Error": text}

        if self.kms is None:
            return failed("KMS encryption requested but the client has no KMS options")
        if not kms_available():
            return failed("KMS encryption needs the 'cryptography' package")
        if self.kms.generate_data_key is None:
            return failed("no GenerateDataKey function configured")
        context = {"aws:ssm:SessionId": self.kms.session_id, "aws:ssm:TargetId": self.kms.target_id}
        if challenge and self.kms.random_challenge:
            context["aws:ssm:RandomChallenge"] = challenge
        try:
            plaintext, blob = self.kms.generate_data_key(key_id, context)
            self.cipher = KmsCipher(plaintext)
        except Exception as e:  # boto3 errors, wrong key size
            return failed(f"GenerateDataKey failed: {e}")
        self.result.encrypted = True
        result: dict = {"KMSCipherTextKey": base64.b64encode(blob).decode("ascii"), "KMSCipherTextHash": None}
        if challenge and self.kms.random_challenge:
            result["ChallengeAcknowledgement"] = True
        return {"ActionType": "KMSEncryption", "ActionStatus": ActionStatus.SUCCESS, "ActionResult": result,
                "Error": ""}

    def _on_challenge_request(self, msg: ClientMessage) -> list[bytes]:
        req = json.loads(msg.payload)
        if self.cipher is None:
            raise ValueError("EncChallengeRequest without a KMS data key")
        plain = self.cipher.decrypt(base64.b64decode(req["Challenge"]))
        if self.kms is not None and self.kms.wrong_challenge:
            plain = bytes([plain[0] ^ 0xFF]) + plain[1:] if plain else b"\x00"
        answer = {"Challenge": base64.b64encode(self.cipher.encrypt(plain)).decode("ascii")}
        return [self._send_input(PayloadType.ENC_CHALLENGE_RESPONSE, _json(answer))]

    def _on_handshake_complete(self, msg: ClientMessage) -> list[bytes]:
        if not self.handshake_requested:
            self._warn("HandshakeComplete without a HandshakeRequest")
        self.handshake_complete = True
        try:
            info = json.loads(msg.payload) if msg.payload else {}
        except ValueError:
            self._warn("HandshakeComplete payload is not JSON")
            info = {}
        if isinstance(info, dict):
            self.result.customer_message = info.get("CustomerMessage") or None
        return self._become_ready()

    def _on_ack(self, msg: ClientMessage) -> list[bytes]:
        if msg.sequence_number != 0 or msg.flags != ACK_FLAGS or msg.payload_type != 0:
            self._warn(f"acknowledge header seq={msg.sequence_number} flags={msg.flags} "
                       f"ptype={msg.payload_type} (doc: 0, 3, 0)")
        try:
            ack = parse_ack(msg.payload)
        except DecodeError as e:
            self._error(str(e))
            return []
        seq = ack["AcknowledgedMessageSequenceNumber"]
        if ack["AcknowledgedMessageType"] != INPUT_STREAM_DATA:
            self._warn(f"ack names type {ack['AcknowledgedMessageType']!r} for seq {seq}")
        sent_id = self.sent_ids.get(seq)
        if sent_id is None:
            self._warn(f"ack for seq {seq}, which was never sent")
            return []
        if str(ack["AcknowledgedMessageId"]).lower() != str(sent_id):
            self._warn(f"ack for seq {seq} names MessageId {ack['AcknowledgedMessageId']}, we sent {sent_id} "
                       "(MessageId halves swapped?)")
        out = self.unacked.pop(seq, None)
        if out is None:
            return []  # duplicate ack (e.g. for a resend); harmless
        self.result.acks_received += 1
        if out.resends == 0:
            self._update_rto(self.clock() - out.last_sent)
        return self._release_stdin()

    def _update_rto(self, sample: float) -> None:
        self.rttvar = 0.75 * self.rttvar + 0.25 * abs(self.rtt - sample)
        self.rtt = 0.875 * self.rtt + 0.125 * sample
        self.rto = min(MAX_RTO, self.rtt + max(MIN_RTTVAR_TERM, 4 * self.rttvar))

    def _on_channel_closed(self, msg: ClientMessage) -> None:
        # Not acked (§4.3, §13.4).
        if msg.sequence_number != 0 or msg.flags != ACK_FLAGS or msg.payload_type != 0:
            self._warn(f"channel_closed header seq={msg.sequence_number} flags={msg.flags} "
                       f"ptype={msg.payload_type} (doc: 0, 3, 0)")
        reason = None
        try:
            info = json.loads(msg.payload) if msg.payload else {}
            if isinstance(info, dict):
                reason = info.get("Output") or None
                if info.get("MessageType") not in (None, CHANNEL_CLOSED):
                    self._warn(f"channel_closed payload MessageType {info.get('MessageType')!r}")
        except ValueError:
            self._warn("channel_closed payload is not JSON")
        self.result.channel_closed = True
        self.result.close_reason = reason
        self.done = True

    # -- timer -------------------------------------------------------------

    def tick(self) -> list[bytes]:
        """Resend every unacked input whose last send is older than the RTO (§5, §13.5)."""
        if self.done:
            return []
        now = self.clock()
        frames = []
        for out in self.unacked.values():
            if now - out.last_sent > self.rto:
                out.last_sent = now
                out.resends += 1
                self.result.resends += 1
                frames.append(out.data)
                LOG.debug("resend seq %d (attempt %d, rto %.3f)", out.seq, out.resends + 1, self.rto)
        return frames

    def finish(self) -> SessionResult:
        r = self.result
        r.output = bytes(self.output)
        r.unacked_at_end = len(self.unacked)
        if self.reorder:
            r.notes.append(f"{len(self.reorder)} buffered out-of-order messages never became deliverable")
        return r


# ---------------------------------------------------------------------------
# Transport
# ---------------------------------------------------------------------------


class SessionError(RuntimeError):
    """The session could not be started (connection or upgrade failure)."""


def is_presigned(url: str) -> bool:
    return any(k.lower().startswith("x-amz-") for k, _ in parse_qsl(urlsplit(url).query, keep_blank_values=True))


def sign_upgrade_headers(url: str, *, region: str, access_key: str, secret_key: str,
                         session_token: Optional[str] = None) -> dict:
    """SigV4 headers for the WebSocket upgrade GET (§1): service ssmmessages, signed headers
    host;x-amz-date (+ x-amz-security-token), empty payload hash.  {} for presigned URLs."""
    if is_presigned(url):
        return {}
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    parts = urlsplit(url)
    scheme = {"ws": "http", "wss": "https"}.get(parts.scheme.lower(), parts.scheme)
    # http(s) so that botocore's Host drops default ports exactly like the WebSocket client does.
    request = AWSRequest(method="GET", url=urlunsplit((scheme,) + tuple(parts[1:])))
    SigV4Auth(Credentials(access_key, secret_key, session_token), "ssmmessages", region).add_auth(request)
    wanted = ("authorization", "x-amz-date", "x-amz-security-token")
    return {k: v for k, v in request.headers.items() if k.lower() in wanted}


def _is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


async def run_session_async(stream_url: str, token: str, *, region: str, access_key: Optional[str],
                            secret_key: Optional[str], session_token: Optional[str] = None, stdin: bytes = b"",
                            cols: int = 80, rows: int = 24, timeout: float = 30, kms: Optional[KmsOptions] = None,
                            window: int = 64, open_timeout: float = 10) -> SessionResult:
    """Run one data-channel session to its end (channel_closed, WebSocket close or timeout).

    Raises :class:`SessionError` if the WebSocket cannot be opened.
    """
    from websockets.asyncio.client import connect
    from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

    if kms is not None and kms.generate_data_key is None:
        kms = dataclasses.replace(kms, generate_data_key=boto3_data_key_fn(
            endpoint_url=kms.endpoint_url, region=region, access_key=access_key, secret_key=secret_key,
            session_token=session_token))
    core = DataChannelCore(stdin=stdin, cols=cols, rows=rows, kms=kms, window=window)
    headers: dict = {}
    if access_key and secret_key:
        headers = sign_upgrade_headers(stream_url, region=region, access_key=access_key, secret_key=secret_key,
                                       session_token=session_token)
    else:
        core.result.notes.append("no credentials: WebSocket upgrade not signed")  # §1: the plugin dials anyway
    started = time.monotonic()
    connected = False

    async def send_all(ws, frames: list[bytes]) -> None:
        for f in frames:
            await ws.send(f)

    async def ticker(ws) -> None:
        last_ping = time.monotonic()
        try:
            while True:
                await asyncio.sleep(TICK_INTERVAL)
                await send_all(ws, core.tick())
                if time.monotonic() - last_ping >= KEEPALIVE_INTERVAL:
                    last_ping = time.monotonic()
                    await ws.ping(b"keepalive")
        except ConnectionClosed:
            return

    try:
        async with asyncio.timeout(timeout):
            try:
                ws_cm = connect(stream_url, additional_headers=headers, compression=None, ping_interval=None,
                                open_timeout=open_timeout, proxy=None if _is_loopback(stream_url) else True)
                ws = await ws_cm.__aenter__()
            except (OSError, InvalidHandshake, InvalidURI, TimeoutError) as e:
                raise SessionError(f"cannot open data channel {urlsplit(stream_url).netloc}: {e}") from e
            connected = True
            try:
                await ws.send(core.open_frame(token))
                tick_task = asyncio.create_task(ticker(ws))
                try:
                    while not core.done:
                        data = await ws.recv(decode=False)  # text and binary frames alike (§1)
                        await send_all(ws, core.receive(data))
                finally:
                    tick_task.cancel()
                    try:
                        await tick_task
                    except asyncio.CancelledError:
                        pass
            except ConnectionClosed as e:
                if e.rcvd is not None:
                    core.result.ws_close_code = e.rcvd.code
                    core.result.ws_close_reason = e.rcvd.reason or None
                else:
                    core.result.notes.append(f"WebSocket closed without a close frame: {e}")
            finally:
                await ws_cm.__aexit__(None, None, None)
    except TimeoutError:
        if not connected:
            raise SessionError(f"timed out opening data channel {urlsplit(stream_url).netloc}") from None
        core.result.timed_out = True
    result = core.finish()
    result.elapsed = time.monotonic() - started
    if result.close_reason is None and not result.channel_closed and result.ws_close_reason:
        result.close_reason = result.ws_close_reason
    return result


def run_session(stream_url: str, token: str, **kwargs: Any) -> SessionResult:
    """Synchronous wrapper around :func:`run_session_async` (same keyword arguments)."""
    return asyncio.run(run_session_async(stream_url, token, **kwargs))


# ---------------------------------------------------------------------------
# ECS ExecuteCommand (§9, §10)
# ---------------------------------------------------------------------------


def _last_path_part(arn_or_name: str) -> str:
    return arn_or_name.rsplit("/", 1)[-1]


def ecs_client(endpoint: Optional[str], region: str, access_key: Optional[str], secret_key: Optional[str],
               session_token: Optional[str] = None):
    import boto3
    from botocore.config import Config

    session = boto3.session.Session(aws_access_key_id=access_key, aws_secret_access_key=secret_key,
                                    aws_session_token=session_token, region_name=region)
    return session.client("ecs", endpoint_url=endpoint, config=Config(retries={"total_max_attempts": 1}))


def execute_command(endpoint: Optional[str], region: str, access_key: Optional[str], secret_key: Optional[str],
                    cluster: Optional[str], task: str, container: Optional[str], command: str, *,
                    session_token: Optional[str] = None, stdin: bytes = b"", cols: int = 80, rows: int = 24,
                    timeout: float = 30, kms: Optional[bool] = None, kms_wrong_challenge: bool = False,
                    kms_random_challenge: bool = True, window: int = 64) -> SessionResult:
    """ECS ExecuteCommand (interactive) through boto3, then the data-channel session.

    ``kms``: None = use KMS if the agent's handshake asks for it (the target
    string is prepared like the AWS CLI does, §10); True = additionally require
    an encrypted session (a protocol error otherwise); False = refuse KMS.
    Raises botocore ``ClientError`` for API errors (e.g. InvalidParameterException).
    """
    ecs = ecs_client(endpoint, region, access_key, secret_key, session_token)
    params: dict = {"task": task, "command": command, "interactive": True}
    if cluster:
        params["cluster"] = cluster
    if container:
        params["container"] = container
    resp = ecs.execute_command(**params)
    sess = resp["session"]
    notes: list[str] = []
    kms_opts = None
    cluster_kms_key = None
    if kms is not False:
        cluster_name = _last_path_part(resp.get("clusterArn") or cluster or "default")
        task_id = _last_path_part(resp.get("taskArn") or task)
        runtime_id = ""
        try:  # §10 step 3: the container's runtimeId
            described = ecs.describe_tasks(cluster=cluster_name, tasks=[task_id])
            for t in described.get("tasks", []):
                for c in t.get("containers", []):
                    if c.get("name") == resp.get("containerName"):
                        runtime_id = c.get("runtimeId") or ""
            if not runtime_id:
                notes.append("DescribeTasks gave no runtimeId for the container; KMS target may be wrong")
        except Exception as e:  # noqa: BLE001 - only needed for KMS
            notes.append(f"DescribeTasks for the KMS target failed: {e}")
        try:
            clusters = ecs.describe_clusters(clusters=[cluster_name], include=["CONFIGURATIONS"])
            for c in clusters.get("clusters", []):
                cfg = (c.get("configuration") or {}).get("executeCommandConfiguration") or {}
                cluster_kms_key = cfg.get("kmsKeyId") or None
        except Exception as e:  # noqa: BLE001 - informative only
            notes.append(f"DescribeClusters (CONFIGURATIONS) failed: {e}")
        kms_opts = KmsOptions(session_id=sess["sessionId"], target_id=f"ecs:{cluster_name}_{task_id}_{runtime_id}",
                              endpoint_url=endpoint, wrong_challenge=kms_wrong_challenge,
                              random_challenge=kms_random_challenge)
    result = run_session(sess["streamUrl"], sess["tokenValue"], region=region, access_key=access_key,
                         secret_key=secret_key, session_token=session_token, stdin=stdin, cols=cols, rows=rows,
                         timeout=timeout, kms=kms_opts, window=window)
    result.session_id = sess.get("sessionId")
    result.cluster_kms_key_id = cluster_kms_key
    result.notes[:0] = notes
    if kms is True and not result.encrypted:
        result.protocol_errors.append("KMS was required but the session was not encrypted")
    if cluster_kms_key and not result.kms_key_id:
        result.protocol_warnings.append(f"cluster has kmsKeyId {cluster_kms_key} but the agent did not request KMS")
    if result.kms_key_id and cluster_kms_key and result.kms_key_id != cluster_kms_key:
        result.protocol_warnings.append(f"handshake KMSKeyId {result.kms_key_id} != cluster kmsKeyId {cluster_kms_key}")
    return result


# ---------------------------------------------------------------------------
# CLI
# ---------------------------------------------------------------------------


def _env(*names: str) -> Optional[str]:
    for n in names:
        v = os.environ.get(n)
        if v:
            return v
    return None


def _read_stdin_file(path: Optional[str]) -> bytes:
    if not path:
        return b""
    if path == "-":
        return sys.stdin.buffer.read()
    with open(path, "rb") as f:
        return f.read()


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="ssm_client.py",
        description="Independent SSM data-channel test client. Credentials come from AWS_ACCESS_KEY_ID, "
                    "AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION. Raw output goes to stdout, a "
                    "one-line JSON summary to stderr. Exit 0 if channel_closed was received, 2 if the "
                    "connection ended without it, 1 on errors.")
    sub = p.add_subparsers(dest="cmd", required=True)

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--region", help="default: $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1")
        sp.add_argument("--stdin-file", help="send this file's bytes as stdin ('-' = our stdin)")
        sp.add_argument("--cols", type=int, default=80)
        sp.add_argument("--rows", type=int, default=24)
        sp.add_argument("--timeout", type=float, default=30.0, help="whole-session timeout in seconds")
        sp.add_argument("--kms-wrong-challenge", action="store_true", help="answer the KMS challenge wrongly")
        sp.add_argument("-v", "--verbose", action="store_true", help="log frames to stderr (never the token)")

    s = sub.add_parser("session", help="run a data-channel session for a streamUrl and token")
    s.add_argument("--url", required=True, help="streamUrl")
    s.add_argument("--token", required=True, help="tokenValue")
    s.add_argument("--kms-target", help="enable KMS: target id, e.g. ecs:<cluster>_<taskId>_<runtimeId>")
    s.add_argument("--kms-session-id", help="session id for the KMS context (default: last URL path part)")
    s.add_argument("--kms-endpoint", help="KMS endpoint URL")
    common(s)

    e = sub.add_parser("exec", help="call ECS ExecuteCommand, then run the session")
    e.add_argument("--endpoint", required=True, help="ECS (and KMS) endpoint URL")
    e.add_argument("--cluster", required=True)
    e.add_argument("--task", required=True)
    e.add_argument("--container")
    e.add_argument("--command", required=True)
    e.add_argument("--kms", choices=("auto", "require", "off"), default="auto")
    common(e)
    return p


def main(argv: Optional[list] = None) -> int:
    args = _parser().parse_args(argv)
    # Only our own logger goes to DEBUG: botocore and websockets debug logs would show the token.
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="ssm_client: %(levelname)s %(message)s")
    LOG.setLevel(logging.DEBUG if args.verbose else logging.WARNING)
    region = args.region or _env("AWS_REGION", "AWS_DEFAULT_REGION") or "us-east-1"
    access_key = _env("AWS_ACCESS_KEY_ID")
    secret_key = _env("AWS_SECRET_ACCESS_KEY")
    session_token = _env("AWS_SESSION_TOKEN")

    def fail(text: str) -> int:
        for secret in (args.__dict__.get("token"), secret_key, session_token):
            if secret:
                text = text.replace(secret, "***")
        sys.stderr.write(json.dumps({"error": text}) + "\n")
        return 1

    try:
        stdin = _read_stdin_file(args.stdin_file)
        if args.cmd == "session":
            kms = None
            if args.kms_target:
                sid = args.kms_session_id or _last_path_part(urlsplit(args.url).path)
                kms = KmsOptions(session_id=sid, target_id=args.kms_target, endpoint_url=args.kms_endpoint,
                                 wrong_challenge=args.kms_wrong_challenge)
            result = run_session(args.url, args.token, region=region, access_key=access_key, secret_key=secret_key,
                                 session_token=session_token, stdin=stdin, cols=args.cols, rows=args.rows,
                                 timeout=args.timeout, kms=kms)
        else:
            if not (access_key and secret_key):
                return fail("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set")
            kms_flag = {"auto": None, "require": True, "off": False}[args.kms]
            result = execute_command(args.endpoint, region, access_key, secret_key, args.cluster, args.task,
                                     args.container, args.command, session_token=session_token, stdin=stdin,
                                     cols=args.cols, rows=args.rows, timeout=args.timeout, kms=kms_flag,
                                     kms_wrong_challenge=args.kms_wrong_challenge)
    except Exception as e:  # noqa: BLE001 - CLI boundary
        return fail(f"{type(e).__name__}: {e}")
    sys.stdout.buffer.write(result.output)
    sys.stdout.buffer.flush()
    sys.stderr.write(json.dumps(result.summary(), separators=(",", ":")) + "\n")
    return 0 if result.channel_closed else 2


if __name__ == "__main__":
    sys.exit(main())
