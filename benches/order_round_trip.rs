//! A market order's round trip through the simulated gateway: from
//! `place_order` to the `orderStatus` that says Filled, 10,000 times in a
//! row on one connection; p50, p99, p99.9 and max. The sim fills a
//! marketable order as soon as it reads it, so this is the protocol both ways
//! (encode, socket, the sim's decode and its paper broker, the statuses,
//! openOrder, execDetails and commission report, our decode and dispatch).
//!
//! ```text
//! cargo bench --bench order_round_trip [-- ORDERS]
//! ```

use std::sync::mpsc;
use std::time::{Duration, Instant};

use tws_api::sim::{SimConfig, SimGateway};
use tws_api::{Contract, Decimal, EClient, EWrapper, Order};

struct Fills(mpsc::Sender<i32>);

impl EWrapper for Fills {
    #[allow(clippy::too_many_arguments)]
    fn order_status(
        &mut self,
        order_id: i32,
        status: &str,
        _: Decimal,
        _: Decimal,
        _: f64,
        _: i64,
        _: i32,
        _: f64,
        _: i32,
        _: &str,
        _: f64,
    ) {
        if status == "Filled" {
            let _ = self.0.send(order_id);
        }
    }
}

fn main() {
    let orders: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    let gw = SimGateway::start(SimConfig {
        order_id_block: 1_000_000,
        farm_notices: false,
        ..SimConfig::default()
    })
    .expect("sim starts");
    let client = EClient::new();
    client.connect("127.0.0.1", gw.port(), 0).expect("connects");
    let (tx, rx) = mpsc::channel();
    let runner = client.clone();
    let loop_thread = std::thread::spawn(move || runner.run(&mut Fills(tx)));
    // managedAccounts must have arrived for the live-order guard.
    std::thread::sleep(Duration::from_millis(200));
    let aapl = Contract {
        con_id: 265598,
        ..Contract::stock("AAPL", "SMART", "USD")
    };
    let mut times = Vec::with_capacity(orders);
    for i in 0..orders {
        let id = 1 + i as i32;
        let side = if i % 2 == 0 { "BUY" } else { "SELL" };
        let order = Order::market(side, Decimal::from(100));
        let start = Instant::now();
        client.place_order(id, &aapl, &order).expect("placed");
        loop {
            match rx.recv_timeout(Duration::from_secs(10)) {
                Ok(done) if done == id => break,
                Ok(_) => continue,
                Err(e) => panic!("order {id} not filled: {e}"),
            }
        }
        times.push(start.elapsed());
    }
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    println!(
        "order round trip, {orders} market orders: p50 {:?}, p99 {:?}, p99.9 {:?}, max {:?}",
        at(0.50),
        at(0.99),
        at(0.999),
        times[times.len() - 1]
    );
    client.disconnect();
    let _ = loop_thread.join();
}
