//! The code paths the fuzz targets drive, shared with `tests/fuzz_regressions.rs`.
//!
//! Each `run_*` function takes one fuzzer input and panics when an invariant is
//! broken; the targets under `fuzz_targets/` are one-line wrappers around them,
//! and the regression test includes this file with `#[path]` so that every
//! corpus and artifact file is replayed by plain `cargo test` on stable Rust.
//!
//! This file depends on `tws_api` and `std` only.

use std::sync::OnceLock;
use tws_api::client::dispatch_frame;
use tws_api::messages::historical::HistoricalData;
use tws_api::messages::ids::Request;
use tws_api::messages::ids::{visit_messages, MessageVisitor};
use tws_api::messages::market_data::depth::MarketDepthL2;
use tws_api::messages::market_data::tick_by_tick::TickByTick;
use tws_api::messages::market_data::{TickPrice, TickSize, TickString};
use tws_api::messages::scanner::ScannerData;
use tws_api::messages::{decode_body, decode_either, to_frame, Message};
use tws_api::wire::frame::{frame_len, Frames};
use tws_api::wire::handshake::{
    decode_server_answer, encode_hello, encode_server_answer, Hello, API_PREFIX,
};
use tws_api::wire::{begin_frame, begin_protobuf_frame, finish_frame, FrameError, MessageHeader};
use tws_api::EWrapper;

/// The server versions the targets run at; an input's first byte picks one
/// (`VERSIONS[byte % VERSIONS.len()]`).
pub const VERSIONS: [i32; 7] = [100, 150, 176, 187, 200, 201, 203];

/// The server version an input's selector byte stands for.
pub fn version(selector: u8) -> i32 {
    VERSIONS[selector as usize % VERSIONS.len()]
}

/// A wrapper that ignores everything: every callback keeps its default body.
/// No logger is installed, so the defaults' `log` calls cost one level check.
#[derive(Debug, Default)]
pub struct Nop;

impl EWrapper for Nop {}

// ---------------------------------------------------------------------------
// frames
// ---------------------------------------------------------------------------

/// The `frames` target.
///
/// Input layout: `[version selector, n, size_1 .. size_n, stream…]` with
/// `n % 8` chunk-size bytes. The stream arrives in chunks of `size_i + 1`
/// bytes (cycling through the sizes), or in one chunk when `n % 8 == 0`.
///
/// The chunks are cut into batches of whole frames the way the EReader does
/// (`frame_len` over the buffer, the remainder kept for the next read,
/// stopping at the first length error), every batch is walked with [`Frames`]
/// as `run()` does, and every payload goes to [`dispatch_frame`] with a
/// [`Nop`] wrapper. Checked: the payloads and the length error are the same as
/// when the whole stream is split at once, and every batch is whole frames.
pub fn run_frames(data: &[u8]) {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Some((&n, rest)) = rest.split_first() else {
        return;
    };
    let n = (n % 8) as usize;
    if rest.len() < n {
        return;
    }
    let (sizes, stream) = rest.split_at(n);
    let sv = version(selector);

    // Reference: the whole stream split in one go.
    let mut whole = Frames::new(stream);
    let expected: Vec<&[u8]> = whole.by_ref().collect();
    let expected_error = whole.error();
    let chunked = split_in_chunks(stream, sizes);
    assert_eq!(
        chunked.payloads, expected,
        "chunked split differs from the one-shot split (sizes {sizes:?})"
    );
    assert_eq!(
        chunked.error, expected_error,
        "chunked split stopped differently (sizes {sizes:?})"
    );
    if chunked.error.is_none() {
        // What is left is exactly the unconsumed tail, and it is not a whole frame.
        assert_eq!(chunked.rest, &stream[whole.consumed()..]);
        assert_eq!(frame_len(&chunked.rest), Ok(None));
    }

    let mut nop = Nop;
    for payload in &chunked.payloads {
        dispatch_frame(sv, payload, &mut nop);
    }
}

/// What [`split_in_chunks`] saw.
struct Chunked {
    payloads: Vec<Vec<u8>>,
    error: Option<FrameError>,
    rest: Vec<u8>,
}

/// Feeds `stream` in chunks and cuts it as `client::reader::reader_loop` does.
fn split_in_chunks(stream: &[u8], sizes: &[u8]) -> Chunked {
    let mut buf: Vec<u8> = Vec::new();
    let mut payloads = Vec::new();
    let mut error = None;
    let mut offset = 0;
    let mut i = 0;
    while offset < stream.len() {
        let take = if sizes.is_empty() {
            stream.len()
        } else {
            sizes[i % sizes.len()] as usize + 1
        };
        i += 1;
        let end = (offset + take).min(stream.len());
        buf.extend_from_slice(&stream[offset..end]);
        offset = end;

        // The reader: find the end of the last whole frame, checking every prefix.
        let mut cut = 0;
        let mut count = 0usize;
        let mut bad_len = None;
        loop {
            match frame_len(&buf[cut..]) {
                Ok(Some(total)) => {
                    assert!(total >= 4 && cut + total <= buf.len());
                    cut += total;
                    count += 1;
                }
                Ok(None) => break,
                Err(e) => {
                    bad_len = Some(e);
                    break;
                }
            }
        }
        if cut > 0 {
            let tail = buf.split_off(cut);
            let batch = std::mem::replace(&mut buf, tail);
            // run(): a batch is whole frames only.
            let mut frames = Frames::new(&batch);
            let before = payloads.len();
            payloads.extend(frames.by_ref().map(<[u8]>::to_vec));
            assert_eq!(payloads.len() - before, count, "batch frame count");
            assert_eq!(frames.consumed(), batch.len(), "batch not consumed whole");
            assert_eq!(frames.error(), None, "error inside a checked batch");
        }
        if let Some(e) = bad_len {
            error = Some(e);
            break;
        }
    }
    Chunked {
        payloads,
        error,
        rest: buf,
    }
}

// ---------------------------------------------------------------------------
// messages
// ---------------------------------------------------------------------------

/// The message types the fuzz targets have always had, in their selector
/// order (the committed corpus and the findings below were written with these
/// selectors); every other type follows, see [`message_types`].
const FIRST_TYPES: [&str; 19] = [
    "StartApi",
    "ReqCurrentTime",
    "ReqManagedAccts",
    "ReqIds",
    "SetServerLogLevel",
    "NextValidId",
    "ManagedAccounts",
    "CurrentTime",
    "ErrorMessage",
    "ReqMktData",
    "CancelMktData",
    "ReqMarketDataType",
    "MarketDataType",
    "TickPrice",
    "TickSize",
    "TickString",
    "TickGeneric",
    "TickReqParams",
    "TickSnapshotEnd",
];

/// The last segment of a type's path (`TickPrice` for
/// `tws_api::messages::market_data::TickPrice`).
fn short_name<M>() -> &'static str {
    let full = std::any::type_name::<M>();
    let base = full.split('<').next().unwrap_or(full);
    base.rsplit("::").next().unwrap_or(base)
}

/// Calls `v` for every message type the `messages` target knows: every type
/// of the id table's rows (`tws_api::messages::ids::visit_messages`) and the
/// owned forms of the five rows read by a borrowing function.
fn visit_all<V: MessageVisitor>(v: &mut V) {
    visit_messages(v);
    v.visit::<HistoricalData>("HISTORICAL_DATA");
    v.visit::<MarketDepthL2>("MARKET_DEPTH_L2");
    v.visit::<TickString>("TICK_STRING");
    v.visit::<TickByTick>("TICK_BY_TICK");
    v.visit::<ScannerData>("SCANNER_DATA");
}

/// The message types of the `messages` target, in selector order: the 19 it
/// always had, then every other message type of the id table (a new row is
/// fuzzed without touching this file).
pub fn message_types() -> &'static [&'static str] {
    static TYPES: OnceLock<Vec<&'static str>> = OnceLock::new();
    TYPES.get_or_init(|| {
        struct Names(Vec<&'static str>);
        impl MessageVisitor for Names {
            fn visit<M: Message + PartialEq + std::fmt::Debug>(&mut self, _row: &'static str) {
                let name = short_name::<M>();
                if !self.0.contains(&name) {
                    self.0.push(name);
                }
            }
        }
        let mut names = Names(FIRST_TYPES.to_vec());
        visit_all(&mut names);
        names.0
    })
}

/// The message id of the type at `kind` in [`message_types`].
pub fn message_id(kind: usize) -> Option<u32> {
    struct Find(&'static str, Option<u32>);
    impl MessageVisitor for Find {
        fn visit<M: Message + PartialEq + std::fmt::Debug>(&mut self, _row: &'static str) {
            if self.1.is_none() && short_name::<M>() == self.0 {
                self.1 = Some(M::ID);
            }
        }
    }
    let mut find = Find(message_types().get(kind)?, None);
    visit_all(&mut find);
    find.1
}

/// [`round_trip`] for the type at `kind` in [`message_types`]; `true` when
/// the body decoded.
pub fn round_trip_kind(kind: usize, sv: i32, body: &[u8]) -> bool {
    struct Run<'b>(&'static str, i32, &'b [u8], Option<bool>);
    impl MessageVisitor for Run<'_> {
        fn visit<M: Message + PartialEq + std::fmt::Debug>(&mut self, _row: &'static str) {
            if self.3.is_none() && short_name::<M>() == self.0 {
                self.3 = Some(round_trip::<M>(self.1, self.2));
            }
        }
    }
    let name = message_types()
        .get(kind)
        .unwrap_or_else(|| panic!("no message type {kind}"));
    let mut run = Run(name, sv, body, None);
    visit_all(&mut run);
    run.3 == Some(true)
}

/// The `messages` target.
///
/// Input layout: `[version selector, type selector, body…]`; the type selector
/// picks one of [`message_types`] (`byte % message_types().len()`), the body is
/// what follows the message id in a frame.
///
/// When the body decodes and the message encodes again (an [`EncodeError`] —
/// a string the official client refuses, a field the version cannot carry —
/// is fine and ends the run), checked: the frame's length prefix and header are
/// right, the frame decodes, the second decode equals the first (NaN equal to
/// NaN), and encoding the second gives the same bytes as encoding the first
/// (but for the sign of a zero).
///
/// [`EncodeError`]: tws_api::wire::EncodeError
pub fn run_messages(data: &[u8]) {
    let [selector, kind, body @ ..] = data else {
        return;
    };
    let sv = version(*selector);
    let kind = *kind as usize % message_types().len();
    if is_tolerated(sv, kind, body) {
        return;
    }
    round_trip_kind(kind, sv, body);
}

// ---------------------------------------------------------------------------
// random inputs (plain `cargo test`, no fuzzer)
// ---------------------------------------------------------------------------

/// A small seeded generator (xorshift64*): the same seed draws the same
/// inputs on every machine.
pub struct Rng(u64);

impl Rng {
    /// A generator from `seed` (0 is taken as 1).
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// Field values from the edges: unset sentinels, ties, tiny and huge
/// numbers, negative zero, non-numbers, non-ASCII and bad UTF-8, the words
/// the decoders branch on.
const FIELD_POOL: &[&[u8]] = &[
    b"",
    b"0",
    b"1",
    b"-1",
    b"2",
    b"3",
    b"5",
    b"7",
    b"10",
    b"100",
    b"65",
    b"2147483647",
    b"-2147483648",
    b"2147483648",
    b"9223372036854775807",
    b"-9223372036854775808",
    b"18446744073709551616",
    b"1.7976931348623157E308",
    b"1.5",
    b"0.01",
    b"-0",
    b"-0.000",
    b"0.000000025",
    b"1e-7",
    b"1E+2",
    b"1e15",
    b"1000000000000000.25",
    b"123456789012345.125",
    b"nan",
    b"NaN",
    b"inf",
    b"Infinity",
    b"-Infinity",
    b"007",
    b" 1",
    b"1 ",
    b"abc",
    b"AAPL",
    b"STK",
    b"OPT",
    b"BAG",
    b"FUT",
    b"CASH",
    b"SMART",
    b"USD",
    b"BUY",
    b"SELL",
    b"LMT",
    b"MKT",
    b"true",
    b"false",
    b"\xc3\xa9",
    b"\xff\xfe",
    b";",
    b"=",
    b"a=b;c=d",
    b"1;2;3",
    b"20261205 10:00:00",
    b"20261205-10:00:00 UTC",
    b"\\u00e9",
];

/// A random body: up to `max_fields` fields, each from [`FIELD_POOL`] or
/// random digits or random bytes, each ended by a NUL; sometimes cut short.
pub fn random_body(rng: &mut Rng, max_fields: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for _ in 0..rng.below(max_fields + 1) {
        match rng.below(10) {
            0..=6 => out.extend_from_slice(FIELD_POOL[rng.below(FIELD_POOL.len())]),
            7 | 8 => {
                for _ in 0..1 + rng.below(20) {
                    out.push(b'0' + rng.below(10) as u8);
                }
            }
            _ => {
                for _ in 0..rng.below(8) {
                    out.push(rng.next_u64() as u8);
                }
            }
        }
        out.push(0);
    }
    if rng.below(8) == 0 {
        out.truncate(rng.below(out.len() + 1));
    }
    out
}

/// `body` changed a little: a byte flipped, a NUL put in or taken out, a
/// field replaced from the pool, a range cut out or repeated, or cut short.
pub fn mutate(rng: &mut Rng, body: &[u8]) -> Vec<u8> {
    let mut out = body.to_vec();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(out.len() + 1);
        match rng.below(6) {
            0 if at < out.len() => out[at] ^= 1 << rng.below(8),
            1 => out.insert(at, 0),
            2 => {
                let field: Vec<u8> = FIELD_POOL[rng.below(FIELD_POOL.len())].to_vec();
                let end = out[at..]
                    .iter()
                    .position(|&b| b == 0)
                    .map_or(out.len(), |n| at + n);
                out.splice(at..end, field);
            }
            3 => {
                let end = (at + rng.below(16)).min(out.len());
                out.drain(at..end);
            }
            4 => {
                let end = (at + rng.below(32)).min(out.len());
                let copy = out[at..end].to_vec();
                out.splice(at..at, copy);
            }
            _ => out.truncate(at),
        }
    }
    out
}

/// Draws `per_type` inputs for every type of [`message_types`] at the
/// versions of [`VERSIONS`] (random bodies, and mutations of the bodies of
/// that type that decoded), and runs each through the `messages` target,
/// the client's dispatcher (as an incoming frame with the type's id, in
/// fields and, from 201, as protobuf) and the sim's request decoder. Panics
/// (with the input, in hex) where the targets would crash. Returns how many
/// inputs decoded, per type.
pub fn run_random(seed: u64, per_type: usize) -> Vec<usize> {
    let mut rng = Rng::new(seed);
    let types = message_types();
    let mut decoded = vec![0; types.len()];
    for (kind, count) in decoded.iter_mut().enumerate() {
        let id = message_id(kind).unwrap_or(0);
        let mut good: Vec<Vec<u8>> = Vec::new();
        for _ in 0..per_type {
            let selector = rng.below(VERSIONS.len()) as u8;
            let sv = version(selector);
            let body = if !good.is_empty() && rng.below(2) == 0 {
                let base = &good[rng.below(good.len())];
                mutate(&mut rng, base)
            } else {
                let max_fields = 24 + rng.below(200);
                random_body(&mut rng, max_fields)
            };
            let mut input = vec![selector, kind as u8];
            input.extend_from_slice(&body);
            let outcome = std::panic::catch_unwind(|| {
                let ok = !is_tolerated(sv, kind, &body) && round_trip_kind(kind, sv, &body);
                let protobuf = sv >= 201 && body.first().is_some_and(|b| b % 4 == 0);
                let mut frame = Vec::new();
                let start = if protobuf {
                    begin_protobuf_frame(&mut frame, id)
                } else {
                    begin_frame(&mut frame, sv, id)
                };
                frame.extend_from_slice(&body);
                finish_frame(&mut frame, start);
                let payload = &frame[start + 4..];
                dispatch_frame(sv, payload, &mut Nop);
                if let Ok(header) = MessageHeader::parse(sv, payload) {
                    let _ = Request::decode(sv, header, &payload[header.body_start..]);
                }
                ok
            });
            match outcome {
                Ok(true) => {
                    *count += 1;
                    if good.len() < 64 {
                        good.push(body);
                    }
                }
                Ok(false) => {}
                Err(_) => panic!(
                    "seed {seed}: {} at {sv} crashed on input {} (replay: `harness::run_messages` on it, then `dispatch_frame`)",
                    types[kind],
                    input.iter().map(|b| format!("{b:02x}")).collect::<String>()
                ),
            }
        }
    }
    decoded
}

/// `true` for a `messages` input whose round trip is allowed to change the
/// message, because the official client behaves the same (fuzz/README.md,
/// "Findings", finding 2): a decimal field that decodes to the value of an
/// unset sentinel without being spelled like one (`02147483647`,
/// `2_1_47483647`) encodes in the sentinel's spelling, and then reads as
/// unset — the official decoder, too, compares the text only.
pub fn is_tolerated(sv: i32, kind: usize, body: &[u8]) -> bool {
    let sentinel = |d: tws_api::Decimal| {
        [2_147_483_647i64, i64::MAX, i64::MIN]
            .iter()
            .any(|v| d == tws_api::Decimal::from(*v))
    };
    match message_types().get(kind) {
        Some(&"TickPrice") => decode_body::<TickPrice>(sv, body).is_ok_and(|m| sentinel(m.size)),
        Some(&"TickSize") => decode_body::<TickSize>(sv, body).is_ok_and(|m| sentinel(m.size)),
        _ => false,
    }
}

/// Decode → encode → decode → encode, checking the invariants of [`run_messages`].
/// `true` when the body decoded.
pub fn round_trip<M>(sv: i32, body: &[u8]) -> bool
where
    M: Message + PartialEq + std::fmt::Debug,
{
    let Ok(first) = decode_body::<M>(sv, body) else {
        return false;
    };
    let Ok(frame) = to_frame(&first, sv) else {
        return true;
    };
    let payload = &frame[4..];
    assert_eq!(
        u32::from_be_bytes([frame[0], frame[1], frame[2], frame[3]]) as usize,
        payload.len(),
        "length prefix"
    );
    assert_eq!(frame_len(&frame), Ok(Some(frame.len())));
    let header = match MessageHeader::parse(sv, payload) {
        Ok(h) => h,
        Err(e) => panic!("the header of an encoded {first:?} does not parse at {sv}: {e}"),
    };
    assert_eq!(header.id, M::ID, "message id");
    let protobuf = M::PROTOBUF_SINCE.is_some_and(|since| sv >= since);
    assert_eq!(header.protobuf, protobuf, "the form of the frame at {sv}");
    if protobuf {
        // From its protobuf version on, a request travels as protobuf: the
        // fields decoded above, written as protobuf, must read back to
        // something that writes the same protobuf bytes.
        let body = &payload[header.body_start..];
        let second = match decode_either::<M>(sv, true, body) {
            Ok(m) => m,
            Err(e) => panic!("{first:?} encoded at {sv} as protobuf does not decode: {e}"),
        };
        let again = match to_frame(&second, sv) {
            Ok(f) => f,
            Err(e) => panic!("{second:?} decoded from protobuf at {sv} does not encode again: {e}"),
        };
        assert_eq!(
            again, frame,
            "protobuf round trip at {sv} changed the message:\n first  {first:?}\n second {second:?}"
        );
        return true;
    }
    let second = match decode_body::<M>(sv, &payload[header.body_start..]) {
        Ok(m) => m,
        Err(e) => panic!(
            "{first:?} encoded at {sv} as {:?} does not decode: {e}",
            String::from_utf8_lossy(payload)
        ),
    };
    let exact = first == second || format!("{first:?}") == format!("{second:?}");
    assert!(
        exact || same_but_sentinels(&format!("{first:?}"), &format!("{second:?}")),
        "round trip at {sv} changed the message:\n first  {first:?}\n second {second:?}\n wire   {:?}",
        String::from_utf8_lossy(payload)
    );
    if !exact {
        // A value became unset: it is written as unset from now on.
        return true;
    }
    let again = match to_frame(&second, sv) {
        Ok(f) => f,
        Err(e) => panic!("{second:?} decoded at {sv} does not encode again: {e}"),
    };
    assert_eq!(
        canonical_fields(&again[4..]),
        canonical_fields(payload),
        "re-encoding at {sv} gives other bytes:\n first  {:?}\n second {:?}",
        String::from_utf8_lossy(payload),
        String::from_utf8_lossy(&again[4..])
    );
    true
}

/// The NUL-separated fields of a payload, a negative zero (`-0`, `-0.000`)
/// written without its sign: `rust_decimal` parses `"-0.000"` as +0, so a
/// negative-zero decimal re-encodes as `0.000` (equal as values; see
/// fuzz/README.md, "Findings").
fn canonical_fields(payload: &[u8]) -> Vec<&[u8]> {
    payload
        .split(|&b| b == 0)
        .map(|f| match f.split_first() {
            Some((b'-', zero))
                if !zero.is_empty() && zero.iter().all(|&c| c == b'0' || c == b'.') =>
            {
                zero
            }
            _ => f,
        })
        .collect()
}

/// The `Debug` forms `a` and `b` differ only where `a` holds a value equal
/// to an unset sentinel and `b` the unset value: what the official client
/// does too (fuzz/README.md, "Findings" 2 and 4). A decimal equal to
/// 2147483647 or ±2^63 without that spelling is written in the sentinel's
/// spelling and reads back unset (the decoder compares the text); a float
/// equal to 2147483647 in an "empty when unset" field is written empty
/// (`make_field_handle_empty` compares the value with `UNSET_INTEGER`).
fn same_but_sentinels(a: &str, b: &str) -> bool {
    const EQUAL_TO_SENTINEL: [&str; 4] = [
        "2147483647",
        "2147483647.0",
        "9223372036854775807",
        "-9223372036854775808",
    ];
    const UNSET: [&str; 2] = ["79228162514264337593543950335", "1.7976931348623157e308"];
    let tokens = |s: &str| -> Vec<String> {
        s.split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_'))
            .map(str::to_owned)
            .collect()
    };
    let (ta, tb) = (tokens(a), tokens(b));
    ta.len() == tb.len()
        && ta.iter().zip(&tb).all(|(x, y)| {
            x == y || (EQUAL_TO_SENTINEL.contains(&x.as_str()) && UNSET.contains(&y.as_str()))
        })
}

// ---------------------------------------------------------------------------
// handshake
// ---------------------------------------------------------------------------

/// The `handshake` target: the input as a hello text, as a whole hello
/// (`"API\0"` + frame), and as the server's answer payload.
///
/// Checked: a parsed hello has `min <= max` and survives
/// `encode_hello` → `Hello::parse`; a decoded answer survives
/// `encode_server_answer` → `decode_server_answer`.
pub fn run_handshake(data: &[u8]) {
    check_hello(data);
    if let Some(rest) = data.strip_prefix(&API_PREFIX[..]) {
        if let Ok(Some(total)) = frame_len(rest) {
            check_hello(&rest[4..total]);
        }
    }
    if let Some((version, time)) = decode_server_answer(data) {
        let answer = encode_server_answer(version, &time);
        assert_eq!(frame_len(&answer), Ok(Some(answer.len())));
        assert_eq!(
            decode_server_answer(&answer[4..]),
            Some((version, time)),
            "server answer round trip"
        );
    }
}

fn check_hello(text: &[u8]) {
    let Some(hello) = Hello::parse(text) else {
        return;
    };
    assert!(hello.min_version <= hello.max_version, "{hello:?}");
    let bytes = encode_hello(hello.min_version, hello.max_version, &hello.connect_options);
    assert_eq!(&bytes[..4], &API_PREFIX[..]);
    assert_eq!(frame_len(&bytes[4..]), Ok(Some(bytes.len() - 4)));
    assert_eq!(
        Hello::parse(&bytes[8..]).as_ref(),
        Some(&hello),
        "hello round trip of {:?}",
        String::from_utf8_lossy(text)
    );
}

/// The `transcript` target: the transcript parser
/// ([`tws_api::transcript::Transcript::parse`]) on any text. Checked: it
/// never panics, and a transcript it reads writes out as text that reads
/// back to the same frames and writes out the same again.
pub fn run_transcript(data: &[u8]) {
    use tws_api::transcript::Transcript;
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(t) = Transcript::parse(text) else {
        return;
    };
    let written = t.to_text();
    let again = Transcript::parse(&written).expect("a written transcript reads back");
    assert_eq!(again.header, t.header);
    let frames = |t: &Transcript| -> Vec<_> {
        t.records
            .iter()
            .map(|r| (r.micros, r.dir, r.kind.clone()))
            .collect()
    };
    assert_eq!(
        frames(&again),
        frames(&t),
        "frames differ after a round trip"
    );
    assert_eq!(
        again.to_text(),
        written,
        "the text differs after a round trip"
    );
}

/// Runs the target named `target` (`frames`, `messages`, `handshake` or
/// `transcript`) on one input. `false` for an unknown name.
pub fn run_target(target: &str, data: &[u8]) -> bool {
    match target {
        "frames" => run_frames(data),
        "messages" => run_messages(data),
        "handshake" => run_handshake(data),
        "transcript" => run_transcript(data),
        _ => return false,
    }
    true
}
