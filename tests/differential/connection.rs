//! Connection messages: error (fields and protobuf), nextValidId,
//! managedAccounts, currentTime; verifyMessageAPI, verifyAndAuthMessageAPI,
//! verifyCompleted, verifyAndAuthCompleted, userInfo, currentTimeInMillis.
//! (The official decoder hands the verify flag to the callback as the text
//! TWS sends, `"true"`, where this crate's callback takes a `bool`: decode.py
//! compares that one argument as text against our flag.)

use super::{Frames, Rng, VERSIONS};
use tws_api::messages::connection::{
    CurrentTime, CurrentTimeInMillis, ErrorMessage, ManagedAccounts, NextValidId, UserInfo,
    VerifyAndAuthCompleted, VerifyAndAuthMessageApi, VerifyCompleted, VerifyMessageApi,
};
use tws_api::messages::ids::incoming;
use tws_api::proto;

pub fn frames(f: &mut Frames) {
    misc_frames(f);
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

/// The remaining connection messages (verify data, user info, time in ms).
pub fn misc_frames(f: &mut Frames) {
    let mut r = Rng::new(24);
    for sv in VERSIONS {
        for _ in 0..6 {
            f.add(sv, &VerifyMessageApi { api_data: r.text() });
            let (is_successful, error_text) = (r.bool(), r.text());
            f.add(
                sv,
                &VerifyCompleted::<false> {
                    is_successful,
                    error_text: error_text.clone(),
                },
            );
            f.add(
                sv,
                &VerifyAndAuthCompleted {
                    is_successful,
                    error_text,
                },
            );
            f.add(
                sv,
                &VerifyAndAuthMessageApi {
                    api_data: r.text(),
                    xyz_challange: r.text(),
                },
            );
            f.add(
                sv,
                &UserInfo {
                    req_id: r.int(),
                    white_branding_id: r.pick(&["", "wb-1", "ünï"]).into(),
                },
            );
            f.add(
                sv,
                &CurrentTimeInMillis {
                    time_in_millis: r.long(),
                },
            );
        }
    }
}
