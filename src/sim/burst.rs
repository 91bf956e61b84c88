//! A gateway for benchmarks: it streams `tickPrice` frames as fast as the
//! socket takes them (or at a steady rate), so that the client is what is
//! measured.
//!
//! Each connection: handshake, startApi answered with `managedAccounts` and
//! `nextValidId`, `reqCurrentTime` answered with `currentTime` (a light round
//! trip), then, on each `reqMktData`, `ticks` tick-price frames for
//! that request id followed by `tickSnapshotEnd` as an end marker (the first
//! requests of a connection can be given other counts: `lead_ticks`). The
//! gateway counts the streams it has written to the end
//! ([`BurstGateway::streams_written`]), so that a test can tell whether the
//! client took a stream in while one of its callbacks was busy. In
//! throughput mode the frames are encoded once into a block that is written
//! again and again; in rate mode each frame carries its send time (nanoseconds
//! since the Unix epoch) in the size field, for latency measurement.
//!
//! Bulk answers (issue 19: bulk answers measured side by side with other
//! clients): `reqHistoricalData` gets one `historicalData` of `bars`
//! one-minute bars and its end marker, `reqContractDetails` `details` times
//! AAPL's details and `contractDataEnd`, `reqOpenOrders` /
//! `reqAllOpenOrders` `orders` limit orders and `openOrderEnd` (the samples
//! of [`super::samples`]). Each answer is encoded once per connection, with a
//! placeholder where the request id goes; a request copies it with its own
//! id spliced in, a block at a time, so that the gateway's encoding is not
//! what is measured.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use super::historical::data::format_time;
use super::samples;
use crate::messages::connection::{CurrentTime, ManagedAccounts, NextValidId, StartApi};
use crate::messages::contracts::{ContractData, ContractDataEnd, ReqContractDetails};
use crate::messages::historical::{
    HistoricalData, HistoricalDataEnd, HistoricalDataHeader, ReqHistoricalData,
};
use crate::messages::ids::outgoing;
use crate::messages::market_data::{ReqMktData, TickPrice, TickSize, TickSnapshotEnd, TickString};
use crate::messages::orders::{OpenOrder, OpenOrderEnd};
use crate::messages::{decode_either, encode_frame};
use crate::model::{tick_type, Decimal};
use crate::server_versions::MIN_SERVER_VER_HISTORICAL_DATA_END;
use crate::transcript::pbwire::encode_varint;
use crate::wire::MessageHeader;

/// What a burst gateway streams.
#[derive(Debug, Clone, PartialEq)]
pub struct BurstConfig {
    /// Highest server version to negotiate.
    pub server_version: i32,
    /// Tick-price frames per `reqMktData`.
    pub ticks: u64,
    /// Tick-price frames for the first `reqMktData` requests of a
    /// connection, in order (e.g. `vec![1]`: one light tick, then `ticks` for
    /// every later request); empty by default.
    pub lead_ticks: Vec<u64>,
    /// `None`: as fast as the socket takes them. `Some(r)`: `r` frames per
    /// second, each stamped with its send time.
    pub rate: Option<u64>,
    /// With a rate: write the frames that came due once per this interval
    /// (a real feed's batches, e.g. 1 ms), instead of about every 100 µs.
    pub batch: Option<Duration>,
    /// With a rate: a realistic mix instead of tickPrice only — every 10th
    /// message a tickSize or (alternately) a tickString, each stamped too.
    pub mixed: bool,
    /// Bars in the answer to `reqHistoricalData`.
    pub bars: usize,
    /// `contractDetails` messages in the answer to `reqContractDetails`.
    pub details: usize,
    /// `openOrder` messages in the answer to `reqOpenOrders` / `reqAllOpenOrders`.
    pub orders: usize,
}

impl Default for BurstConfig {
    fn default() -> Self {
        BurstConfig {
            server_version: crate::server_versions::MAX_CLIENT_VER,
            ticks: 1_000_000,
            lead_ticks: Vec::new(),
            rate: None,
            batch: None,
            mixed: false,
            bars: 0,
            details: 0,
            orders: 0,
        }
    }
}

/// A running burst gateway on loopback.
#[derive(Debug)]
pub struct BurstGateway {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    written: Arc<AtomicU64>,
    acceptor: Option<JoinHandle<()>>,
}

impl BurstGateway {
    /// Starts on `addr` (port 0 for an ephemeral one).
    pub fn bind(addr: impl std::net::ToSocketAddrs, config: BurstConfig) -> io::Result<Self> {
        let listener = TcpListener::bind(addr)?;
        let addr = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let written = Arc::new(AtomicU64::new(0));
        let acceptor = {
            let stop = Arc::clone(&stop);
            let written = Arc::clone(&written);
            thread::Builder::new()
                .name("tws-burst-accept".into())
                .spawn(move || {
                    for stream in listener.incoming() {
                        if stop.load(Ordering::SeqCst) {
                            break;
                        }
                        let Ok(stream) = stream else { continue };
                        let config = config.clone();
                        let written = Arc::clone(&written);
                        let _ =
                            thread::Builder::new()
                                .name("tws-burst-conn".into())
                                .spawn(move || {
                                    if let Err(e) = serve(stream, &config, &written) {
                                        log::debug!("burst session ended: {e}");
                                    }
                                });
                    }
                })?
        };
        Ok(BurstGateway {
            addr,
            stop,
            written,
            acceptor: Some(acceptor),
        })
    }

    /// Starts on an ephemeral port of 127.0.0.1.
    pub fn start(config: BurstConfig) -> io::Result<Self> {
        BurstGateway::bind("127.0.0.1:0", config)
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Streams (one per `reqMktData`, all connections together) written to
    /// the end: their `tickSnapshotEnd` is in the socket's send buffer, so
    /// the client has read all but what the two kernels' buffers hold.
    pub fn streams_written(&self) -> u64 {
        self.written.load(Ordering::SeqCst)
    }
}

impl Drop for BurstGateway {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(a) = self.acceptor.take() {
            let _ = a.join();
        }
    }
}

/// Nanoseconds since the Unix epoch, now.
pub fn now_nanos() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as i64)
        .unwrap_or(0)
}

fn serve(mut stream: TcpStream, config: &BurstConfig, written: &AtomicU64) -> io::Result<()> {
    stream.set_nodelay(true)?;
    let (sv, _) = super::negotiate(&mut stream, config.server_version)?;
    let mut lead = config.lead_ticks.iter().copied();
    let bulk = Bulk::encode(sv, config)?;

    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
        for p in super::take_frames(&mut buf) {
            let Ok(h) = MessageHeader::parse(sv, &p) else {
                continue;
            };
            let body = &p[h.body_start..];
            let mut out = Vec::new();
            match h.id {
                outgoing::START_API => {
                    let _: StartApi = decode_either(sv, h.protobuf, body).map_err(invalid)?;
                    let accounts_list = "DU1234567".to_owned();
                    encode_frame(&ManagedAccounts { accounts_list }, sv, &mut out)
                        .map_err(invalid)?;
                    encode_frame(&NextValidId { order_id: 1 }, sv, &mut out).map_err(invalid)?;
                    stream.write_all(&out)?;
                }
                outgoing::REQ_CURRENT_TIME => {
                    let time = now_nanos() / 1_000_000_000;
                    encode_frame(&CurrentTime { time }, sv, &mut out).map_err(invalid)?;
                    stream.write_all(&out)?;
                }
                outgoing::REQ_MKT_DATA => {
                    let m: ReqMktData = decode_either(sv, h.protobuf, body).map_err(invalid)?;
                    let ticks = lead.next().unwrap_or(config.ticks);
                    match config.rate {
                        None => stream_fast(&mut stream, sv, m.req_id, ticks)?,
                        Some(rate) => stream_paced(&mut stream, sv, m.req_id, ticks, config, rate)?,
                    }
                    out.clear();
                    encode_frame(&TickSnapshotEnd { req_id: m.req_id }, sv, &mut out)
                        .map_err(invalid)?;
                    stream.write_all(&out)?;
                    written.fetch_add(1, Ordering::SeqCst);
                }
                outgoing::REQ_HISTORICAL_DATA => {
                    let m: ReqHistoricalData =
                        decode_either(sv, h.protobuf, body).map_err(invalid)?;
                    bulk.bars.write(&mut stream, m.req_id)?;
                    if sv >= MIN_SERVER_VER_HISTORICAL_DATA_END {
                        let end = HistoricalDataEnd {
                            req_id: m.req_id,
                            start_date_str: format_time(1, BARS_START),
                            end_date_str: format_time(1, BARS_START + 60 * config.bars as i64),
                        };
                        encode_frame(&end, sv, &mut out).map_err(invalid)?;
                    }
                    stream.write_all(&out)?;
                }
                outgoing::REQ_CONTRACT_DATA => {
                    let m: ReqContractDetails =
                        decode_either(sv, h.protobuf, body).map_err(invalid)?;
                    bulk.details.write(&mut stream, m.req_id)?;
                    encode_frame(&ContractDataEnd { req_id: m.req_id }, sv, &mut out)
                        .map_err(invalid)?;
                    stream.write_all(&out)?;
                }
                outgoing::REQ_OPEN_ORDERS | outgoing::REQ_ALL_OPEN_ORDERS => {
                    bulk.orders.write(&mut stream, 0)?;
                    encode_frame(&OpenOrderEnd, sv, &mut out).map_err(invalid)?;
                    stream.write_all(&out)?;
                }
                _ => {}
            }
        }
    }
}

/// Replaces every `stamp` in `out` by the time now, just before the write:
/// the latency then starts at the write, not before the batch was encoded.
/// Both are 19 digits (nanoseconds since the epoch, until the year 2286).
fn restamp(out: &mut [u8], stamp: i64) {
    let old = stamp.to_string();
    let new = now_nanos().to_string();
    if old.len() != new.len() {
        return;
    }
    let (old, new) = (old.as_bytes(), new.as_bytes());
    let mut i = 0;
    while i + old.len() <= out.len() {
        if &out[i..i + old.len()] == old {
            out[i..i + old.len()].copy_from_slice(new);
            i += old.len();
        } else {
            i += 1;
        }
    }
}

/// The first bar's time ([`samples::minute_bars`]).
const BARS_START: i64 = 1_704_067_200;

/// The request id the answers are encoded with, to be replaced.
const PLACEHOLDER: i32 = 1_999_999_999;

/// A connection's bulk answers, encoded once.
struct Bulk {
    bars: Template,
    details: Template,
    orders: Template,
}

impl Bulk {
    fn encode(sv: i32, config: &BurstConfig) -> io::Result<Bulk> {
        let mut bars = Template::new(sv);
        if config.bars > 0 {
            let answer = HistoricalData {
                header: HistoricalDataHeader {
                    req_id: PLACEHOLDER,
                    ..HistoricalDataHeader::default()
                },
                bars: samples::minute_bars(config.bars),
            };
            bars.push(&answer)?;
        }
        let mut details = Template::new(sv);
        let one = ContractData {
            req_id: PLACEHOLDER,
            details: samples::aapl_details(),
        };
        for _ in 0..config.details {
            details.push(&one)?;
        }
        let mut orders = Template::new(sv);
        let (contract, order, order_state) = samples::limit_order();
        let mut open = OpenOrder {
            callback_order_id: None,
            contract,
            order,
            order_state,
        };
        for i in 0..config.orders {
            open.order.order_id = 1 + i as i32;
            open.order.perm_id = 1_000_000_000 + i as i64;
            orders.push(&open)?;
        }
        Ok(Bulk {
            bars,
            details,
            orders,
        })
    }
}

/// Frames encoded with [`PLACEHOLDER`] as their request id, each kept as
/// the payload before the id and the payload after it (`None`: a frame
/// without a request id, such as an `openOrder`, kept whole).
struct Template {
    sv: i32,
    /// Whether the frames are protobuf (the id a varint) or text (digits).
    protobuf: bool,
    frames: Vec<(Vec<u8>, Option<Vec<u8>>)>,
}

impl Template {
    fn new(sv: i32) -> Template {
        Template {
            sv,
            protobuf: false,
            frames: Vec::new(),
        }
    }

    fn push<M: crate::messages::Message>(&mut self, m: &M) -> io::Result<()> {
        let mut frame = Vec::new();
        encode_frame(m, self.sv, &mut frame).map_err(invalid)?;
        let payload = &frame[4..];
        let header = MessageHeader::parse(self.sv, payload).map_err(invalid)?;
        self.protobuf = header.protobuf;
        // The first whole field equal to the placeholder after the header.
        let needle = self.id(PLACEHOLDER);
        let start = header.body_start;
        let at = (start..payload.len().saturating_sub(needle.len() - 1)).find(|&i| {
            payload[i..].starts_with(&needle)
                && (self.protobuf || i == start || payload[i - 1] == 0)
        });
        self.frames.push(match at {
            Some(i) => (
                payload[..i].to_vec(),
                Some(payload[i + needle.len()..].to_vec()),
            ),
            None => (payload.to_vec(), None),
        });
        Ok(())
    }

    /// `req_id` as the frames write it: protobuf field 1 (a varint), or
    /// text digits and their NUL.
    fn id(&self, req_id: i32) -> Vec<u8> {
        if self.protobuf {
            // Field 1, wire type 0 (key 0x08); the id as protobuf writes an int32.
            let mut out = vec![0x08];
            out.extend(encode_varint(req_id as i64 as u64));
            out
        } else {
            let mut out = req_id.to_string().into_bytes();
            out.push(0);
            out
        }
    }

    /// Writes every frame with `req_id` in place of the placeholder, 64 KiB
    /// at a time.
    fn write(&self, stream: &mut TcpStream, req_id: i32) -> io::Result<()> {
        let id = self.id(req_id);
        let mut block = Vec::with_capacity(1 << 16);
        for (before, after) in &self.frames {
            let (id, after): (&[u8], &[u8]) = match after {
                Some(after) => (&id, after),
                None => (&[], &[]),
            };
            let len = before.len() + id.len() + after.len();
            block.extend_from_slice(&(len as u32).to_be_bytes());
            block.extend_from_slice(before);
            block.extend_from_slice(id);
            block.extend_from_slice(after);
            if block.len() >= 1 << 16 {
                stream.write_all(&block)?;
                block.clear();
            }
        }
        stream.write_all(&block)
    }
}

fn invalid(e: impl std::fmt::Display) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, e.to_string())
}

fn tick(req_id: i32, i: u64) -> TickPrice {
    let types = [tick_type::BID, tick_type::ASK, tick_type::LAST];
    TickPrice {
        req_id,
        tick_type: types[(i % 3) as usize],
        price: 187.0 + (i % 100) as f64 * 0.01,
        size: Decimal::from(100 + (i % 9) * 100),
        attr_mask: 0,
    }
}

/// Writes `ticks` frames from a block encoded once.
fn stream_fast(stream: &mut TcpStream, sv: i32, req_id: i32, ticks: u64) -> io::Result<()> {
    const BLOCK: u64 = 4096;
    let mut block = Vec::with_capacity(BLOCK as usize * 32);
    let mut ends = Vec::with_capacity(BLOCK as usize);
    for i in 0..BLOCK {
        encode_frame(&tick(req_id, i), sv, &mut block).map_err(invalid)?;
        ends.push(block.len());
    }
    let mut left = ticks;
    while left >= BLOCK {
        stream.write_all(&block)?;
        left -= BLOCK;
    }
    if left > 0 {
        stream.write_all(&block[..ends[left as usize - 1]])?;
    }
    Ok(())
}

/// Writes `ticks` frames at `rate` per second, each stamped with its send
/// time (tickPrice and tickSize in the size, tickString in the text). It
/// sleeps between writes (a spinning gateway would take a core from the
/// client on a small machine) and writes every frame that has come due in one
/// go, each stamped just before the write: about every 100 µs, or once per
/// `config.batch`.
fn stream_paced(
    stream: &mut TcpStream,
    sv: i32,
    req_id: i32,
    ticks: u64,
    config: &BurstConfig,
    rate: u64,
) -> io::Result<()> {
    let start = Instant::now();
    let rate = rate.max(1);
    let pause = config.batch.unwrap_or(Duration::from_micros(100));
    let mut out = Vec::with_capacity(64 * 1024);
    let mut sent = 0u64;
    let mut next = start;
    while sent < ticks {
        let due = ((start.elapsed().as_nanos() * rate as u128) / 1_000_000_000) as u64;
        let due = due.min(ticks);
        if due > sent {
            out.clear();
            let nanos = now_nanos();
            let stamp = Decimal::from(nanos);
            for i in sent..due {
                if config.mixed && i % 10 == 9 {
                    if i % 20 == 9 {
                        let t = TickSize {
                            req_id,
                            tick_type: tick_type::VOLUME,
                            size: stamp,
                        };
                        encode_frame(&t, sv, &mut out).map_err(invalid)?;
                    } else {
                        let t = TickString {
                            req_id,
                            tick_type: tick_type::LAST_TIMESTAMP,
                            value: nanos.to_string().into(),
                        };
                        encode_frame(&t, sv, &mut out).map_err(invalid)?;
                    }
                    continue;
                }
                let mut t = tick(req_id, i);
                t.size = stamp;
                encode_frame(&t, sv, &mut out).map_err(invalid)?;
            }
            restamp(&mut out, nanos);
            stream.write_all(&out)?;
            sent = due;
        }
        // Sleep to the next batch boundary (not a fixed pause after the
        // write, which would drift).
        next += pause;
        let now = Instant::now();
        if next > now {
            thread::sleep(next - now);
        } else {
            next = now;
        }
    }
    Ok(())
}
