//! The client pool (issue 23): 32 strategies on one simulated gateway, each
//! with its own client id, subscriptions and orders; a connection dropped by
//! the gateway reconnects only its strategy; ids come back; alerts.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::supervised::{fast_policy, sim_config};
use common::{init_logs, Ev, Log, Recorder};
use parking_lot::Mutex;
use tws_api::client::{Alert, AlertKind, ClientPool, PoolConfig, Strategy};
use tws_api::sim::SimGateway;
use tws_api::{Contract, Error, IBClient, Order};

fn pool_config(port: u16) -> PoolConfig {
    PoolConfig {
        reconnect: fast_policy(),
        heartbeat: None,
        monitor_interval: Duration::from_millis(20),
        connect_timeout: Duration::from_secs(20),
        ..PoolConfig::new("127.0.0.1", port)
    }
}

fn collect_alerts(pool: &ClientPool) -> Arc<Mutex<Vec<Alert>>> {
    let alerts = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&alerts);
    pool.on_alert(move |a| sink.lock().push(a.clone()));
    alerts
}

/// Waits (up to 20 s) until `f` holds.
fn eventually(mut f: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if f() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    f()
}

fn stock(symbol: &str) -> Contract {
    Contract::stock(symbol, "SMART", "USD")
}

fn ticks(log: &Log) -> usize {
    log.count(|e| matches!(e, Ev::TickPrice(..)))
}

#[test]
fn strategies_get_distinct_ids_and_give_them_back() {
    init_logs();
    let gw = SimGateway::start(sim_config()).unwrap();
    let pool = ClientPool::new(pool_config(gw.port()));
    let alerts = collect_alerts(&pool);
    let strategies: Vec<Strategy> = (0..32)
        .map(|i| pool.acquire(&format!("s{i}")).expect("acquires"))
        .collect();
    let mut ids: Vec<i32> = strategies.iter().map(Strategy::client_id).collect();
    ids.sort_unstable();
    assert_eq!(ids, (0..=31).collect::<Vec<_>>());
    assert_eq!(gw.client_ids(), ids);
    assert!(strategies.iter().all(|s| s.is_connected()));

    // A 33rd: no id left, an error and an alert.
    match pool.acquire("one too many") {
        Err(Error::Refused(c)) => assert_eq!(c.code, 326),
        other => panic!("{other:?}"),
    }
    assert!(alerts
        .lock()
        .iter()
        .any(|a| a.kind == AlertKind::ClientIdsExhausted && a.advice.contains("one too many")));
    // A name is held once.
    assert!(matches!(pool.acquire("s3"), Err(Error::Config(_))));

    // Letting go returns the id.
    let released = strategies
        .iter()
        .position(|s| s.name() == "s7")
        .expect("s7");
    let mut strategies = strategies;
    let s7 = strategies.remove(released);
    let id7 = s7.client_id();
    drop(s7);
    assert!(eventually(|| !gw.client_ids().contains(&id7)));
    let late = pool.acquire("late").expect("acquires");
    assert_eq!(late.client_id(), id7);
    assert_eq!(pool.strategies().len(), 32);
}

#[test]
fn an_id_in_use_outside_the_pool_is_skipped() {
    init_logs();
    let gw = SimGateway::start(sim_config()).unwrap();
    let outsider = IBClient::new();
    outsider.connect("127.0.0.1", gw.port(), 0).unwrap();
    outsider.start();
    assert!(outsider.wait_for_connection(Duration::from_secs(20)));
    let pool = ClientPool::new(pool_config(gw.port()));
    let s = pool.acquire("a").expect("acquires");
    assert_eq!(
        s.client_id(),
        1,
        "0 is taken by a client outside the pool (326)"
    );
    assert!(outsider.is_connected());
    assert_eq!(gw.client_ids(), vec![0, 1]);
}

#[test]
fn a_lost_connection_reconnects_only_its_strategy() {
    init_logs();
    let gw = SimGateway::start(sim_config()).unwrap();
    let pool = ClientPool::new(pool_config(gw.port()));
    let alerts = collect_alerts(&pool);
    let symbols = ["AAPL", "MSFT", "IBM", "SPY"];
    let mut strategies = Vec::new();
    for i in 0..32 {
        let (w, log) = Recorder::new();
        let s = pool
            .acquire_with(&format!("strategy-{i}"), w)
            .expect("acquires");
        s.req_mkt_data(
            1000 + i,
            &stock(symbols[i as usize % 4]),
            "",
            false,
            false,
            &[],
        )
        .unwrap();
        strategies.push((s, log));
    }
    // Every strategy streams, and places an order of its own.
    for (s, log) in &strategies {
        assert!(log.wait_until(|e| e.iter().any(|e| matches!(e, Ev::TickPrice(..)))));
        let id = s.take_order_id().expect("an order id");
        let order = Order {
            action: "BUY".into(),
            order_type: "MKT".into(),
            total_quantity: 1.into(),
            ..Order::default()
        };
        let progress = s
            .place_order_and_wait(
                id,
                &stock("AAPL"),
                &order,
                &["Filled"],
                Duration::from_secs(20),
            )
            .expect("fills");
        assert_eq!(progress.status(), Some("Filled"), "{}", s.name());
    }

    // The gateway drops one client's connection.
    let (victim, victim_log) = &strategies[5];
    let victim_id = victim.client_id();
    let before = ticks(victim_log);
    assert!(gw.drop_client(victim_id));
    assert!(eventually(|| victim.reconnects() == 1));
    // Its subscription was sent again: ticks flow on the new connection.
    let after_reconnect = ticks(victim_log);
    assert!(after_reconnect >= before);
    assert!(victim_log.wait_until(
        |e| e.iter().filter(|e| matches!(e, Ev::TickPrice(..))).count() > after_reconnect
    ));
    // Nobody else noticed.
    for (s, _) in &strategies {
        if s.client_id() != victim_id {
            assert_eq!(s.reconnects(), 0, "{}", s.name());
            assert!(s.is_connected());
        }
    }
    assert!(eventually(|| alerts
        .lock()
        .iter()
        .any(|a| a.kind == AlertKind::ConnectionRestored)));
    let seen: Vec<(AlertKind, i32)> = alerts
        .lock()
        .iter()
        .map(|a| (a.kind, a.client_id))
        .collect();
    assert!(
        seen.contains(&(AlertKind::ConnectionLost, victim_id)),
        "{seen:?}"
    );
    assert!(
        seen.iter().all(|(_, id)| *id == victim_id),
        "alerts only for the dropped client: {seen:?}"
    );

    // One snapshot of everything.
    let health = pool.health();
    assert_eq!(health.connections.len(), 32);
    assert!(health
        .connections
        .iter()
        .all(|c| c.connected && c.uptime.is_some()));
    let v = health
        .connections
        .iter()
        .find(|c| c.client_id == victim_id)
        .expect("victim");
    assert_eq!(v.reconnects, 1);
    assert!(v.metrics.frames_in > 0);
    assert!(eventually(|| pool
        .health()
        .connections
        .iter()
        .all(|c| c.messages_in_per_sec > 0.0)));
    // The same in the Prometheus format, one sample per strategy.
    if let Some(families) = common::python::parse_prometheus(&pool.prometheus()) {
        let samples = families["tws_reconnects"]["samples"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(samples.len(), 32);
        let victim_label = victim_id.to_string();
        for s in samples {
            let want = if s["labels"]["client_id"] == victim_label.as_str() {
                1.0
            } else {
                0.0
            };
            assert_eq!(s["value"].as_f64(), Some(want), "{s}");
        }
    }
}

/// Send → first answer and send → end, per kind of request, in the health
/// snapshot and in the Prometheus text (a summary per measure).
#[test]
fn request_latencies_per_kind_of_request() {
    init_logs();
    let gw = SimGateway::start(sim_config()).unwrap();
    let pool = ClientPool::new(pool_config(gw.port()));
    let (w, log) = Recorder::new();
    let s = pool.acquire_with("lat", w).expect("acquires");
    for _ in 0..3 {
        let details = s
            .contract_details(&stock("AAPL"), Duration::from_secs(20))
            .expect("details");
        assert!(!details.is_empty());
    }
    s.req_mkt_data(7, &stock("MSFT"), "", false, false, &[])
        .unwrap();
    assert!(log.wait_until(|e| e.iter().any(|e| matches!(e, Ev::TickPrice(7, ..)))));
    let lat = s.request_latencies();
    let cd = lat
        .iter()
        .find(|l| l.request == "reqContractDetails")
        .expect("reqContractDetails");
    assert_eq!(cd.first_answer.count, 3);
    assert_eq!(cd.end.map(|e| e.count), Some(3));
    assert!(cd.first_answer.p50 <= cd.end.map(|e| e.p99).unwrap_or_default());
    let md = lat
        .iter()
        .find(|l| l.request == "reqMktData")
        .expect("reqMktData");
    assert_eq!(md.first_answer.count, 1);
    assert_eq!(md.end, None, "a subscription has no end latency");
    assert_eq!(pool.health().connections[0].latencies, lat);

    if let Some(f) = common::python::parse_prometheus(&pool.prometheus()) {
        let first = &f["tws_request_first_answer_seconds"];
        assert_eq!(first["type"], "summary");
        let samples = first["samples"].as_array().cloned().unwrap_or_default();
        let count = samples
            .iter()
            .find(|x| {
                x["name"] == "tws_request_first_answer_seconds_count"
                    && x["labels"]["request"] == "reqContractDetails"
            })
            .expect("a _count sample");
        assert_eq!(count["value"].as_f64(), Some(3.0));
        assert!(samples
            .iter()
            .any(|x| x["labels"]["quantile"] == "0.99" && x["labels"]["request"] == "reqMktData"));
    }
}

/// A data farm reported broken (2103) raises a FarmBroken alert with the
/// strategy's client id.
#[test]
fn a_broken_farm_raises_an_alert() {
    use tws_api::sim::{InjectedWarning, SimConfig, WarnAt, WarnTo};
    init_logs();
    let gw = SimGateway::start(SimConfig {
        inject_warnings: vec![InjectedWarning::new(
            2103,
            "Market data farm connection is broken:usfarm",
            WarnAt::Before,
            WarnTo::All,
        )],
        ..sim_config()
    })
    .unwrap();
    let pool = ClientPool::new(pool_config(gw.port()));
    let alerts = collect_alerts(&pool);
    let (w, log) = Recorder::new();
    let s = pool.acquire_with("farm", w).expect("acquires");
    s.req_mkt_data(3, &stock("AAPL"), "", false, false, &[])
        .unwrap();
    assert!(log.wait_until(|e| e.iter().any(|e| matches!(e, Ev::Error(_, 2103, _)))));
    assert!(eventually(|| alerts
        .lock()
        .iter()
        .any(|a| a.kind == AlertKind::FarmBroken
            && a.client_id == s.client_id()
            && a.advice.contains("usfarm"))));
}
