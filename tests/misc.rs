//! The remaining connection requests against the simulated gateway: the
//! time in milliseconds, user info, and the verify requests.

mod common;

use common::{connected_calls, init_logs};
use tws_api::sim::{SimConfig, SimGateway};

#[test]
fn current_time_in_millis_and_user_info() {
    init_logs();
    let gw = SimGateway::start(SimConfig {
        white_branding_id: "wb-1".into(),
        ..SimConfig::default()
    })
    .unwrap();
    let (client, log, h) = connected_calls(&gw, 1);
    let before = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    client.req_current_time_in_millis().unwrap();
    client.req_user_info(9).unwrap();
    assert!(log.wait_for("user_info", 9));
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "current_time_in_millis")));
    let ms = log.named("current_time_in_millis")[0]
        .arg(0)
        .as_i64()
        .unwrap();
    assert!(ms >= before && ms < before + 60_000, "{ms} vs {before}");
    assert_eq!(log.named("user_info")[0].arg(1), "wb-1");
    client.disconnect();
    h.join().unwrap();
}

#[test]
fn current_time_in_millis_needs_server_version_197() {
    init_logs();
    let gw = SimGateway::start(SimConfig {
        server_version: 187,
        ..SimConfig::default()
    })
    .unwrap();
    let (client, log, h) = connected_calls(&gw, 1);
    let err = client.req_current_time_in_millis().unwrap_err();
    assert_eq!(err.code(), 503);
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "error" && c.arg(2) == 503)));
    let e = log
        .named("error")
        .into_iter()
        .find(|c| c.arg(2) == 503)
        .unwrap();
    assert_eq!(
        e.arg(3),
        "The TWS is out of date and must be upgraded. It does not support current time in millis requests."
    );
    client.disconnect();
    h.join().unwrap();
}

#[test]
fn verify_requests_are_refused_and_messages_answered() {
    init_logs();
    let gw = SimGateway::start(SimConfig::default()).unwrap();
    let (client, log, h) = connected_calls(&gw, 1);
    assert_eq!(client.verify_request("app", "1").unwrap_err().code(), 508);
    assert_eq!(
        client
            .verify_and_auth_request("app", "1", "key")
            .unwrap_err()
            .code(),
        508
    );
    assert!(log.wait_until(|c| c
        .iter()
        .filter(|c| c.name == "error" && c.arg(2) == 508)
        .count()
        == 2));
    let refusal = log
        .named("error")
        .into_iter()
        .find(|c| c.arg(2) == 508)
        .unwrap();
    assert_eq!(refusal.arg(0), -1);
    assert_eq!(
        refusal.arg(3),
        "Bad message  Intent to authenticate needs to be expressed during initial connect request."
    );
    client.verify_message("data").unwrap();
    client.verify_and_auth_message("data", "response").unwrap();
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "verify_and_auth_completed")));
    let v = &log.named("verify_completed")[0];
    assert_eq!(v.arg(0), false);
    assert!(!v.arg(1).as_str().unwrap().is_empty());
    assert_eq!(log.named("verify_and_auth_completed")[0].arg(0), false);
    client.disconnect();
    h.join().unwrap();
}
