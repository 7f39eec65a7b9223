"""Unit tests for ssm_client: codec, JSON payloads, upgrade signing, and the sans-IO session core.

Expected bytes are built field by field from the table in
/work/shared/design/ssm-data-channel.md §2 with ``struct``, independently of
ssm_client's encoder.
"""

import base64
import hashlib
import hmac
import json
import os
import struct
import sys
import uuid
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ssm_client as sc  # noqa: E402

U1 = uuid.UUID("1b78277e-a3d0-4ba5-b562-4404ce647118")  # the doc's example UUID (§2)
CREATED = 1_732_875_000_123  # 2024-11-29, milliseconds


def frame_by_hand(message_type: bytes, seq: int, flags: int, msg_id: uuid.UUID, payload_type: int, payload: bytes,
                  *, header_length=116, schema=1, created=CREATED, digest=None, payload_length=None,
                  pad=b" ") -> bytes:
    """One ClientMessage built from the §2 table, one field at a time."""
    return b"".join([
        struct.pack(">I", header_length),                      # 0   HeaderLength
        message_type + pad * (32 - len(message_type)),         # 4   MessageType, padded
        struct.pack(">I", schema),                             # 36  SchemaVersion
        struct.pack(">Q", created),                            # 40  CreatedDate (ms)
        struct.pack(">q", seq),                                # 48  SequenceNumber
        struct.pack(">Q", flags),                              # 56  Flags
        msg_id.bytes[8:16] + msg_id.bytes[0:8],                # 64  MessageId, halves swapped
        digest if digest is not None else hashlib.sha256(payload).digest(),  # 80 PayloadDigest
        struct.pack(">I", payload_type),                       # 112 PayloadType
        struct.pack(">I", len(payload) if payload_length is None else payload_length),  # 116 PayloadLength
        payload,                                               # 120 Payload
    ])


# ---------------------------------------------------------------------------
# Golden bytes
# ---------------------------------------------------------------------------


def test_encode_matches_hand_built_frame():
    payload = b"hello\n"
    msg = sc.ClientMessage(message_type="input_stream_data", sequence_number=7, flags=0, message_id=U1,
                           payload_type=1, payload=payload, created_date=CREATED)
    expected = frame_by_hand(b"input_stream_data", 7, 0, U1, 1, payload)
    assert sc.encode_message(msg) == expected
    assert len(expected) == 120 + len(payload)


def test_golden_hex_ack_frame():
    """A fully literal frame: spot-check each field at its documented offset."""
    payload = b"{}"
    data = sc.encode_message(sc.ClientMessage(message_type="acknowledge", sequence_number=0, flags=3,
                                              message_id=U1, payload_type=0, payload=payload,
                                              created_date=0x0102030405060708))
    assert data[0:4].hex() == "00000074"  # 116, not 120
    assert data[4:36] == b"acknowledge" + b" " * 21
    assert data[36:40].hex() == "00000001"
    assert data[40:48].hex() == "0102030405060708"
    assert data[48:56].hex() == "0000000000000000"
    assert data[56:64].hex() == "0000000000000003"
    assert data[64:80].hex() == "b5624404ce647118" "1b78277ea3d04ba5"
    assert data[80:112].hex() == "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"  # sha256("{}")
    assert data[112:116].hex() == "00000000"
    assert data[116:120].hex() == "00000002"
    assert data[120:] == b"{}"


def test_encode_negative_sequence_and_empty_payload():
    msg = sc.ClientMessage(message_type="output_stream_data", sequence_number=-1, flags=1, message_id=U1,
                           payload_type=0, payload=b"", created_date=CREATED)
    data = sc.encode_message(msg)
    assert data == frame_by_hand(b"output_stream_data", -1, 1, U1, 0, b"")
    assert data[48:56] == b"\xff" * 8
    assert data[80:112] == hashlib.sha256(b"").digest()


def test_encode_rejects_long_message_type():
    with pytest.raises(ValueError):
        sc.encode_message(sc.ClientMessage(message_type="x" * 33))


def test_decode_hand_built_frame():
    payload = "héllo".encode()
    msg = sc.decode_message(frame_by_hand(b"output_stream_data", 42, 0, U1, 11, payload))
    assert msg.message_type == "output_stream_data"
    assert msg.sequence_number == 42
    assert msg.flags == 0
    assert msg.message_id == U1
    assert msg.payload_type == 11
    assert msg.payload == payload
    assert msg.payload_length == len(payload)
    assert msg.created_date == CREATED
    assert msg.schema_version == 1
    assert msg.header_length == 116
    assert msg.type_padding == "space"


def test_round_trip():
    for seq, flags, pt, payload in [(0, 1, 1, b"x" * 1024), (2**40, 0, 5, b'{"a":1}'), (3, 3, 0, b"")]:
        m = sc.ClientMessage(message_type="output_stream_data", sequence_number=seq, flags=flags,
                             payload_type=pt, payload=payload)
        d = sc.decode_message(sc.encode_message(m))
        assert (d.sequence_number, d.flags, d.payload_type, d.payload, d.message_id, d.created_date) == \
               (seq, flags, pt, payload, m.message_id, m.created_date)


def test_decode_accepts_nul_padding():
    msg = sc.decode_message(frame_by_hand(b"acknowledge", 0, 3, U1, 0, b"{}", pad=b"\x00"))
    assert msg.message_type == "acknowledge"
    assert msg.type_padding == "nul"


# ---------------------------------------------------------------------------
# Decode validation
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("frame, fragment", [
    (frame_by_hand(b"output_stream_data", 0, 1, U1, 1, b"hi")[:119], "too short"),
    (frame_by_hand(b"output_stream_data", 0, 1, U1, 1, b"hi", header_length=0), "HeaderLength is 0"),
    (frame_by_hand(b"output_stream_data", 0, 1, U1, 1, b"hi", header_length=120), "HeaderLength is 120"),
    (frame_by_hand(b"", 0, 1, U1, 1, b"hi"), "MessageType is empty"),
    (frame_by_hand(b"output_stream_data", 0, 1, U1, 1, b"hi", created=0), "CreatedDate is 0"),
    (frame_by_hand(b"output_stream_data", 0, 1, U1, 1, b"hi", digest=b"\x00" * 32), "PayloadDigest"),
    (frame_by_hand(b"output_stream_data", 0, 1, U1, 1, b"hi", digest=hashlib.sha256(b"ho").digest()), "PayloadDigest"),
    (frame_by_hand(b"output_stream_data", 0, 1, U1, 1, b"hi", payload_length=3), "PayloadLength"),
    (frame_by_hand(b"output_stream_data", 0, 1, U1, 1, b"hi", payload_length=0), "PayloadLength"),
    (frame_by_hand(b"output_\xffstream", 0, 1, U1, 1, b"hi"), "ASCII"),
], ids=["short", "hl0", "hl120", "no-type", "date0", "digest0", "digest-other", "plen3", "plen0", "non-ascii"])
def test_decode_rejects(frame, fragment):
    with pytest.raises(sc.DecodeError, match=fragment):
        sc.decode_message(frame)


def test_decode_lenient_mode_takes_payload_to_end_of_frame():
    """The Go peers slice input[HeaderLength+4:] and ignore PayloadLength (§2)."""
    frame = frame_by_hand(b"output_stream_data", 0, 1, U1, 1, b"abc", payload_length=0, digest=b"\x00" * 32)
    msg = sc.decode_message(frame, strict=False)  # PayloadLength 0: no digest check, like the plugin
    assert msg.payload == b"abc"
    with pytest.raises(sc.DecodeError):
        sc.decode_message(frame, strict=True)


def test_publication_messages_are_exempt_from_checks():
    for mt in (b"start_publication", b"pause_publication"):
        frame = frame_by_hand(mt, 0, 0, U1, 0, b"zz", created=0, digest=b"\x01" * 32, header_length=0)
        assert sc.decode_message(frame).message_type == mt.decode()


# ---------------------------------------------------------------------------
# UUID halves
# ---------------------------------------------------------------------------


def test_uuid_swap():
    u = uuid.UUID("00112233-4455-6677-8899-aabbccddeeff")
    assert sc.uuid_to_wire(u).hex() == "8899aabbccddeeff0011223344556677"
    assert sc.uuid_from_wire(bytes.fromhex("8899aabbccddeeff0011223344556677")) == u
    for _ in range(20):
        v = uuid.uuid4()
        assert sc.uuid_from_wire(sc.uuid_to_wire(v)) == v


def test_uuid_swap_in_frame_and_text_form():
    frame = frame_by_hand(b"output_stream_data", 0, 1, U1, 1, b"x")
    assert frame[64:72] == bytes.fromhex("b5624404ce647118")
    msg = sc.decode_message(frame)
    assert str(msg.message_id) == "1b78277e-a3d0-4ba5-b562-4404ce647118"


# ---------------------------------------------------------------------------
# JSON payloads
# ---------------------------------------------------------------------------


def test_ack_payload_exact():
    assert sc.ack_payload("output_stream_data", U1, 5) == (
        b'{"AcknowledgedMessageType":"output_stream_data",'
        b'"AcknowledgedMessageId":"1b78277e-a3d0-4ba5-b562-4404ce647118",'
        b'"AcknowledgedMessageSequenceNumber":5,"IsSequentialMessage":true}')


def test_make_ack_header():
    incoming = sc.decode_message(frame_by_hand(b"output_stream_data", 9, 0, U1, 1, b"out"))
    ack = sc.decode_message(sc.encode_message(sc.make_ack(incoming)))
    assert ack.message_type == "acknowledge"
    assert (ack.sequence_number, ack.flags, ack.payload_type, ack.schema_version) == (0, 3, 0, 1)
    assert ack.message_id != U1
    assert json.loads(ack.payload) == {"AcknowledgedMessageType": "output_stream_data",
                                       "AcknowledgedMessageId": str(U1),
                                       "AcknowledgedMessageSequenceNumber": 9, "IsSequentialMessage": True}


def test_parse_ack_rejects_garbage():
    with pytest.raises(sc.DecodeError):
        sc.parse_ack(b"not json")
    with pytest.raises(sc.DecodeError):
        sc.parse_ack(b'{"AcknowledgedMessageType":"input_stream_data"}')


def test_open_data_channel_frame():
    obj = json.loads(sc.open_data_channel_frame("tok-123"))
    assert list(obj) == ["MessageSchemaVersion", "RequestId", "TokenValue", "ClientId", "ClientVersion"]
    assert obj["MessageSchemaVersion"] == "1.0"
    assert obj["TokenValue"] == "tok-123"
    assert uuid.UUID(obj["RequestId"]).version == 4
    assert uuid.UUID(obj["ClientId"]).version == 4
    assert tuple(int(x) for x in obj["ClientVersion"].split(".")) >= (1, 2, 764, 0)


def test_size_payload():
    assert sc.size_payload(80, 24) == b'{"cols":80,"rows":24}'


# ---------------------------------------------------------------------------
# Upgrade signing (§1), checked against a hand-rolled SigV4
# ---------------------------------------------------------------------------


def _hmac(key, msg):
    return hmac.new(key, msg.encode(), hashlib.sha256).digest()


@pytest.mark.parametrize("token", [None, "SESSIONTOKEN"])
def test_sign_upgrade_headers(token):
    url = "ws://127.0.0.1:8443/v1/data-channel/ecs-execute-command-abc?role=publish_subscribe&cell-number=AAEA"
    h = sc.sign_upgrade_headers(url, region="eu-west-1", access_key="AKIDEXAMPLE", secret_key="SECRET",
                                session_token=token)
    amz_date = h["X-Amz-Date"]
    date = amz_date[:8]
    signed = "host;x-amz-date" + (";x-amz-security-token" if token else "")
    canonical_headers = f"host:127.0.0.1:8443\nx-amz-date:{amz_date}\n" + (
        f"x-amz-security-token:{token}\n" if token else "")
    canonical = "\n".join(["GET", "/v1/data-channel/ecs-execute-command-abc",
                           "cell-number=AAEA&role=publish_subscribe", canonical_headers, signed,
                           hashlib.sha256(b"").hexdigest()])
    scope = f"{date}/eu-west-1/ssmmessages/aws4_request"
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    k = _hmac(_hmac(_hmac(_hmac(b"AWS4SECRET", date), "eu-west-1"), "ssmmessages"), "aws4_request")
    sig = hmac.new(k, to_sign.encode(), hashlib.sha256).hexdigest()
    assert h["Authorization"] == (f"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/{scope}, "
                                  f"SignedHeaders={signed}, Signature={sig}")
    assert ("X-Amz-Security-Token" in h) == bool(token)
    assert set(k.lower() for k in h) <= {"authorization", "x-amz-date", "x-amz-security-token"}


def test_presigned_url_is_not_signed_again():
    url = "wss://ssmmessages.us-east-1.amazonaws.com/v1/data-channel/s?role=publish_subscribe&X-Amz-Signature=ab"
    assert sc.is_presigned(url)
    assert sc.sign_upgrade_headers(url, region="us-east-1", access_key="A", secret_key="S") == {}


def test_wss_default_port_host():
    h = sc.sign_upgrade_headers("wss://ssmmessages.us-east-1.amazonaws.com/v1/data-channel/s?role=x",
                                region="us-east-1", access_key="A", secret_key="S")
    assert "SignedHeaders=host;x-amz-date," in h["Authorization"]


# ---------------------------------------------------------------------------
# Session core (no I/O): a scripted agent side
# ---------------------------------------------------------------------------


class Clock:
    def __init__(self):
        self.t = 1000.0

    def __call__(self):
        return self.t


def out_frame(seq, payload=b"", payload_type=1, msg_id=None, flags=None):
    return frame_by_hand(b"output_stream_data", seq, (1 if seq == 0 else 0) if flags is None else flags,
                         msg_id or uuid.uuid4(), payload_type, payload, created=sc.now_ms())


def channel_closed_frame(reason="bye"):
    payload = json.dumps({"MessageId": str(uuid.uuid4()), "CreatedDate": "x", "DestinationId": "d",
                          "SessionId": "s", "MessageType": "channel_closed", "SchemaVersion": 1,
                          "Output": reason}).encode()
    return frame_by_hand(b"channel_closed", 0, 3, uuid.uuid4(), 0, payload, created=sc.now_ms())


def ack_frame_for(sent: bytes, msg_id=None):
    m = sc.decode_message(sent)
    payload = json.dumps({"AcknowledgedMessageType": m.message_type,
                          "AcknowledgedMessageId": str(msg_id or m.message_id),
                          "AcknowledgedMessageSequenceNumber": m.sequence_number,
                          "IsSequentialMessage": True}).encode()
    return frame_by_hand(b"acknowledge", 0, 3, uuid.uuid4(), 0, payload, created=sc.now_ms())


def parse(frames):
    return [sc.decode_message(f) for f in frames]


def acked_seqs(frames):
    return [json.loads(m.payload)["AcknowledgedMessageSequenceNumber"]
            for m in parse(frames) if m.message_type == "acknowledge"]


def inputs(frames):
    return [m for m in parse(frames) if m.message_type == "input_stream_data"]


def test_core_in_order_output_ack_and_first_output_triggers_size_then_stdin():
    core = sc.DataChannelCore(stdin=b"a" * 2500, cols=100, rows=30, clock=Clock())
    assert core.tick() == []
    frames = core.receive(out_frame(0, b"hi"))
    msgs = parse(frames)
    assert msgs[0].message_type == "acknowledge"
    ack = json.loads(msgs[0].payload)
    assert ack["AcknowledgedMessageSequenceNumber"] == 0 and ack["AcknowledgedMessageType"] == "output_stream_data"
    ins = inputs(frames)
    assert [m.sequence_number for m in ins] == [0, 1, 2, 3]
    assert ins[0].payload_type == 3 and json.loads(ins[0].payload) == {"cols": 100, "rows": 30}
    assert [len(m.payload) for m in ins[1:]] == [1024, 1024, 452]
    assert all(m.payload_type == 1 for m in ins[1:]) and all(m.flags == 0 for m in ins)
    assert core.output == b"hi"


def test_core_sends_nothing_before_first_output():
    core = sc.DataChannelCore(stdin=b"x", clock=Clock())
    core.clock.t += 10
    assert core.tick() == []
    assert core.receive(channel_closed_frame()) == []
    assert core.done and core.result.channel_closed and core.result.close_reason == "bye"


def test_core_reorder_buffer_and_duplicates_are_reacked():
    core = sc.DataChannelCore(clock=Clock())
    ids = [uuid.uuid4() for _ in range(4)]
    f = [out_frame(i, f"<{i}>".encode(), msg_id=ids[i]) for i in range(4)]
    assert acked_seqs(core.receive(f[2])) == [2]         # buffered, acked
    assert core.output == b""
    assert acked_seqs(core.receive(f[2])) == [2]         # duplicate in buffer: re-acked
    r0 = core.receive(f[0])
    assert acked_seqs(r0) == [0]
    assert core.output == b"<0>"
    assert acked_seqs(core.receive(f[1])) == [1]         # delivers 1 and the buffered 2
    assert core.output == b"<0><1><2>"
    assert acked_seqs(core.receive(f[0])) == [0]         # old duplicate: re-acked (§13.6)
    assert acked_seqs(core.receive(f[3])) == [3]
    assert core.output == b"<0><1><2><3>"
    assert core.result.duplicates_seen == 2
    assert core.result.out_of_order == 1
    ack_ids = [json.loads(m.payload)["AcknowledgedMessageId"] for m in parse(core.receive(f[1]))]
    assert ack_ids == [str(ids[1])]
    assert core.result.protocol_errors == [] and core.result.protocol_warnings == []


def test_core_channel_closed_not_acked_and_stops():
    core = sc.DataChannelCore(clock=Clock())
    core.receive(out_frame(0, b"x"))
    assert core.receive(channel_closed_frame("done")) == []
    assert core.done
    assert core.receive(out_frame(1, b"late")) == []
    assert core.finish().output == b"x"


def test_core_bad_digest_dropped_without_ack():
    core = sc.DataChannelCore(clock=Clock())
    bad = frame_by_hand(b"output_stream_data", 0, 1, uuid.uuid4(), 1, b"x", digest=b"\0" * 32,
                        created=sc.now_ms())
    assert core.receive(bad) == []
    assert core.output == b"" and len(core.result.protocol_errors) == 1


def test_core_retransmits_until_acked():
    clock = Clock()
    core = sc.DataChannelCore(stdin=b"hello", clock=clock)
    first = inputs(core.receive(out_frame(0, b"$ ")))
    assert [m.sequence_number for m in first] == [0, 1]
    clock.t += 0.1
    assert core.tick() == []                             # RTO starts at 200 ms
    clock.t += 0.15
    resent = parse(core.tick())
    assert [(m.sequence_number, m.message_id) for m in resent] == [(m.sequence_number, m.message_id)
                                                                    for m in first]
    sent = core.unacked[0].data
    core.receive(ack_frame_for(sent))
    clock.t += 0.3
    assert [m.sequence_number for m in parse(core.tick())] == [1]
    core.receive(ack_frame_for(core.unacked[1].data))
    clock.t += 5
    assert core.tick() == []
    r = core.finish()
    assert r.resends == 3 and r.unacked_at_end == 0 and r.acks_received == 2


def test_core_rto_follows_rtt_formula():
    clock = Clock()
    core = sc.DataChannelCore(stdin=b"x", clock=clock)
    core.receive(out_frame(0, b"$"))
    clock.t += 0.02
    core.receive(ack_frame_for(core.unacked[0].data))
    rttvar = 0.25 * abs(0.1 - 0.02)
    rtt = 0.875 * 0.1 + 0.125 * 0.02
    assert core.rto == pytest.approx(rtt + max(0.01, 4 * rttvar))


def test_core_window_limits_in_flight_input():
    core = sc.DataChannelCore(stdin=b"z" * (1024 * 10), window=4, clock=Clock())
    frames = inputs(core.receive(out_frame(0, b"$")))
    assert len(frames) == 4                              # size + 3 stdin chunks
    more = inputs(core.receive(ack_frame_for(sc.encode_message(frames[0]))))
    assert [m.sequence_number for m in more] == [4]


def test_core_ack_with_wrong_message_id_is_flagged():
    core = sc.DataChannelCore(clock=Clock())
    frames = inputs(core.receive(out_frame(0, b"$")))
    core.receive(ack_frame_for(sc.encode_message(frames[0]), msg_id=uuid.uuid4()))
    assert any("MessageId" in w for w in core.result.protocol_warnings)


def test_core_lone_lf_becomes_cr():
    core = sc.DataChannelCore(stdin=b"a" * 1024 + b"\n", clock=Clock())
    ins = inputs(core.receive(out_frame(0, b"$")))
    assert ins[-1].payload == b"\r"


def test_core_handshake_without_kms():
    core = sc.DataChannelCore(stdin=b"ls\n", clock=Clock())
    req = {"AgentVersion": "3.3.0", "RequestedClientActions": [
        {"ActionType": "SessionType", "ActionParameters": {"SessionType": "InteractiveCommands", "Properties": None}},
        {"ActionType": "SomethingNew", "ActionParameters": {}}]}
    frames = core.receive(out_frame(0, json.dumps(req).encode(), payload_type=5))
    assert acked_seqs(frames) == [0]
    (resp,) = inputs(frames)
    assert resp.payload_type == 6 and resp.sequence_number == 0
    body = json.loads(resp.payload)
    assert tuple(int(x) for x in body["ClientVersion"].split(".")) >= (1, 2, 764, 0)
    assert body["ProcessedClientActions"] == [
        {"ActionType": "SessionType", "ActionStatus": 1, "ActionResult": None, "Error": ""},
        {"ActionType": "SomethingNew", "ActionStatus": 3, "ActionResult": None, "Error": "unsupported action 'SomethingNew'"}]
    # nothing else until HandshakeComplete
    done = core.receive(out_frame(1, json.dumps({"HandshakeTimeToComplete": 5, "CustomerMessage": "hi"}).encode(),
                                  payload_type=7))
    ins = inputs(done)
    assert [(m.sequence_number, m.payload_type) for m in ins] == [(1, 3), (2, 1)]
    assert core.result.customer_message == "hi" and core.result.handshake


def _agent_aes(key):
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    return AESGCM(key)


def _kms_session(wrong=False, with_challenge=True):
    pytest.importorskip("cryptography")
    plaintext = os.urandom(64)
    calls = []

    def gen(key_id, ctx):
        calls.append((key_id, ctx))
        return plaintext, b"BLOB"

    kms = sc.KmsOptions(session_id="ecs-execute-command-x", target_id="ecs:c_t_r", wrong_challenge=wrong,
                        generate_data_key=gen)
    core = sc.DataChannelCore(stdin=b"in", kms=kms, clock=Clock())
    params = {"KMSKeyId": "arn:aws:kms:us-east-1:1:key/k"}
    if with_challenge:
        params["Challenge"] = base64.b64encode(b"c" * 16).decode()
    req = {"AgentVersion": "3.3.0", "RequestedClientActions": [
        {"ActionType": "SessionType", "ActionParameters": {"SessionType": "InteractiveCommands"}},
        {"ActionType": "KMSEncryption", "ActionParameters": params}]}
    (resp,) = inputs(core.receive(out_frame(0, json.dumps(req).encode(), payload_type=5)))
    # The agent uses the key halves the other way round (§8).
    agent_enc, agent_dec = _agent_aes(plaintext[0:32]), _agent_aes(plaintext[32:64])
    return core, resp, calls, agent_enc, agent_dec


@pytest.mark.parametrize("with_challenge", [True, False])
def test_core_kms_handshake_and_encryption(with_challenge):
    core, resp, calls, agent_enc, agent_dec = _kms_session(with_challenge=with_challenge)
    ctx = {"aws:ssm:SessionId": "ecs-execute-command-x", "aws:ssm:TargetId": "ecs:c_t_r"}
    if with_challenge:
        ctx["aws:ssm:RandomChallenge"] = base64.b64encode(b"c" * 16).decode()
    assert calls == [("arn:aws:kms:us-east-1:1:key/k", ctx)]
    kms_result = json.loads(resp.payload)["ProcessedClientActions"][1]
    want = {"KMSCipherTextKey": base64.b64encode(b"BLOB").decode(), "KMSCipherTextHash": None}
    if with_challenge:
        want["ChallengeAcknowledgement"] = True
    assert kms_result == {"ActionType": "KMSEncryption", "ActionStatus": 1, "ActionResult": want, "Error": ""}
    # challenge
    secret = os.urandom(64)
    nonce = os.urandom(12)
    chal = {"Challenge": base64.b64encode(nonce + agent_enc.encrypt(nonce, secret, None)).decode()}
    (answer,) = inputs(core.receive(out_frame(1, json.dumps(chal).encode(), payload_type=8)))
    assert answer.payload_type == 9
    raw = base64.b64decode(json.loads(answer.payload)["Challenge"])
    assert agent_dec.decrypt(raw[:12], raw[12:], None) == secret
    # complete, then encrypted stdin and output
    ins = inputs(core.receive(out_frame(2, b'{"HandshakeTimeToComplete":1,"CustomerMessage":""}', payload_type=7)))
    assert [m.payload_type for m in ins] == [3, 1]
    assert ins[0].payload == b'{"cols":80,"rows":24}'  # Size stays plaintext
    assert agent_dec.decrypt(ins[1].payload[:12], ins[1].payload[12:], None) == b"in"
    nonce = os.urandom(12)
    core.receive(out_frame(3, nonce + agent_enc.encrypt(nonce, b"secret out", None)))
    assert core.output == b"secret out"
    assert core.result.encrypted and core.result.protocol_errors == []


def test_core_kms_wrong_challenge():
    core, resp, calls, agent_enc, agent_dec = _kms_session(wrong=True)
    secret = os.urandom(64)
    nonce = os.urandom(12)
    chal = {"Challenge": base64.b64encode(nonce + agent_enc.encrypt(nonce, secret, None)).decode()}
    (answer,) = inputs(core.receive(out_frame(1, json.dumps(chal).encode(), payload_type=8)))
    raw = base64.b64decode(json.loads(answer.payload)["Challenge"])
    got = agent_dec.decrypt(raw[:12], raw[12:], None)
    assert got != secret and len(got) == len(secret)


def test_core_kms_requested_without_options_fails_action():
    core = sc.DataChannelCore(clock=Clock())
    req = {"RequestedClientActions": [{"ActionType": "KMSEncryption", "ActionParameters": {"KMSKeyId": "k"}}]}
    (resp,) = inputs(core.receive(out_frame(0, json.dumps(req).encode(), payload_type=5)))
    assert json.loads(resp.payload)["ProcessedClientActions"][0]["ActionStatus"] == 2


def test_unsigned_url_is_not_presigned():
    assert not sc.is_presigned("wss://h/v1/data-channel/s?role=publish_subscribe&cell-number=AAEA")


def test_cli_connection_error_exits_1_without_leaking_secrets(monkeypatch, capsys):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDCLI")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "cli-secret-value")
    rc = sc.main(["session", "--url", "ws://127.0.0.1:1/v1/data-channel/s?role=publish_subscribe",
                  "--token", "cli-token-value", "--timeout", "5"])
    out, err = capsys.readouterr()
    assert rc == 1 and out == ""
    assert "error" in json.loads(err.strip().splitlines()[-1])
    assert "cli-token-value" not in err and "cli-secret-value" not in err
