//! The burst gateway's bulk answers (what `bench_e2e --mode bulk` measures):
//! our client gets every bar, every contract's details and every open order,
//! under its own request ids, and the end markers, as text (203) and as
//! protobuf (222).

mod common;

use common::call_log::connected_calls_at;
use tws_api::sim::burst::{BurstConfig, BurstGateway};
use tws_api::Contract;

#[test]
fn bulk_answers_arrive_whole_under_the_requests_ids() {
    common::init_logs();
    for sv in [203, 222] {
        let gw = BurstGateway::start(BurstConfig {
            server_version: sv,
            bars: 1_000,
            details: 50,
            orders: 30,
            ..BurstConfig::default()
        })
        .unwrap();
        let (client, log, runner) = connected_calls_at(gw.port(), 1);
        let aapl = Contract::stock("AAPL", "SMART", "USD");
        // Two of each: the second with an id of another length.
        for req_id in [7, 1234567] {
            client
                .req_historical_data(
                    req_id,
                    &aapl,
                    "",
                    "1 Y",
                    "1 min",
                    "TRADES",
                    1,
                    2,
                    false,
                    &[],
                )
                .unwrap();
            client.req_contract_details(req_id, &aapl).unwrap();
            assert!(
                log.wait_for("historical_data_end", req_id as i64),
                "sv {sv}"
            );
            assert!(
                log.wait_for("contract_details_end", req_id as i64),
                "sv {sv}"
            );
            let of = |name: &str| {
                log.named(name)
                    .iter()
                    .filter(|c| c.arg(0).as_i64() == Some(req_id as i64))
                    .count()
            };
            assert_eq!(of("historical_data"), 1_000, "sv {sv}");
            assert_eq!(of("contract_details"), 50, "sv {sv}");
        }
        let bars = log.named("historical_data");
        assert_eq!(bars[999].arg(1)["close"].as_f64(), Some(187.3 + 0.99));
        client.req_all_open_orders().unwrap();
        assert!(log.wait_until(|c| c.iter().any(|c| c.name == "open_order_end")));
        let orders = log.named("open_order");
        assert_eq!(orders.len(), 30, "sv {sv}");
        assert_eq!(orders[29].arg(0).as_i64(), Some(30));
        client.disconnect();
        runner.join().unwrap();
    }
}
