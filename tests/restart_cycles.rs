//! 100 consecutive kill/restart cycles of the simulated gateway under the
//! supervisor. Alone in its test binary so that counting this process's
//! threads and file descriptors counts only what this test made.

mod common;

use std::time::Duration;

use common::supervised::{fast_policy, sim_config, sv_events, Supervised};
use common::{init_logs, Ev};
use tws_api::sim::SimGateway;
use tws_api::IBClient;

#[test]
fn gateway_restarts_100_times_without_leaks_or_lost_callbacks() {
    init_logs();
    let gw = SimGateway::start(sim_config()).unwrap();
    let port = gw.port();
    let (w, log) = Supervised::new();
    let ib = IBClient::with_wrapper(w);
    ib.set_reconnect(Some(fast_policy()));
    ib.connect("127.0.0.1", port, 1).unwrap();
    ib.start();
    assert!(ib.wait_for_connection(Duration::from_secs(20)));
    // Baseline after the first connection is up: this process's threads and fds.
    let threads0 = common::our_threads();
    let fds0 = common::open_fds();
    let mut gw = Some(gw);
    for cycle in 1..=100u32 {
        // Kill: the gateway goes away entirely, every socket closed …
        if let Some(g) = gw.take() {
            g.shutdown();
        }
        // … and restarts on the same port.
        gw = Some(SimGateway::bind(("127.0.0.1", port), sim_config()).expect("rebinds"));
        assert!(
            log.wait_until(|e| e
                .iter()
                .filter(|e| matches!(e, Ev::Error(-8, _, _)))
                .count()
                == cycle as usize),
            "cycle {cycle}: {:?}",
            sv_events(&log).last()
        );
        // A request round trip on the new connection: exactly one answer.
        ib.req_current_time().unwrap();
        assert!(log.wait_until(
            |e| e.iter().filter(|e| matches!(e, Ev::CurrentTime(_))).count() == cycle as usize
        ));
    }
    assert_eq!(ib.reconnects(), 100);
    // One next_valid_id per connection, one connection_closed per lost one.
    let ev = log.snapshot();
    assert_eq!(
        ev.iter()
            .filter(|e| matches!(e, Ev::NextValidId(_)))
            .count(),
        101
    );
    assert_eq!(
        ev.iter().filter(|e| matches!(e, Ev::ConnectAck)).count(),
        101
    );
    let closes = ev.iter().filter(|e| **e == Ev::Closed).count();
    let failed = ev
        .iter()
        .filter(|e| matches!(e, Ev::Error(-1, 502, _)))
        .count();
    assert_eq!(
        closes,
        100 + failed,
        "one close per lost connection and per failed attempt"
    );
    assert_eq!(
        ev.iter()
            .filter(|e| matches!(e, Ev::CurrentTime(_)))
            .count(),
        100
    );
    // No leaked threads or sockets.
    assert_eq!(common::our_threads(), threads0, "threads");
    assert_eq!(common::open_fds(), fds0, "file descriptors");
    ib.disconnect();
}
