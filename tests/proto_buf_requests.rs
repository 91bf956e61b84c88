//! The `…ProtoBuf` request variants of 10.51.1: a request given as its
//! protobuf message goes out as those bytes under its own message id — the
//! same frame the typed method sends for the same request — is tracked and
//! answered; below the version from which the request travels as protobuf
//! it is refused with 503 and nothing is sent.

mod common;

use common::call_log::connected_calls;
use tws_api::messages::historical::ReqHeadTimeStamp;
use tws_api::messages::ids::outgoing;
use tws_api::messages::market_data::ReqMktData;
use tws_api::messages::ProtoForm;
use tws_api::sim::{SimConfig, SimGateway};
use tws_api::{proto, Contract};

fn gateway(server_version: i32) -> SimGateway {
    SimGateway::start(SimConfig {
        server_version,
        record_requests: true,
        ..SimConfig::default()
    })
    .expect("sim starts")
}

/// The bodies the sim recorded for message `id`, in order.
fn bodies(gw: &SimGateway, id: u32) -> Vec<(bool, Vec<u8>)> {
    gw.recorded_requests()
        .into_iter()
        .filter(|r| r.msg_id == id)
        .map(|r| (r.protobuf, r.body))
        .collect()
}

#[test]
fn a_request_given_as_protobuf_is_the_typed_requests_frame_and_is_answered() {
    let gw = gateway(tws_api::server_versions::MAX_CLIENT_VER);
    let (client, log, _h) = connected_calls(&gw, 1);
    let aapl = Contract::stock("AAPL", "SMART", "USD");

    client.req_contract_details(11, &aapl).unwrap();
    let typed = tws_api::messages::contracts::ReqContractDetails {
        req_id: 12,
        contract: aapl.clone(),
    };
    client
        .req_contract_data_proto_buf(&typed.to_proto(0))
        .unwrap();
    assert!(log.wait_for("contract_details_end", 11));
    assert!(log.wait_for("contract_details_end", 12));

    client
        .req_account_summary(21, "All", "NetLiquidation")
        .unwrap();
    client
        .req_account_summary_proto_buf(&proto::AccountSummaryRequest {
            req_id: Some(22),
            group: Some("All".into()),
            tags: Some("NetLiquidation".into()),
        })
        .unwrap();
    assert!(log.wait_for("account_summary_end", 21));
    assert!(log.wait_for("account_summary_end", 22));

    let m = ReqMktData {
        req_id: 31,
        contract: aapl,
        snapshot: true,
        ..ReqMktData::default()
    };
    client
        .req_mkt_data(31, &m.contract, "", true, false, &[])
        .unwrap();
    client
        .req_market_data_proto_buf(&ReqMktData { req_id: 32, ..m }.to_proto(0))
        .unwrap();
    assert!(log.wait_for("tick_snapshot_end", 31));
    assert!(log.wait_for("tick_snapshot_end", 32));

    let h = ReqHeadTimeStamp {
        req_id: 41,
        contract: Contract::stock("AAPL", "SMART", "USD"),
        what_to_show: "TRADES".into(),
        use_rth: 1,
        format_date: 1,
    };
    client
        .req_head_time_stamp(41, &h.contract, "TRADES", 1, 1)
        .unwrap();
    client
        .req_head_timestamp_proto_buf(&ReqHeadTimeStamp { req_id: 42, ..h }.to_proto(0))
        .unwrap();
    assert!(log.wait_for("head_timestamp", 41));
    assert!(log.wait_for("head_timestamp", 42));

    // The two forms of each request: the same bytes after the request id
    // (field 1, first, one byte of key and one of value here).
    for id in [
        outgoing::REQ_CONTRACT_DATA,
        outgoing::REQ_ACCOUNT_SUMMARY,
        outgoing::REQ_MKT_DATA,
        outgoing::REQ_HEAD_TIMESTAMP,
    ] {
        let got = bodies(&gw, id);
        assert_eq!(got.len(), 2, "{id}: {got:?}");
        assert!(got.iter().all(|(protobuf, _)| *protobuf), "{id}");
        assert_eq!(got[0].1[0], 0x08, "{id}: the request id first");
        assert_eq!(got[0].1[2..], got[1].1[2..], "message {id}");
    }
}

#[test]
fn below_its_protobuf_version_a_request_given_as_protobuf_is_refused() {
    let gw = gateway(205);
    let (client, log, _h) = connected_calls(&gw, 1);
    let err = client
        .req_market_data_proto_buf(&proto::MarketDataRequest {
            req_id: Some(41),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(err.code(), 503, "{err}");
    assert!(log.wait_for("error", 41));
    // Nothing went out; a later request does.
    client.req_current_time().unwrap();
    assert!(log.wait_until(|c| c.iter().any(|c| c.name == "current_time")));
    assert!(bodies(&gw, outgoing::REQ_MKT_DATA).is_empty());
}
