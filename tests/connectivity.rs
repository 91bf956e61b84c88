//! TWS losing and regaining its connection to IB while the API socket stays
//! open (the sim's `Fault::ConnectivityLost` / `ConnectivityRestored`):
//! `IBClient::connectivity` and `IBClient::farms` follow 1100/1101/1102 and
//! the farm notices, and a blocking helper that waits through the loss is
//! answered when connectivity returns rather than failed.

use std::time::{Duration, Instant};

use tws_api::errors::{Connectivity, FarmState};
use tws_api::sim::{Fault, SimConfig, SimGateway};
use tws_api::IBClient;

mod common;

const WAIT: Duration = Duration::from_secs(20);

/// Polls `cond` until it holds; panics after [`WAIT`] (a hang guard, not a
/// timing assertion).
fn until(what: &str, cond: impl Fn() -> bool) {
    let deadline = Instant::now() + WAIT;
    while !cond() {
        assert!(Instant::now() < deadline, "never saw: {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn connected(gw: &SimGateway) -> IBClient {
    let client = IBClient::new();
    client.connect("127.0.0.1", gw.port(), 7).unwrap();
    client.start();
    assert!(client.wait_for_connection(WAIT));
    client
}

fn farm(client: &IBClient, name: &str) -> Option<FarmState> {
    client
        .farms()
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, s)| s)
}

#[test]
fn farm_notices_at_connect_are_tracked() {
    let gw = SimGateway::start(SimConfig::default()).unwrap();
    let client = connected(&gw);
    until("the three farms OK", || client.farms().len() == 3);
    assert_eq!(farm(&client, "usfarm"), Some(FarmState::Ok));
    assert_eq!(farm(&client, "ushmds"), Some(FarmState::Ok));
    assert_eq!(farm(&client, "secdefnj"), Some(FarmState::Ok));
    assert_eq!(client.connectivity(), Connectivity::Connected);
    client.disconnect();
    gw.shutdown();
}

#[test]
fn requests_wait_through_a_connectivity_loss() {
    let gw = SimGateway::start(SimConfig::default()).unwrap();
    let client = connected(&gw);
    until("the farms", || client.farms().len() == 3);
    assert_eq!(gw.inject(Fault::ConnectivityLost), 1);
    until("1100", || client.connectivity() == Connectivity::Lost);
    // 2103 and 2105 come one after the other: wait for both.
    until("usfarm and ushmds broken", || {
        farm(&client, "usfarm") == Some(FarmState::Broken)
            && farm(&client, "ushmds") == Some(FarmState::Broken)
    });
    let sent = client.metrics().frames_out;
    std::thread::scope(|s| {
        let waiting = s.spawn(|| client.current_time(WAIT));
        // The request is on the wire before connectivity returns: the sim
        // holds it unread, and 1100 does not fail it.
        until("the request sent", || client.metrics().frames_out > sent);
        assert_eq!(client.connectivity(), Connectivity::Lost);
        assert_eq!(
            gw.inject(Fault::ConnectivityRestored { data_kept: true }),
            1
        );
        let time = waiting.join().unwrap();
        assert!(time.is_ok(), "{time:?}");
    });
    until("1102", || {
        client.connectivity() == Connectivity::RestoredDataKept
    });
    until("usfarm OK", || {
        farm(&client, "usfarm") == Some(FarmState::Ok)
    });
    assert_eq!(gw.inject(Fault::ConnectivityLost), 1);
    until("1100 again", || client.connectivity() == Connectivity::Lost);
    assert_eq!(
        gw.inject(Fault::ConnectivityRestored { data_kept: false }),
        1
    );
    until("1101", || {
        client.connectivity() == Connectivity::RestoredDataLost
    });
    client.disconnect();
    gw.shutdown();
}

/// 1101 (restored, data lost): TWS has dropped the market and account data
/// subscriptions. With resubscription on, `IBClient` sends them again with
/// their ids and says so (`resubscribed`); the ticks come back. Without it,
/// they stay gone (the sim drops them as TWS does).
#[test]
fn market_data_is_resubscribed_after_1101() {
    for resubscribe in [true, false] {
        let gw = SimGateway::start(SimConfig {
            tick_interval: Duration::from_millis(5),
            ..SimConfig::default()
        })
        .unwrap();
        let (rec, log) = common::CallRecorder::new();
        let client = IBClient::with_wrapper(rec);
        client.set_resubscribe(resubscribe);
        client.connect("127.0.0.1", gw.port(), 7).unwrap();
        client.start();
        assert!(client.wait_for_connection(WAIT));
        client
            .req_mkt_data(3, &common::stock("AAPL"), "", false, false, &[])
            .unwrap();
        client
            .req_account_summary(4, "All", "NetLiquidation")
            .unwrap();
        let ticks = || log.named("tick_price").len();
        until("ticks", || ticks() > 0);
        assert_eq!(gw.inject(Fault::ConnectivityLost), 1);
        until("1100", || client.connectivity() == Connectivity::Lost);
        assert_eq!(
            gw.inject(Fault::ConnectivityRestored { data_kept: false }),
            1
        );
        until("1101", || {
            client.connectivity() == Connectivity::RestoredDataLost
        });
        if resubscribe {
            until("resubscribed", || !log.named("resubscribed").is_empty());
            // The ticker and the account summary.
            assert_eq!(log.named("resubscribed")[0].arg(0), 2);
            let before = ticks();
            until("ticks again", || ticks() > before);
        } else {
            // Nothing is resent: the ticks are gone. The sim drops them
            // before it writes 1101, so no tick follows it; the answer to a
            // later request shows that none came.
            let before = ticks();
            client.req_current_time().unwrap();
            until("currentTime", || !log.named("current_time").is_empty());
            assert_eq!(ticks(), before);
            assert!(log.named("resubscribed").is_empty());
        }
        client.disconnect();
        gw.shutdown();
    }
}

/// The `tws-sim` program plays the same events from its standard input.
#[test]
fn tws_sim_plays_connectivity_events_from_its_standard_input() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command, Stdio};
    let mut sim = Command::new(env!("CARGO_BIN_EXE_tws-sim"))
        .args(["--port", "0"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("tws-sim starts");
    let mut out = BufReader::new(sim.stdout.take().expect("stdout"));
    let mut line = String::new();
    out.read_line(&mut line).expect("its address");
    let port: u16 = line
        .trim()
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .expect("listening on HOST:PORT");
    let client = IBClient::new();
    client.connect("127.0.0.1", port, 7).unwrap();
    client.start();
    assert!(client.wait_for_connection(WAIT));
    let mut stdin = sim.stdin.take().expect("stdin");
    for (event, now) in [
        ("lose", Connectivity::Lost),
        ("restore", Connectivity::RestoredDataKept),
    ] {
        writeln!(stdin, "{event}").unwrap();
        line.clear();
        out.read_line(&mut line).unwrap();
        assert_eq!(line.trim(), "ok 1", "{event}");
        until(event, || client.connectivity() == now);
    }
    client.disconnect();
    let _ = sim.kill();
    let _ = sim.wait();
}
