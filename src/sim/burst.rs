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

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::messages::connection::{CurrentTime, ManagedAccounts, NextValidId, StartApi};
use crate::messages::ids::outgoing;
use crate::messages::market_data::{ReqMktData, TickPrice, TickSize, TickSnapshotEnd, TickString};
use crate::messages::{decode_either, encode_frame};
use crate::model::{tick_type, Decimal};
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
