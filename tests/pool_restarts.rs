//! 100 kill/restart cycles of the simulated gateway with a full pool (32
//! strategies): every strategy comes back each time, and nothing leaks.
//! Alone in its test binary so that counting this process's threads and
//! file descriptors counts only what this test made.

mod common;

use std::time::{Duration, Instant};

use common::init_logs;
use common::supervised::{fast_policy, sim_config};
use tws_api::client::{ClientPool, PoolConfig, Strategy};
use tws_api::sim::SimGateway;

#[test]
fn a_full_pool_survives_100_gateway_restarts_without_leaks() {
    init_logs();
    let gw = SimGateway::start(sim_config()).unwrap();
    let port = gw.port();
    let pool = ClientPool::new(PoolConfig {
        reconnect: fast_policy(),
        heartbeat: None,
        monitor_interval: Duration::from_millis(20),
        connect_timeout: Duration::from_secs(20),
        ..PoolConfig::new("127.0.0.1", port)
    });
    let strategies: Vec<Strategy> = (0..32)
        .map(|i| pool.acquire(&format!("s{i}")).expect("acquires"))
        .collect();
    let threads0 = common::our_threads();
    let fds0 = common::open_fds();
    let mut gw = Some(gw);
    for cycle in 1..=100u64 {
        if let Some(g) = gw.take() {
            g.shutdown();
        }
        gw = Some(SimGateway::bind(("127.0.0.1", port), sim_config()).expect("rebinds"));
        let deadline = Instant::now() + Duration::from_secs(30);
        while strategies
            .iter()
            .any(|s| s.reconnects() < cycle || !s.is_connected())
        {
            assert!(
                Instant::now() < deadline,
                "cycle {cycle}: {:?}",
                strategies
                    .iter()
                    .map(|s| (s.client_id(), s.reconnects(), s.is_connected()))
                    .collect::<Vec<_>>()
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    assert!(strategies.iter().all(|s| s.reconnects() == 100));
    let health = pool.health();
    assert_eq!(health.connections.len(), 32);
    assert!(health.connections.iter().all(|c| c.connected));
    // No leaked threads or sockets (the pool's monitor, 32 readers and
    // loops, the sim's threads: the same as after the first connection).
    assert_eq!(common::our_threads(), threads0, "threads");
    assert_eq!(common::open_fds(), fds0, "file descriptors");
    drop(strategies);
    assert!(pool.strategies().is_empty());
}
