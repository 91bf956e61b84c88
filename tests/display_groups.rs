//! Display groups against the simulated gateway.

mod common;

use common::{connected_calls, init_logs};
use tws_api::sim::{SimConfig, SimGateway};

#[test]
fn list_subscribe_update_unsubscribe() {
    init_logs();
    let gw = SimGateway::start(SimConfig::default()).unwrap();
    let (client, log, h) = connected_calls(&gw, 1);
    client.query_display_groups(1).unwrap();
    assert!(log.wait_for("display_group_list", 1));
    assert_eq!(log.named("display_group_list")[0].arg(1), "1|2|3|4|5|6|7");

    client.subscribe_to_group_events(2, 4).unwrap();
    client.subscribe_to_group_events(3, 4).unwrap();
    client.subscribe_to_group_events(5, 1).unwrap();
    assert!(log.wait_for("display_group_updated", 5));
    let first: Vec<_> = log.named("display_group_updated");
    assert_eq!(first.len(), 3);
    assert!(first.iter().all(|c| c.arg(1) == "none"));

    client.update_display_group(2, "8314@SMART").unwrap();
    assert!(log.wait_until(|c| c
        .iter()
        .filter(|c| c.name == "display_group_updated")
        .count()
        == 5));
    let updates = &log.named("display_group_updated")[3..];
    let mut ids: Vec<i64> = updates.iter().map(|c| c.arg(0).as_i64().unwrap()).collect();
    ids.sort();
    assert_eq!(ids, [2, 3], "both subscribers of group 4, not group 1's");
    assert!(updates.iter().all(|c| c.arg(1) == "8314@SMART"));

    client.unsubscribe_from_group_events(3).unwrap();
    client.update_display_group(2, "265598@SMART").unwrap();
    assert!(log.wait_until(|c| c
        .iter()
        .filter(|c| c.name == "display_group_updated")
        .count()
        == 6));
    let last = log.named("display_group_updated").pop().unwrap();
    assert_eq!(last.arg(0), 2);
    assert_eq!(last.arg(1), "265598@SMART");
    // A later subscriber of the group sees its current contract.
    client.subscribe_to_group_events(6, 4).unwrap();
    assert!(log.wait_for("display_group_updated", 6));
    assert_eq!(
        log.named("display_group_updated").pop().unwrap().arg(1),
        "265598@SMART"
    );
    client.disconnect();
    h.join().unwrap();
}
