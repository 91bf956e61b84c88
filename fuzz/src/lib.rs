//! The code paths the fuzz targets drive, shared with `tests/fuzz_regressions.rs`.
//!
//! Each `run_*` function takes one fuzzer input and panics when an invariant is
//! broken; the targets under `fuzz_targets/` are one-line wrappers around them,
//! and the regression test includes this file with `#[path]` so that every
//! corpus and artifact file is replayed by plain `cargo test` on stable Rust.
//!
//! This file depends on `tws_api` and `std` only.

use tws_api::client::dispatch_frame;
use tws_api::messages::connection::{
    CurrentTime, ErrorMessage, ManagedAccounts, NextValidId, ReqCurrentTime, ReqIds,
    ReqManagedAccts, SetServerLogLevel, StartApi,
};
use tws_api::messages::market_data::{
    CancelMktData, MarketDataType, ReqMarketDataType, ReqMktData, TickGeneric, TickPrice,
    TickReqParams, TickSize, TickSnapshotEnd, TickString,
};
use tws_api::messages::{decode_body, to_frame, Message};
use tws_api::wire::frame::{frame_len, Frames};
use tws_api::wire::handshake::{
    decode_server_answer, encode_hello, encode_server_answer, Hello, API_PREFIX,
};
use tws_api::wire::{FrameError, MessageHeader};
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

/// Declares [`MESSAGE_TYPES`] and the dispatch on a type selector from one list,
/// so that names and types cannot drift apart.
macro_rules! message_types {
    ($($index:literal => $ty:ident,)*) => {
        /// The message structs of `tws_api::messages`, in selector order.
        pub const MESSAGE_TYPES: &[&str] = &[$(stringify!($ty)),*];

        /// [`round_trip`] for the type at `kind` in [`MESSAGE_TYPES`].
        pub fn round_trip_kind(kind: usize, sv: i32, body: &[u8]) {
            match kind {
                $($index => round_trip::<$ty>(sv, body),)*
                _ => panic!("no message type {kind}"),
            }
        }
    };
}

message_types! {
    0 => StartApi,
    1 => ReqCurrentTime,
    2 => ReqManagedAccts,
    3 => ReqIds,
    4 => SetServerLogLevel,
    5 => NextValidId,
    6 => ManagedAccounts,
    7 => CurrentTime,
    8 => ErrorMessage,
    9 => ReqMktData,
    10 => CancelMktData,
    11 => ReqMarketDataType,
    12 => MarketDataType,
    13 => TickPrice,
    14 => TickSize,
    15 => TickString,
    16 => TickGeneric,
    17 => TickReqParams,
    18 => TickSnapshotEnd,
}

/// The `messages` target.
///
/// Input layout: `[version selector, type selector, body…]`; the type selector
/// picks one of [`MESSAGE_TYPES`] (`byte % MESSAGE_TYPES.len()`), the body is
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
    let kind = *kind as usize % MESSAGE_TYPES.len();
    if is_tolerated(sv, kind, body) {
        return;
    }
    round_trip_kind(kind, sv, body);
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
    match MESSAGE_TYPES.get(kind) {
        Some(&"TickPrice") => decode_body::<TickPrice>(sv, body).is_ok_and(|m| sentinel(m.size)),
        Some(&"TickSize") => decode_body::<TickSize>(sv, body).is_ok_and(|m| sentinel(m.size)),
        _ => false,
    }
}

/// Decode → encode → decode → encode, checking the invariants of [`run_messages`].
pub fn round_trip<M>(sv: i32, body: &[u8])
where
    M: Message + PartialEq + std::fmt::Debug,
{
    let Ok(first) = decode_body::<M>(sv, body) else {
        return;
    };
    let Ok(frame) = to_frame(&first, sv) else {
        return;
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
    assert!(!header.protobuf, "field message marked protobuf");
    let second = match decode_body::<M>(sv, &payload[header.body_start..]) {
        Ok(m) => m,
        Err(e) => panic!(
            "{first:?} encoded at {sv} as {:?} does not decode: {e}",
            String::from_utf8_lossy(payload)
        ),
    };
    assert!(
        same(&first, &second),
        "round trip at {sv} changed the message:\n first  {first:?}\n second {second:?}\n wire   {:?}",
        String::from_utf8_lossy(payload)
    );
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

/// Equal, or equal but for NaNs (whose `Debug` form is `NaN` on both sides).
fn same<M: PartialEq + std::fmt::Debug>(a: &M, b: &M) -> bool {
    a == b || format!("{a:?}") == format!("{b:?}")
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

/// Runs the target named `target` (`frames`, `messages` or `handshake`) on one
/// input. `false` for an unknown name.
pub fn run_target(target: &str, data: &[u8]) -> bool {
    match target {
        "frames" => run_frames(data),
        "messages" => run_messages(data),
        "handshake" => run_handshake(data),
        _ => return false,
    }
    true
}
