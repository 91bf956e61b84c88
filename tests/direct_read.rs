//! `run()` reading the socket itself while the feed is light
//! (`EClient::set_direct_read`, client/direct.rs), against the simulated
//! gateway and the burst gateway on loopback.

mod common;

use std::sync::atomic::{AtomicU64, Ordering::SeqCst};
use std::sync::Arc;
use std::thread;

use common::call_log::{connected_calls, wait};
use tws_api::sim::burst::{BurstConfig, BurstGateway};
use tws_api::sim::SimGateway;
use tws_api::{Contract, Decimal, EClient, EWrapper, TickAttrib, TickType};

/// An error the client queues from another thread (a request refused before
/// it is sent) reaches the wrapper while `run()` waits on the socket.
fn queued_error_arrives(direct: bool) {
    common::init_logs();
    let gw = SimGateway::start(Default::default()).unwrap();
    let (client, log, runner) = connected_calls(&gw, 3);
    client.set_direct_read(direct);
    // Answers that arrive while the feed is light are read by run() itself
    // (from the one after the first small read that run() was waiting for).
    for n in 1..=2 {
        client.req_current_time().unwrap();
        assert!(log.wait_until(|c| c.iter().filter(|c| c.name == "current_time").count() == n));
    }
    if direct {
        assert!(wait(|| client.metrics().direct_reads > 0));
    }
    let before = client.metrics().direct_reads;
    // Refused by the client (not printable), so queued from this thread.
    let bad = Contract::stock("AA\u{7}PL", "SMART", "USD");
    assert!(client
        .req_mkt_data(41, &bad, "", false, false, &[])
        .is_err());
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "error" && c.arg(0) == 41)));
    // And the socket is still read afterwards.
    client.req_current_time().unwrap();
    assert!(log.wait_until(|c| c.iter().filter(|c| c.name == "current_time").count() == 3));
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
    assert!(client.metrics().direct_reads > 0);
    client.disconnect();
    assert_eq!(runner.join().unwrap(), 1);
}
