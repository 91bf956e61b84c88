//! End-to-end benchmark: gateway → socket → EReader → channel → run() → EWrapper.
//!
//! ```text
//! cargo run --release --example bench_e2e                   # everything below
//! cargo run --release --example bench_e2e -- --mode throughput --ticks 5000000
//! cargo run --release --example bench_e2e -- --mode latency --rate 100000
//! cargo run --release --example bench_e2e -- --mode latency --rate 10000 --batch-ms 1 --mixed --clients 32
//! cargo run --release --example bench_e2e -- --mode floor --rate 10000 --batch-ms 1 --mixed
//! cargo run --release --example bench_e2e -- --mode idle --seconds 10
//! cargo run --release --example bench_e2e -- --mode promise        # a callback sleeps 2 s during a burst
//! cargo run --release --example bench_e2e -- --mode stall --rate 100000 --batch-ms 1 --mixed --stall-ms 25
//! (any mode) --direct-read 0     # the reader thread reads at all times
//! cargo run --release --example bench_e2e -- --mode clients --clients 32
//! cargo run --release --example bench_e2e -- --mode memory
//! cargo run --release --example bench_e2e -- --mode vs-ibapi --server-version 222 --ticks 1000000 --runs 3
//! cargo run --release --example bench_e2e -- --mode bulk --server-version 222 --runs 3 [--python 10.51.1]
//! cargo run --release --example bench_e2e -- --connect 127.0.0.1:PORT --ticks N
//! ```
//!
//! The gateway is this same program started again with `--serve` (a burst
//! gateway, `tws_api::sim::burst`), in its own process, so that the client's
//! resident memory is measured alone. It streams pre-encoded tickPrice frames
//! as fast as the socket takes them; the client counts `tick_price` callbacks
//! (each also produces the derived `tick_size`). See docs/performance.md.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use std::sync::atomic::{AtomicBool, Ordering};

use tws_api::sim::burst::{now_nanos, BurstConfig, BurstGateway};

/// `--direct-read` for every client this run makes.
static DIRECT_READ: AtomicBool = AtomicBool::new(true);
use tws_api::{Contract, Decimal, EClient, EWrapper, TickAttrib, TickType};

struct Opts {
    mode: String,
    ticks: u64,
    rate: u64,
    clients: usize,
    runs: usize,
    server_version: i32,
    connect: Option<String>,
    spin_us: Option<u64>,
    queue_kib: Option<u64>,
    /// Latency: the gateway writes once per this many ms (0: about every 100 µs).
    batch_ms: u64,
    /// Latency: a mixed stream (a tickSize or tickString every 10th message).
    mixed: bool,
    /// Latency: how long the stream runs.
    seconds: u64,
    /// Stall mode: how long a callback busy-waits, every 500 ms.
    stall_ms: u64,
    /// `--clients` was given (latency mode then runs that many clients).
    clients_given: bool,
    /// `--ticks` was given (promise mode has its own default).
    ticks_given: bool,
    /// `--direct-read 0` turns the client's direct reads off.
    direct_read: bool,
    /// Bulk mode: bars, contract details and open orders per answer.
    bars: usize,
    details: usize,
    orders: usize,
    /// `--bars`, `--details` or `--orders` was given (a gateway started for
    /// another mode encodes no bulk answers).
    bulk_given: bool,
    /// Bulk mode: also the official Python client (`10.37.2`, the
    /// interpreter's `ibapi`, or `10.51.1`, from `.python/ibapi-10.51.1`).
    python: Option<String>,
}

fn parse() -> Opts {
    let mut o = Opts {
        mode: "all".into(),
        ticks: 5_000_000,
        rate: 100_000,
        clients: 32,
        runs: 5,
        server_version: 203,
        connect: None,
        spin_us: None,
        queue_kib: None,
        batch_ms: 0,
        mixed: false,
        seconds: 3,
        stall_ms: 25,
        clients_given: false,
        ticks_given: false,
        direct_read: true,
        bars: 100_000,
        details: 10_000,
        orders: 10_000,
        bulk_given: false,
        python: None,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let v = args.get(i + 1).cloned().unwrap_or_default();
        let num = |s: &str| {
            s.parse::<u64>()
                .unwrap_or_else(|_| panic!("{} needs a number, got {s:?}", args[i]))
        };
        match args[i].as_str() {
            "--mode" => o.mode = v,
            "--ticks" => {
                o.ticks = num(&v);
                o.ticks_given = true;
            }
            "--rate" => o.rate = num(&v),
            "--clients" => {
                o.clients = num(&v) as usize;
                o.clients_given = true;
            }
            "--runs" => o.runs = num(&v) as usize,
            "--server-version" => o.server_version = num(&v) as i32,
            "--connect" => o.connect = Some(v),
            "--spin-us" => o.spin_us = Some(num(&v)),
            "--queue-kib" => o.queue_kib = Some(num(&v)),
            "--batch-ms" => o.batch_ms = num(&v),
            "--direct-read" => o.direct_read = num(&v) != 0,
            "--seconds" => o.seconds = num(&v),
            "--stall-ms" => o.stall_ms = num(&v),
            "--bars" => {
                o.bars = num(&v) as usize;
                o.bulk_given = true;
            }
            "--details" => {
                o.details = num(&v) as usize;
                o.bulk_given = true;
            }
            "--orders" => {
                o.orders = num(&v) as usize;
                o.bulk_given = true;
            }
            "--python" => o.python = Some(v),
            "--mixed" => {
                o.mixed = true;
                i += 1;
                continue;
            }
            "--serve" => {
                o.mode = "serve".into();
                i += 1;
                continue;
            }
            "--bench" => {
                i += 1;
                continue;
            }
            other => panic!("unknown argument {other}"),
        }
        i += 2;
    }
    o
}

/// Counts ticks; disconnects at the end marker.
struct Counter {
    client: EClient,
    prices: u64,
    sizes: u64,
    first: Option<Instant>,
    end: Option<Instant>,
    latencies: Option<Vec<u32>>,
}

impl EWrapper for Counter {
    #[inline]
    fn tick_price(&mut self, _req_id: i32, _t: TickType, _price: f64, _a: TickAttrib) {
        if self.prices == 0 {
            self.first = Some(Instant::now());
        }
        self.prices += 1;
    }

    #[inline]
    fn tick_size(&mut self, _req_id: i32, _t: TickType, size: Decimal) {
        self.sizes += 1;
        if let Some(l) = self.latencies.as_mut() {
            let sent = i64::try_from(size.mantissa()).unwrap_or(0);
            l.push((now_nanos() - sent).clamp(0, u32::MAX as i64) as u32);
        }
    }

    #[inline]
    fn tick_string(&mut self, _req_id: i32, _t: TickType, value: &str) {
        if let Some(l) = self.latencies.as_mut() {
            let sent: i64 = value.parse().unwrap_or(0);
            l.push((now_nanos() - sent).clamp(0, u32::MAX as i64) as u32);
        }
    }

    fn tick_snapshot_end(&mut self, _req_id: i32) {
        self.end = Some(Instant::now());
        self.client.disconnect();
    }
}

fn rss_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

fn spawn_gateway(ticks: u64, rate: Option<u64>, sv: i32) -> (Child, String) {
    spawn_gateway_with(ticks, rate, sv, &[])
}

fn spawn_gateway_with(ticks: u64, rate: Option<u64>, sv: i32, extra: &[String]) -> (Child, String) {
    let mut cmd = Command::new(std::env::current_exe().expect("own path"));
    cmd.args([
        "--serve",
        "--ticks",
        &ticks.to_string(),
        "--server-version",
        &sv.to_string(),
    ]);
    cmd.args(extra);
    if let Some(r) = rate {
        cmd.args(["--rate", &r.to_string(), "--mode", "serve-rate"]);
    }
    // `--serve` first, so a later `--mode serve-rate` wins.
    let mut child = cmd.stdout(Stdio::piped()).spawn().expect("gateway starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("gateway prints its address");
    let addr = line.trim().trim_start_matches("listening on ").to_owned();
    (child, addr)
}

fn aapl() -> Contract {
    Contract {
        symbol: "AAPL".into(),
        sec_type: "STK".into(),
        exchange: "SMART".into(),
        currency: "USD".into(),
        ..Contract::default()
    }
}

/// One client: connect, subscribe, count until the end marker.
fn one_client(addr: &str, client_id: i32, latency: bool, spin_us: Option<u64>) -> Counter {
    one_client_q(addr, client_id, latency, spin_us, None)
}

fn one_client_q(
    addr: &str,
    client_id: i32,
    latency: bool,
    spin_us: Option<u64>,
    queue_kib: Option<u64>,
) -> Counter {
    let (host, port) = addr.rsplit_once(':').expect("HOST:PORT");
    let client = EClient::new();
    client.set_direct_read(DIRECT_READ.load(Ordering::Relaxed));
    if let Some(us) = spin_us {
        client.set_spin(Duration::from_micros(us));
    }
    if let Some(kib) = queue_kib {
        client.set_queue_limit(kib as usize * 1024);
    }
    client
        .connect(host, port.parse().expect("port"), client_id)
        .expect("connects");
    client
        .req_mkt_data(1, &aapl(), "", false, false, &[])
        .expect("sent");
    let mut c = Counter {
        client: client.clone(),
        prices: 0,
        sizes: 0,
        first: None,
        end: None,
        latencies: latency.then(|| Vec::with_capacity(4_000_000)),
    };
    client.run(&mut c);
    c
}

/// One run of the crates.io `ibapi` crate (blocking client) on the same
/// stream: ticks per second from its first price to its last.
fn ibapi_run(addr: &str, client_id: i32, ticks: u64) -> f64 {
    use ibapi::client::blocking::Client;
    use ibapi::market_data::realtime::TickTypes;
    let client = Client::connect(addr, client_id).expect("ibapi connects");
    let contract = ibapi::contracts::Contract::stock("AAPL").build();
    let sub = client
        .market_data(&contract)
        .subscribe()
        .expect("ibapi subscribes");
    let (mut first, mut last, mut n) = (None, None, 0u64);
    for tick in sub.iter_data() {
        match tick.expect("ibapi tick") {
            TickTypes::Price(_) | TickTypes::PriceSize(_) => {
                let now = Instant::now();
                first.get_or_insert(now);
                last = Some(now);
                n += 1;
            }
            TickTypes::SnapshotEnd => break,
            _ => {}
        }
    }
    assert_eq!(n, ticks, "ibapi: every tick arrived");
    match (first, last) {
        (Some(f), Some(l)) => n as f64 / (l - f).as_secs_f64(),
        _ => f64::NAN,
    }
}

/// tws-api and the `ibapi` crate on one burst gateway, one stream each,
/// interleaved, `--runs` rounds (issue 19: protobuf at 222).
fn vs_ibapi(o: &Opts) {
    let (mut gw, addr) = spawn_gateway(o.ticks, None, o.server_version);
    for run in 0..o.runs {
        let c = one_client_q(&addr, 2 * run as i32, false, o.spin_us, o.queue_kib);
        assert_eq!(c.prices, o.ticks, "every tick arrived");
        let ours = match (c.first, c.end) {
            (Some(f), Some(e)) => c.prices as f64 / (e - f).as_secs_f64(),
            _ => f64::NAN,
        };
        let theirs = ibapi_run(&addr, 2 * run as i32 + 1, o.ticks);
        println!(
            "round {}: tws-api {:.2} M ticks/s, ibapi {:.3} M ticks/s, {:.0}x (server version {}, {} ticks)",
            run + 1,
            ours / 1e6,
            theirs / 1e6,
            ours / theirs,
            o.server_version,
            o.ticks
        );
    }
    let _ = gw.kill();
    let _ = gw.wait();
}

/// What one bulk round took: 100,000 bars, 10,000 contract details,
/// 10,000 open orders (by default), each from the request to its end.
#[derive(Debug, Clone, Copy, Default)]
struct BulkTimes {
    bars: f64,
    details: f64,
    orders: f64,
}

/// Counts what a bulk answer delivers; tells the end of each.
struct BulkSink {
    ends: std::sync::mpsc::Sender<(&'static str, usize, Instant)>,
    n: usize,
    close: f64,
}

impl EWrapper for BulkSink {
    fn next_valid_id(&mut self, _order_id: i32) {
        let _ = self.ends.send(("ready", 0, Instant::now()));
    }
    fn historical_data(&mut self, _req_id: i32, bar: &tws_api::BarData) {
        self.close += bar.close;
        self.n += 1;
    }
    fn historical_data_end(&mut self, _req_id: i32, _start: &str, _end: &str) {
        let _ = self
            .ends
            .send(("bars", std::mem::take(&mut self.n), Instant::now()));
    }
    fn contract_details(&mut self, _req_id: i32, d: &tws_api::ContractDetails) {
        self.close += d.min_tick;
        self.n += 1;
    }
    fn contract_details_end(&mut self, _req_id: i32) {
        let _ = self
            .ends
            .send(("details", std::mem::take(&mut self.n), Instant::now()));
    }
    fn open_order(
        &mut self,
        _order_id: i32,
        _c: &Contract,
        o: &tws_api::Order,
        _s: &tws_api::OrderState,
    ) {
        self.close += o.lmt_price;
        self.n += 1;
    }
    fn open_order_end(&mut self) {
        let _ = self
            .ends
            .send(("orders", std::mem::take(&mut self.n), Instant::now()));
    }
}

/// One bulk round of tws-api: each request, then its end.
fn bulk_ours(addr: &str, client_id: i32, o: &Opts) -> BulkTimes {
    let (host, port) = addr.rsplit_once(':').expect("host:port");
    let client = EClient::new();
    client.set_direct_read(DIRECT_READ.load(Ordering::Relaxed));
    client
        .connect(host, port.parse().expect("port"), client_id)
        .expect("connects");
    let (tx, rx) = std::sync::mpsc::channel();
    let runner = client.clone();
    let run = thread::spawn(move || {
        let mut sink = BulkSink {
            ends: tx,
            n: 0,
            close: 0.0,
        };
        runner.run(&mut sink);
    });
    // Ready as the other clients are when they start: the gateway has
    // answered startApi (it encodes its bulk answers before that).
    assert_eq!(rx.recv().expect("nextValidId").0, "ready");
    let mut t = BulkTimes::default();
    let timed = |what: &str, want: usize, send: &dyn Fn()| {
        let t0 = Instant::now();
        send();
        let (name, n, end) = rx.recv().expect("an end marker");
        assert_eq!((name, n), (what, want), "tws-api: every item arrived");
        (end - t0).as_secs_f64()
    };
    t.bars = timed("bars", o.bars, &|| {
        client
            .req_historical_data(1, &aapl(), "", "1 Y", "1 min", "TRADES", 1, 2, false, &[])
            .expect("sent")
    });
    t.details = timed("details", o.details, &|| {
        client.req_contract_details(2, &aapl()).expect("sent")
    });
    t.orders = timed("orders", o.orders, &|| {
        client.req_all_open_orders().expect("sent")
    });
    client.disconnect();
    let _ = run.join();
    t
}

/// One bulk round of the crates.io `ibapi` crate (blocking client): each
/// call until it returns everything.
fn bulk_ibapi(addr: &str, client_id: i32, o: &Opts) -> BulkTimes {
    use ibapi::client::blocking::Client;
    use ibapi::market_data::historical::{BarSize, ToDuration, WhatToShow};
    let client = Client::connect(addr, client_id).expect("ibapi connects");
    let contract = ibapi::contracts::Contract::stock("AAPL").build();
    let mut t = BulkTimes::default();
    let t0 = Instant::now();
    let bars = client
        .historical_data(&contract, BarSize::Min)
        .what_to_show(WhatToShow::Trades)
        .duration(1.years())
        .fetch()
        .expect("ibapi bars");
    t.bars = t0.elapsed().as_secs_f64();
    assert_eq!(bars.bars.len(), o.bars, "ibapi: every bar arrived");
    let t0 = Instant::now();
    let details = client.contract_details(&contract).expect("ibapi details");
    t.details = t0.elapsed().as_secs_f64();
    assert_eq!(details.len(), o.details, "ibapi: every contract arrived");
    let t0 = Instant::now();
    let orders = client.all_open_orders().expect("ibapi open orders");
    let mut n = 0;
    for order in orders.iter_data() {
        if let ibapi::orders::Orders::OrderData(_) = order.expect("ibapi order") {
            n += 1;
        }
    }
    t.orders = t0.elapsed().as_secs_f64();
    assert_eq!(n, o.orders, "ibapi: every open order arrived");
    t
}

/// One bulk round of the official Python client
/// (`benches/bulk_python.py`), in its own process.
fn bulk_python(addr: &str, client_id: i32, o: &Opts, version: &str) -> BulkTimes {
    let dir = env!("CARGO_MANIFEST_DIR");
    let mut cmd = Command::new("python3");
    cmd.arg(format!("{dir}/benches/bulk_python.py"));
    cmd.args(["--connect", addr, "--client-id", &client_id.to_string()]);
    cmd.args([
        "--bars",
        &o.bars.to_string(),
        "--details",
        &o.details.to_string(),
    ]);
    cmd.args(["--orders", &o.orders.to_string()]);
    if version == "10.51.1" {
        cmd.env("PYTHONPATH", format!("{dir}/.python/ibapi-10.51.1"));
    }
    let out = cmd.output().expect("python3 runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "bulk_python.py: {text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let secs = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().parse::<f64>().ok())
            .expect("bulk_python.py prints each time")
    };
    BulkTimes {
        bars: secs("bars "),
        details: secs("details "),
        orders: secs("orders "),
    }
}

/// Bulk answers side by side: tws-api, the `ibapi` crate and (with
/// `--python`) the official Python client, interleaved, `--runs` rounds, on
/// one burst gateway (issue 19).
fn bulk(o: &Opts) {
    let extra = [
        "--bars".to_string(),
        o.bars.to_string(),
        "--details".into(),
        o.details.to_string(),
        "--orders".into(),
        o.orders.to_string(),
    ];
    let (mut gw, addr) = spawn_gateway_with(1, None, o.server_version, &extra);
    let ms = |s: f64| s * 1e3;
    println!(
        "bulk answers at server version {}: {} bars, {} contract details, {} open orders (ms, request to end)",
        o.server_version, o.bars, o.details, o.orders
    );
    for run in 0..o.runs {
        let id = 3 * run as i32;
        let mut rows = vec![("tws-api", bulk_ours(&addr, id, o))];
        if o.server_version >= 213 {
            rows.push(("ibapi 5.5", bulk_ibapi(&addr, id + 1, o)));
        }
        if let Some(v) = &o.python {
            rows.push(("official Python", bulk_python(&addr, id + 2, o, v)));
        }
        for (who, t) in rows {
            println!(
                "round {}: {who:<16} bars {:8.1}  details {:8.1}  orders {:8.1}",
                run + 1,
                ms(t.bars),
                ms(t.details),
                ms(t.orders)
            );
        }
    }
    let _ = gw.kill();
    let _ = gw.wait();
}

fn throughput(o: &Opts) {
    let (mut gw, addr) = match &o.connect {
        Some(a) => (None, a.clone()),
        None => {
            let (c, a) = spawn_gateway(o.ticks, None, o.server_version);
            (Some(c), a)
        }
    };
    let mut rates = Vec::new();
    for run in 0..o.runs {
        let c = one_client_q(&addr, run as i32, false, o.spin_us, o.queue_kib);
        let secs = match (c.first, c.end) {
            (Some(f), Some(e)) => (e - f).as_secs_f64(),
            _ => f64::NAN,
        };
        assert_eq!(c.prices, o.ticks, "every tick arrived");
        assert_eq!(c.sizes, o.ticks, "every derived size arrived");
        let rate = c.prices as f64 / secs;
        println!(
            "throughput run {}: {} ticks in {:.3} s = {:.2} M ticks/s ({:.2} M callbacks/s)",
            run + 1,
            c.prices,
            secs,
            rate / 1e6,
            (c.prices + c.sizes) as f64 / secs / 1e6
        );
        rates.push(rate);
    }
    rates.sort_by(|a, b| a.total_cmp(b));
    println!(
        "throughput: median {:.2} M ticks/s, best {:.2} M ticks/s (server version {}, {} runs)",
        rates[rates.len() / 2] / 1e6,
        rates[rates.len() - 1] / 1e6,
        o.server_version,
        rates.len()
    );
    println!("peak RSS of this client process: {} KiB", rss_kib("VmHWM:"));
    if let Some(g) = gw.as_mut() {
        let _ = g.kill();
        let _ = g.wait();
    }
}

/// This process's CPU time so far (user + system, all its threads, those
/// that ended too), from /proc/self/stat.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which ends with ')'): utime is the 12th,
    // stime the 13th of those; in clock ticks of 1/100 s.
    let rest = stat.rsplit_once(')').map_or("", |r| r.1);
    let f: Vec<u64> = rest
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0))
        .collect();
    let ticks = f.get(11).copied().unwrap_or(0) + f.get(12).copied().unwrap_or(0);
    Duration::from_millis(ticks * 10)
}

fn latency(o: &Opts) {
    let ticks = o.rate * o.seconds;
    let mut extra = Vec::new();
    if o.batch_ms > 0 {
        extra.extend(["--batch-ms".to_string(), o.batch_ms.to_string()]);
    }
    if o.mixed {
        extra.push("--mixed".to_string());
    }
    // `--clients N` (N > 1): N connections at once, each streamed at the
    // rate; the percentiles are over all of their ticks together.
    let n = if o.mode == "latency" && o.clients_given {
        o.clients
    } else {
        1
    };
    let (mut gw, addr) = spawn_gateway_with(ticks, Some(o.rate), o.server_version, &extra);
    let (cpu0, wall0) = (cpu_time(), Instant::now());
    let floor = o.mode == "floor";
    let handles: Vec<_> = (0..n)
        .map(|id| {
            let (addr, spin) = (addr.clone(), o.spin_us);
            thread::spawn(move || {
                let (mut l, take_overs) = if floor {
                    (floor_client(&addr), 0)
                } else {
                    let c = one_client(&addr, id as i32, true, spin);
                    let take_overs = c.client.metrics().take_overs;
                    (c.latencies.unwrap_or_default(), take_overs)
                };
                // The first 10% warms up caches and the scheduler.
                (l.split_off(l.len() / 10), take_overs)
            })
        })
        .collect();
    let mut l: Vec<u32> = Vec::new();
    let mut take_overs = 0;
    for h in handles {
        let (samples, t) = h.join().expect("client thread");
        l.extend(samples);
        take_overs += t;
    }
    let (cpu, wall) = (cpu_time() - cpu0, wall0.elapsed());
    let _ = gw.kill();
    let _ = gw.wait();
    l.sort_unstable();
    let p = |q: f64| l[((l.len() as f64 * q) as usize).min(l.len() - 1)] as f64 / 1000.0;
    println!(
        "latency at {} ticks/s{}{}, {}, {}over {} ticks (gateway write -> callback): p50 {:.1} µs, p99 {:.1} µs, p99.9 {:.1} µs, max {:.1} µs; client CPU {:.1} % of a core{}",
        o.rate,
        if o.batch_ms > 0 { format!(", {} ms batches", o.batch_ms) } else { String::new() },
        if o.mixed { ", mixed" } else { "" },
        if floor {
            "single-threaded floor client".to_string()
        } else {
            format!("spin {}", o.spin_us.map_or("default".to_string(), |us| format!("{us} µs")))
        },
        if n > 1 { format!("{n} clients at once, ") } else { String::new() },
        l.len(),
        p(0.5),
        p(0.99),
        p(0.999),
        *l.last().unwrap_or(&0) as f64 / 1000.0,
        cpu.as_secs_f64() * 100.0 / wall.as_secs_f64(),
        if take_overs > 0 {
            format!(" (reader take-overs {take_overs})")
        } else {
            String::new()
        }
    );
}

/// The floor: a hand-made client on one thread that reads the socket and
/// decodes the frames itself (no reader thread, no channel, no wrapper), for
/// comparison with the full client on the same gateway.
fn floor_client(addr: &str) -> Vec<u32> {
    use std::io::{Read, Write};
    use std::net::TcpStream;
    use tws_api::messages::connection::StartApi;
    use tws_api::messages::ids::incoming;
    use tws_api::messages::market_data::{ReqMktData, TickPrice, TickSize, TickString};
    use tws_api::messages::{decode_body, encode_frame};
    use tws_api::wire::frame::Frames;
    use tws_api::wire::handshake::{client_hello, decode_server_answer};
    use tws_api::wire::MessageHeader;

    let mut s = TcpStream::connect(addr).expect("connects");
    s.set_nodelay(true).expect("nodelay");
    s.write_all(&client_hello("")).expect("hello");
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 16);
    let mut chunk = vec![0u8; 1 << 16];
    let mut sv = 0;
    while sv == 0 {
        let n = s.read(&mut chunk).expect("handshake");
        assert!(n > 0, "gateway closed during the handshake");
        buf.extend_from_slice(&chunk[..n]);
        let mut frames = Frames::new(&buf);
        if let Some(payload) = frames.next() {
            sv = decode_server_answer(payload).expect("server answer").0;
            let used = frames.consumed();
            buf.drain(..used);
        }
    }
    let mut out = Vec::new();
    let start = StartApi {
        client_id: 0,
        optional_capabilities: String::new(),
    };
    encode_frame(&start, sv, &mut out).expect("startApi");
    let req = ReqMktData {
        req_id: 1,
        contract: aapl(),
        ..ReqMktData::default()
    };
    encode_frame(&req, sv, &mut out).expect("reqMktData");
    s.write_all(&out).expect("requests");
    let mut l = Vec::with_capacity(4_000_000);
    loop {
        let n = s.read(&mut chunk).expect("read");
        if n == 0 {
            return l;
        }
        buf.extend_from_slice(&chunk[..n]);
        let mut frames = Frames::new(&buf);
        for payload in frames.by_ref() {
            let Ok(h) = MessageHeader::parse(sv, payload) else {
                continue;
            };
            let body = &payload[h.body_start..];
            let sent = match h.id {
                incoming::TICK_PRICE => decode_body::<TickPrice>(sv, body)
                    .ok()
                    .and_then(|t| i64::try_from(t.size.mantissa()).ok()),
                incoming::TICK_SIZE => decode_body::<TickSize>(sv, body)
                    .ok()
                    .and_then(|t| i64::try_from(t.size.mantissa()).ok()),
                incoming::TICK_STRING => decode_body::<TickString>(sv, body)
                    .ok()
                    .and_then(|t| t.value.parse().ok()),
                incoming::TICK_SNAPSHOT_END => return l,
                _ => None,
            };
            if let Some(sent) = sent {
                l.push((now_nanos() - sent).clamp(0, u32::MAX as i64) as u32);
            }
        }
        let used = frames.consumed();
        buf.drain(..used);
    }
}

fn clients(o: &Opts) {
    let per = (o.ticks / o.clients as u64).max(1000);
    let (mut gw, addr) = spawn_gateway(per, None, o.server_version);
    let start = Instant::now();
    let handles: Vec<_> = (0..o.clients)
        .map(|id| {
            let addr = addr.clone();
            {
                let spin = o.spin_us;
                thread::spawn(move || one_client(&addr, id as i32, false, spin))
            }
        })
        .collect();
    let mut total = 0;
    for h in handles {
        let c = h.join().expect("client thread");
        assert_eq!(c.prices, per);
        total += c.prices;
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} clients at once: {} ticks each, {} in all in {:.3} s = {:.2} M ticks/s aggregate (connect included)",
        o.clients,
        per,
        total,
        secs,
        total as f64 / secs / 1e6
    );
    let _ = gw.kill();
    let _ = gw.wait();
}

fn memory(o: &Opts) {
    let (mut gw, addr) = spawn_gateway(1_000_000, None, o.server_version);
    let (host, port) = addr.rsplit_once(':').expect("HOST:PORT");
    let before = rss_kib("VmRSS:");
    let client = EClient::new();
    client
        .connect(host, port.parse().expect("port"), 99)
        .expect("connects");
    thread::sleep(Duration::from_millis(300));
    println!(
        "resident memory: before connecting {} KiB, connected and idle {} KiB",
        before,
        rss_kib("VmRSS:")
    );
    client.disconnect();
    let _ = gw.kill();
    let _ = gw.wait();
    for ticks in [1_000_000u64, 10_000_000] {
        let (mut gw, addr) = spawn_gateway(ticks, None, o.server_version);
        let c = one_client_q(&addr, 0, false, o.spin_us, o.queue_kib);
        assert_eq!(c.prices, ticks);
        println!(
            "after streaming {:>9} ticks: peak RSS {} KiB, current {} KiB",
            ticks,
            rss_kib("VmHWM:"),
            rss_kib("VmRSS:")
        );
        let _ = gw.kill();
        let _ = gw.wait();
    }
}

/// CPU of a connected client that receives nothing, over `seconds`.
///
/// It first receives one light stream (one tick) after `run()` has started,
/// so that with direct reads `run()` holds the socket while idle, as a
/// client that has received anything since it started does.
fn idle(o: &Opts) {
    let (mut gw, addr) = spawn_gateway(1, None, o.server_version);
    let (host, port) = addr.rsplit_once(':').expect("HOST:PORT");
    let client = EClient::new();
    client.set_direct_read(o.direct_read);
    client
        .connect(host, port.parse().expect("port"), 5)
        .expect("connects");
    let runner = client.clone();
    let looping = thread::spawn(move || {
        struct Quiet;
        impl EWrapper for Quiet {}
        runner.run(&mut Quiet)
    });
    thread::sleep(Duration::from_millis(100));
    client
        .req_mkt_data(1, &aapl(), "", false, false, &[])
        .expect("sent");
    thread::sleep(Duration::from_millis(200));
    let (cpu0, wall0) = (cpu_time(), Instant::now());
    thread::sleep(Duration::from_secs(o.seconds));
    let (cpu, wall) = (cpu_time() - cpu0, wall0.elapsed());
    println!(
        "idle connected client over {:.1} s: CPU {:.3} % of a core ({} ms; direct reads so far {})",
        wall.as_secs_f64(),
        cpu.as_secs_f64() * 100.0 / wall.as_secs_f64(),
        cpu.as_millis(),
        client.metrics().direct_reads
    );
    client.disconnect();
    let _ = looping.join();
    let _ = gw.kill();
    let _ = gw.wait();
}

/// The EReader's promise: a callback sleeps 2 s on the tick of a light
/// request while the gateway (in this process) writes a burst; prints how
/// long the gateway's write of the burst took from the request. With a
/// socket that nobody reads meanwhile, the write waits for the callback.
/// The client reads up to its queue limit (`--queue-kib`, default 4 MiB);
/// beyond that the kernels' socket buffers decide, whose sizes vary from
/// run to run.
fn promise(o: &Opts) {
    use std::sync::Arc;
    const SLEEP: Duration = Duration::from_secs(2);
    let ticks = if o.ticks_given { o.ticks } else { 300_000 };
    let gw = Arc::new(
        BurstGateway::start(BurstConfig {
            server_version: o.server_version,
            ticks,
            // Two light requests warm up; the third's tick sleeps.
            lead_ticks: vec![1, 1, 1],
            ..BurstConfig::default()
        })
        .expect("burst gateway starts"),
    );
    struct Sleeper {
        client: EClient,
        slept: Arc<AtomicBool>,
        ends: Arc<std::sync::atomic::AtomicU64>,
    }
    impl EWrapper for Sleeper {
        fn tick_price(&mut self, req_id: i32, _t: TickType, _p: f64, _a: TickAttrib) {
            if req_id == 3 && !self.slept.swap(true, Ordering::SeqCst) {
                thread::sleep(SLEEP);
            }
        }
        fn tick_snapshot_end(&mut self, req_id: i32) {
            self.ends.fetch_add(1, Ordering::SeqCst);
            if req_id == 4 {
                self.client.disconnect();
            }
        }
    }
    let client = EClient::new();
    client.set_direct_read(DIRECT_READ.load(Ordering::Relaxed));
    if let Some(kib) = o.queue_kib {
        client.set_queue_limit(kib as usize * 1024);
    }
    client.connect("127.0.0.1", gw.port(), 7).expect("connects");
    let slept = Arc::new(AtomicBool::new(false));
    let ends = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let mut w = Sleeper {
        client: client.clone(),
        slept: Arc::clone(&slept),
        ends: Arc::clone(&ends),
    };
    let runner = {
        let client = client.clone();
        thread::spawn(move || client.run(&mut w))
    };
    let until = |f: &dyn Fn() -> bool| {
        while !f() {
            thread::sleep(Duration::from_micros(100));
        }
    };
    for id in 1..=2 {
        client
            .req_mkt_data(id, &aapl(), "", false, false, &[])
            .expect("sent");
        until(&|| ends.load(Ordering::SeqCst) == id as u64);
    }
    client
        .req_mkt_data(3, &aapl(), "", false, false, &[])
        .expect("sent");
    until(&|| slept.load(Ordering::SeqCst));
    let start = Instant::now();
    client
        .req_mkt_data(4, &aapl(), "", false, false, &[])
        .expect("sent");
    until(&|| gw.streams_written() >= 4);
    let held = start.elapsed();
    runner.join().expect("run");
    let m = client.metrics();
    println!(
        "promise: a callback sleeps {} s while the gateway writes {} ticks ({:.1} MB, queue limit {} KiB): the write took {:.3} s (direct reads {}, reader take-overs {})",
        SLEEP.as_secs(),
        ticks,
        m.bytes_in as f64 / 1e6,
        m.queue_limit / 1024,
        held.as_secs_f64(),
        if DIRECT_READ.load(Ordering::Relaxed) { "on" } else { "off" },
        m.take_overs,
    );
}

/// Recovery after a stall: on a paced feed, a callback busy-waits
/// `--stall-ms` every 500 ms (longer than the reader's look interval, the
/// reader takes the socket over). Prints the worst latency of the ticks
/// sent in windows after each stall's end: how fast the client is back to
/// normal, and the hand-over back to `run()` with it.
fn stall(o: &Opts) {
    struct Staller {
        client: EClient,
        stall: Duration,
        next: Instant,
        ends: Vec<i64>,
        samples: Vec<(i64, i64)>,
    }
    impl Staller {
        fn sample(&mut self, sent: i64) {
            self.samples.push((sent, now_nanos()));
        }
    }
    impl EWrapper for Staller {
        fn tick_price(&mut self, _r: i32, _t: TickType, _p: f64, _a: TickAttrib) {
            if Instant::now() >= self.next {
                let end = Instant::now() + self.stall;
                while Instant::now() < end {
                    std::hint::spin_loop();
                }
                self.ends.push(now_nanos());
                self.next += Duration::from_millis(500);
            }
        }
        fn tick_size(&mut self, _r: i32, _t: TickType, size: Decimal) {
            self.sample(i64::try_from(size.mantissa()).unwrap_or(0));
        }
        fn tick_string(&mut self, _r: i32, _t: TickType, value: &str) {
            self.sample(value.parse().unwrap_or(0));
        }
        fn tick_snapshot_end(&mut self, _r: i32) {
            self.client.disconnect();
        }
    }
    let mut extra = Vec::new();
    if o.batch_ms > 0 {
        extra.extend(["--batch-ms".to_string(), o.batch_ms.to_string()]);
    }
    if o.mixed {
        extra.push("--mixed".to_string());
    }
    let (mut gw, addr) =
        spawn_gateway_with(o.rate * o.seconds, Some(o.rate), o.server_version, &extra);
    let (host, port) = addr.rsplit_once(':').expect("HOST:PORT");
    let client = EClient::new();
    client.set_direct_read(DIRECT_READ.load(Ordering::Relaxed));
    client
        .connect(host, port.parse().expect("port"), 11)
        .expect("connects");
    client
        .req_mkt_data(1, &aapl(), "", false, false, &[])
        .expect("sent");
    let mut w = Staller {
        client: client.clone(),
        stall: Duration::from_millis(o.stall_ms),
        next: Instant::now() + Duration::from_millis(700),
        ends: Vec::new(),
        samples: Vec::with_capacity((o.rate * o.seconds) as usize / 5),
    };
    client.run(&mut w);
    let _ = gw.kill();
    let _ = gw.wait();
    let windows: [(i64, i64); 4] = [(1, 5), (5, 20), (20, 100), (100, 400)];
    let worst: Vec<f64> = windows
        .iter()
        .map(|&(a, b)| {
            w.ends
                .iter()
                .flat_map(|&e| {
                    let (a, b) = (e + a * 1_000_000, e + b * 1_000_000);
                    w.samples
                        .iter()
                        .filter(move |s| s.0 >= a && s.0 < b)
                        .map(|s| s.1 - s.0)
                })
                .max()
                .unwrap_or(0) as f64
                / 1e3
        })
        .collect();
    let m = client.metrics();
    println!(
        "stall {} ms every 500 ms at {} ticks/s ({} stalls): worst latency of the ticks sent 1-5 ms after a stall's end {:.0} µs, 5-20 ms {:.0} µs, 20-100 ms {:.0} µs, 100-400 ms {:.0} µs (reader take-overs {}, direct reads {})",
        o.stall_ms,
        o.rate,
        w.ends.len(),
        worst[0],
        worst[1],
        worst[2],
        worst[3],
        m.take_overs,
        m.direct_reads
    );
}

fn main() {
    let o = parse();
    DIRECT_READ.store(o.direct_read, Ordering::Relaxed);
    match o.mode.as_str() {
        "serve" | "serve-rate" => {
            let rate = (o.mode == "serve-rate").then_some(o.rate);
            let gw = BurstGateway::start(BurstConfig {
                server_version: o.server_version,
                ticks: o.ticks,
                rate,
                batch: (o.batch_ms > 0).then(|| Duration::from_millis(o.batch_ms)),
                mixed: o.mixed,
                bars: if o.bulk_given { o.bars } else { 0 },
                details: if o.bulk_given { o.details } else { 0 },
                orders: if o.bulk_given { o.orders } else { 0 },
                ..BurstConfig::default()
            })
            .expect("burst gateway starts");
            println!("listening on {}", gw.addr());
            loop {
                thread::park();
            }
        }
        "throughput" => throughput(&o),
        "vs-ibapi" => vs_ibapi(&o),
        "bulk" => bulk(&o),
        "latency" | "floor" => latency(&o),
        "clients" => clients(&o),
        "idle" => idle(&o),
        "promise" => promise(&o),
        "stall" => stall(&o),
        "memory" => memory(&o),
        "all" => {
            println!(
                "tws-api end-to-end benchmark (server version {})",
                o.server_version
            );
            throughput(&o);
            latency(&o);
            clients(&o);
            memory(&o);
        }
        other => panic!("unknown mode {other}"),
    }
}
