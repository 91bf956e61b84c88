//! Fundamental data and WSH messages: fundamentalData, wshMetaData,
//! wshEventData.

use super::{Frames, Rng, VERSIONS};
use tws_api::messages::fundamentals::{FundamentalData, WshEventDataMessage, WshMetaData};

pub fn frames(f: &mut Frames) {
    let mut r = Rng::new(22);
    for sv in VERSIONS {
        for _ in 0..6 {
            // 10.51.1, the truth from LATEST_OFFICIAL_FROM on, has no
            // fundamentalData (removed in 10.47): no decoder to compare with.
            if sv < tws_api::server_versions::LATEST_OFFICIAL_FROM {
                f.add(
                    sv,
                    &FundamentalData {
                        req_id: r.int(),
                        data: r.text(),
                    },
                );
            }
            f.add(
                sv,
                &WshMetaData {
                    req_id: r.int(),
                    data_json: r.text(),
                },
            );
            f.add(
                sv,
                &WshEventDataMessage {
                    req_id: r.int(),
                    data_json: r.text(),
                },
            );
        }
        if sv < tws_api::server_versions::LATEST_OFFICIAL_FROM {
            f.add(
                sv,
                &FundamentalData {
                    req_id: 5,
                    data: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ReportSnapshot><CoID Type=\"CompanyName\">Société Générale ✓</CoID></ReportSnapshot>".into(),
                },
            );
        }
        f.add(
            sv,
            &WshEventDataMessage {
                req_id: 6,
                data_json: "[{\"conid\":8314,\"event_type\":\"wshe_ed\",\"data\":{\"d\":\"ü\"}}]"
                    .into(),
            },
        );
    }
}
