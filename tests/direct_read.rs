//! `run()` reading the socket itself while the feed is light
//! (`EClient::set_direct_read`, client/conn/direct.rs), against the simulated
//! gateway and the burst gateway on loopback.

mod common;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::SeqCst};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

/// The last server version at which `reqMatchingSymbols` is text.
const TEXT_VERSION: i32 = 211;

use common::call_log::{connected_calls, wait};
use tws_api::sim::burst::{BurstConfig, BurstGateway};
use tws_api::sim::SimGateway;
use tws_api::{Contract, Decimal, EClient, EWrapper, TickAttrib, TickType};

/// An error the client queues from another thread (a request refused before
/// it is sent) reaches the wrapper while `run()` waits on the socket.
fn queued_error_arrives(direct: bool) {
    common::init_logs();
    // The error is a refusal of the text form (579), which the protobuf
    // form has not.
    let gw = SimGateway::start(tws_api::sim::SimConfig {
        server_version: TEXT_VERSION,
        ..Default::default()
    })
    .unwrap();
    let (client, log, runner) = connected_calls(&gw, 3);
    client.set_direct_read(direct);
    // Answers that arrive while the feed is light are read by run() itself
    // (from the one after the first small read that run() was waiting for;
    // on a loaded machine a few more: the reader takes the socket back from
    // callbacks that a stalled CPU stretches past a millisecond).
    let mut n = 0;
    loop {
        let direct_before = client.metrics().direct_reads;
        client.req_current_time().unwrap();
        n += 1;
        assert!(log.wait_until(|c| c.iter().filter(|c| c.name == "current_time").count() == n));
        if n >= 2 && (!direct || client.metrics().direct_reads > direct_before) {
            break;
        }
        assert!(n < 100, "run() never read the socket itself");
    }
    let before = client.metrics().direct_reads;
    // Refused by the client (not printable), so queued from this thread.
    assert!(client.req_matching_symbols(41, "AA\u{7}PL").is_err());
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "error" && c.arg(0) == 41)));
    // And the socket is still read afterwards.
    client.req_current_time().unwrap();
    assert!(log.wait_until(|c| c.iter().filter(|c| c.name == "current_time").count() == n + 1));
    if !direct {
        assert_eq!(client.metrics().direct_reads, before);
    }
    client.disconnect();
    runner.join().unwrap();
    assert_eq!(log.named("connection_closed").len(), 1);
}

#[test]
fn a_queued_error_reaches_run_while_it_reads_the_socket() {
    queued_error_arrives(true);
}

#[test]
fn with_direct_reads_off_the_reader_thread_reads_everything() {
    queued_error_arrives(false);
}

/// Counts ticks and checks that the bid prices of the burst come in the
/// order they were sent.
struct Count {
    client: EClient,
    ticks: Arc<AtomicU64>,
    last_index: Option<u64>,
    out_of_order: u64,
}

impl EWrapper for Count {
    fn tick_price(&mut self, _r: i32, _t: TickType, price: f64, _a: TickAttrib) {
        let n = self.ticks.fetch_add(1, SeqCst);
        // The burst gateway repeats a block of 4,096 frames whose prices
        // cycle through 187.00..187.99 with the frame's index in the block.
        let index = ((price - 187.0) * 100.0).round() as u64;
        if index != (n % 4096) % 100 {
            self.out_of_order += 1;
        }
        self.last_index = Some(index);
    }
    fn tick_size(&mut self, _r: i32, _t: TickType, _s: Decimal) {}
    fn tick_snapshot_end(&mut self, _r: i32) {
        self.client.disconnect();
    }
}

#[test]
fn light_and_heavy_reads_alternate_without_loss_or_reordering() {
    common::init_logs();
    const TICKS: u64 = 200_000;
    let gw = BurstGateway::start(BurstConfig {
        ticks: TICKS,
        ..BurstConfig::default()
    })
    .unwrap();
    let client = EClient::new();
    client.connect("127.0.0.1", gw.port(), 0).unwrap();
    let ticks = Arc::new(AtomicU64::new(0));
    let mut w = Count {
        client: client.clone(),
        ticks: Arc::clone(&ticks),
        last_index: None,
        out_of_order: 0,
    };
    let runner = {
        let client = client.clone();
        thread::spawn(move || {
            client.run(&mut w);
            w
        })
    };
    // Whoever reads at the start (run() takes the socket after a small
    // read once it runs), the burst's full reads give it to the reader.
    client
        .req_mkt_data(
            1,
            &Contract::stock("AAPL", "SMART", "USD"),
            "",
            false,
            false,
            &[],
        )
        .unwrap();
    let w = runner.join().unwrap();
    assert_eq!(ticks.load(SeqCst), TICKS);
    assert_eq!(w.out_of_order, 0);
    let m = client.metrics();
    assert_eq!(m.frames_queued, 0, "{m:?}");
}

/// Panics in its third `current_time` callback.
struct PanicOnce {
    times: Arc<AtomicU64>,
}

impl EWrapper for PanicOnce {
    fn current_time(&mut self, _time: i64) {
        if self.times.fetch_add(1, SeqCst) + 1 == 3 {
            panic!("a callback fails (on purpose)");
        }
    }
}

/// A callback that unwinds while `run()` holds the socket gives it back:
/// `run()` called again still receives what arrives.
#[test]
fn a_callback_that_unwinds_gives_the_socket_back() {
    common::init_logs();
    let gw = SimGateway::start(Default::default()).unwrap();
    let client = EClient::new();
    client.connect("127.0.0.1", gw.port(), 9).unwrap();
    let times = Arc::new(AtomicU64::new(0));
    let runner = {
        let client = client.clone();
        let mut w = PanicOnce {
            times: Arc::clone(&times),
        };
        thread::spawn(move || {
            let mut unwound = 0;
            while std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| client.run(&mut w)))
                .is_err()
            {
                unwound += 1;
            }
            unwound
        })
    };
    for n in 1..=4 {
        client.req_current_time().unwrap();
        assert!(wait(|| times.load(SeqCst) == n), "answer {n}");
    }
    // Direct reads were involved (on a loaded machine the reader may have
    // read the first answers: it takes the socket back from callbacks that a
    // stalled CPU stretches past a millisecond).
    let mut n = 4;
    while client.metrics().direct_reads == 0 && n < 100 {
        n += 1;
        client.req_current_time().unwrap();
        assert!(wait(|| times.load(SeqCst) == n), "answer {n}");
    }
    assert!(client.metrics().direct_reads > 0);
    client.disconnect();
    assert_eq!(runner.join().unwrap(), 1);
}

// The EReader's promise: the socket is drained whatever the callbacks do.
//
// A callback blocks (for seconds, as a slow one would) while the gateway
// writes a burst of several MiB. The gateway counts the streams it has
// written to the end; the callback records that count when it returns. The
// burst's write must have completed while the callback was still blocked:
// somebody kept reading the socket. The callback blocks for up to
// `BLOCK_FOR` and returns as soon as the gateway reports the whole burst
// written, so a passing run does not wait it out; a client that stops
// reading while a callback blocks fails after `BLOCK_FOR`. No duration is
// asserted: only the order of two events.

/// Ticks of the burst: about 16 MiB of tickPrice frames, more than the two
/// kernels' socket buffers hold (the sender's grows to 4 MiB here; the
/// receiver's grows only while its owner reads), less than the client's queue
/// limit in these tests.
const BURST_TICKS: u64 = 640_000;
/// The queue limit of these tests: the whole burst fits in it.
const QUEUE_LIMIT: usize = 64 * 1024 * 1024;
/// The longest a callback blocks.
const BLOCK_FOR: Duration = Duration::from_secs(10);

/// Which callback blocks.
#[derive(Debug, Clone, Copy, PartialEq)]
enum BlockIn {
    /// `tick_price` of this request's first tick (read by `run()` itself
    /// while the feed is light).
    Tick(i32),
    /// `error` for this request id (an error the client queues itself while
    /// `run()` waits on the socket).
    Error(i32),
}

struct Blocking {
    client: EClient,
    gw: Arc<BurstGateway>,
    block_in: BlockIn,
    /// The gateway's stream count that means "the burst is written".
    burst_written: u64,
    /// Set when the blocking callback starts.
    entered: Arc<AtomicBool>,
    /// The streams the gateway had written when the blocking callback
    /// returned (`u64::MAX` until then).
    written_on_return: Arc<AtomicU64>,
    /// `tick_snapshot_end` calls so far.
    ends: Arc<AtomicU64>,
    /// `current_time` calls so far.
    times: Arc<AtomicU64>,
    /// The request whose end disconnects.
    last: i32,
    ticks: HashMap<i32, u64>,
    out_of_order: u64,
}

impl Blocking {
    fn block(&mut self) {
        self.entered.store(true, SeqCst);
        let deadline = Instant::now() + BLOCK_FOR;
        while self.gw.streams_written() < self.burst_written && Instant::now() < deadline {
            thread::sleep(Duration::from_millis(1));
        }
        self.written_on_return
            .store(self.gw.streams_written(), SeqCst);
    }
}

impl EWrapper for Blocking {
    fn tick_price(&mut self, req_id: i32, _t: TickType, price: f64, _a: TickAttrib) {
        let n = self.ticks.entry(req_id).or_insert(0);
        // Each stream repeats a block of 4,096 frames whose prices cycle
        // through 187.00..187.99 with the frame's index in the block.
        let index = ((price - 187.0) * 100.0).round() as u64;
        if index != (*n % 4096) % 100 {
            self.out_of_order += 1;
        }
        *n += 1;
        if *n == 1 && self.block_in == BlockIn::Tick(req_id) {
            self.block();
        }
    }
    fn tick_size(&mut self, _r: i32, _t: TickType, _s: Decimal) {}
    fn error(&mut self, req_id: i32, _time: i64, _code: i32, _msg: &str, _json: &str) {
        if self.block_in == BlockIn::Error(req_id) {
            self.block();
        }
    }
    fn current_time(&mut self, _time: i64) {
        self.times.fetch_add(1, SeqCst);
    }
    fn tick_snapshot_end(&mut self, req_id: i32) {
        self.ends.fetch_add(1, SeqCst);
        if req_id == self.last {
            self.client.disconnect();
        }
    }
}

/// Direct reads in a promise test.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Reads {
    /// Off: the reader thread reads everything.
    Off,
    /// On (the default): `run()` reads the light feed itself.
    On,
    /// Off until the blocking request, then on: the reader reads the
    /// blocking tick, queues it and offers `run()` the socket, and `run()`
    /// blocks in the tick's callback before it can take the offer.
    OnLate,
}

/// Light round trips first, then the blocking callback, and while it blocks
/// a request answered by the burst.
fn drained_while_a_callback_blocks(block_in: BlockIn, reads: Reads) {
    common::init_logs();
    // With `BlockIn::Tick` the first `reqMktData` is a light one (one tick)
    // whose tick blocks and the second gets the burst; with `BlockIn::Error`
    // the first gets the burst.
    let (lead, burst_id) = match block_in {
        BlockIn::Tick(_) => (vec![1], 2),
        BlockIn::Error(_) => (vec![], 1),
    };
    let gw = Arc::new(
        BurstGateway::start(BurstConfig {
            ticks: BURST_TICKS,
            lead_ticks: lead,
            // The error is a refusal of the text form (579: a symbol that
            // is not printable), which the protobuf form has not.
            server_version: TEXT_VERSION,
            ..BurstConfig::default()
        })
        .unwrap(),
    );
    let client = EClient::new();
    client.set_direct_read(reads == Reads::On);
    client.set_queue_limit(QUEUE_LIMIT);
    client.connect("127.0.0.1", gw.port(), 0).unwrap();
    let entered = Arc::new(AtomicBool::new(false));
    let written_on_return = Arc::new(AtomicU64::new(u64::MAX));
    let ends = Arc::new(AtomicU64::new(0));
    let times = Arc::new(AtomicU64::new(0));
    let mut w = Blocking {
        client: client.clone(),
        gw: Arc::clone(&gw),
        block_in,
        burst_written: burst_id as u64,
        entered: Arc::clone(&entered),
        written_on_return: Arc::clone(&written_on_return),
        ends: Arc::clone(&ends),
        times: Arc::clone(&times),
        last: burst_id,
        ticks: HashMap::new(),
        out_of_order: 0,
    };
    let runner = {
        let client = client.clone();
        thread::spawn(move || {
            client.run(&mut w);
            w
        })
    };
    // Light round trips (`reqCurrentTime`). With direct reads on, until one
    // is read by `run()` itself: from then on `run()` has the socket (on a
    // loaded machine the reader may read the first ones: it takes back an
    // offer that `run()` leaves untaken for a millisecond).
    let mut round_trips = 0;
    loop {
        let direct_before = client.metrics().direct_reads;
        client.req_current_time().unwrap();
        round_trips += 1;
        assert!(
            wait(|| times.load(SeqCst) == round_trips),
            "round trip {round_trips}"
        );
        let direct = client.metrics().direct_reads > direct_before;
        if round_trips >= 2 && (reads != Reads::On || direct) {
            break;
        }
        assert!(round_trips < 100, "run() never read the socket itself");
    }
    // Everything queued is dispatched: the next light read (the reader's,
    // if it has the socket) is the only thing queued, and the reader offers
    // `run()` the socket after it.
    assert!(wait(|| client.metrics().bytes_queued == 0));
    if reads == Reads::OnLate {
        // The reader is waiting for the next bytes: it will offer the
        // socket after it has queued them.
        client.set_direct_read(true);
    }
    let aapl = Contract::stock("AAPL", "SMART", "USD");
    match block_in {
        BlockIn::Tick(id) => client
            .req_mkt_data(id, &aapl, "", false, false, &[])
            .unwrap(),
        BlockIn::Error(id) => {
            // Refused by the client (not printable): the error is queued.
            assert!(client.req_matching_symbols(id, "AA\u{7}PL").is_err());
        }
    }
    assert!(wait(|| entered.load(SeqCst)), "the callback blocks");
    client
        .req_mkt_data(burst_id, &aapl, "", false, false, &[])
        .unwrap();
    let w = runner.join().unwrap();
    let written = written_on_return.load(SeqCst);
    assert!(
        written != u64::MAX && written >= burst_id as u64,
        "the burst was still being written when the blocking callback returned \
         (streams written then: {written}): nobody read the socket meanwhile"
    );
    assert_eq!(w.ticks.get(&burst_id).copied(), Some(BURST_TICKS));
    assert_eq!(
        w.ticks.values().sum::<u64>(),
        burst_id as u64 - 1 + BURST_TICKS
    );
    assert_eq!(w.out_of_order, 0);
    assert_eq!(ends.load(SeqCst), burst_id as u64);
    let m = client.metrics();
    assert_eq!(m.frames_queued, 0, "{m:?}");
    assert!(m.bytes_in >= 16 * 1024 * 1024, "{m:?}");
    if reads == Reads::Off {
        assert_eq!(m.take_overs, 0, "{m:?}");
    } else {
        // `run()` had the socket (or an offer of it) when the callback
        // started blocking: the reader took it back.
        assert!(m.take_overs > 0, "{m:?}");
    }
}

#[test]
fn the_socket_is_drained_while_a_tick_callback_blocks() {
    drained_while_a_callback_blocks(BlockIn::Tick(1), Reads::On);
}

#[test]
fn the_socket_is_drained_while_an_error_callback_blocks() {
    drained_while_a_callback_blocks(BlockIn::Error(41), Reads::On);
}

#[test]
fn the_socket_is_drained_while_a_callback_blocks_with_an_offer_untaken() {
    drained_while_a_callback_blocks(BlockIn::Tick(1), Reads::OnLate);
}

#[test]
fn with_direct_reads_off_the_socket_is_drained_while_a_callback_blocks() {
    drained_while_a_callback_blocks(BlockIn::Tick(1), Reads::Off);
}
