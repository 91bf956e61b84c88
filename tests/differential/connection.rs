//! Connection messages: error (fields and protobuf), nextValidId,
//! managedAccounts, currentTime.

use super::{Frames, Rng, VERSIONS};
use tws_api::messages::connection::{CurrentTime, ErrorMessage, ManagedAccounts, NextValidId};
use tws_api::messages::ids::incoming;
use tws_api::proto;

pub fn frames(f: &mut Frames) {
    let mut r = Rng::new(1);
    for sv in VERSIONS {
        for i in 0..12 {
            let e = ErrorMessage {
                req_id: r.pick(&[-1, 0, 7, 1001]),
                error_code: r.pick(&[200, 162, 2104, 10167, 399, 504]),
                error_string: r.text(),
                advanced_order_reject_json: if i % 3 == 0 {
                    "{\"rejectCode\":\"x\"}".into()
                } else {
                    String::new()
                },
                error_time: r.long().clamp(0, 4_000_000_000_000),
            };
            f.add(sv, &e);
            if sv >= 201 {
                f.add_proto(sv, incoming::ERR_MSG, &e.to_proto());
            }
        }
        // A protobuf error with fields left out.
        if sv >= 201 {
            f.add_proto(
                sv,
                incoming::ERR_MSG,
                &proto::ErrorMessage {
                    id: Some(3),
                    error_code: Some(200),
                    ..Default::default()
                },
            );
        }
        for _ in 0..4 {
            f.add(sv, &NextValidId { order_id: r.int() });
            f.add(
                sv,
                &ManagedAccounts {
                    accounts_list: r.pick(&["DU1234567", "DU1,DU2,", "", "U1 U2"]).into(),
                },
            );
            f.add(sv, &CurrentTime { time: r.long() });
        }
    }
}
