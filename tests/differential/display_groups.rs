//! Display group messages: displayGroupList, displayGroupUpdated.

use super::{Frames, Rng, VERSIONS};
use tws_api::messages::display_groups::{DisplayGroupList, DisplayGroupUpdated};

pub fn frames(f: &mut Frames) {
    let mut r = Rng::new(23);
    for sv in VERSIONS {
        for _ in 0..6 {
            f.add(
                sv,
                &DisplayGroupList {
                    req_id: r.int(),
                    groups: r.pick(&["1|2|3|4|5|6|7", "", "4", "ü|✓"]).into(),
                },
            );
            f.add(
                sv,
                &DisplayGroupUpdated {
                    req_id: r.int(),
                    contract_info: r.pick(&["8314@SMART", "none", "combo", ""]).into(),
                },
            );
        }
        f.add(
            sv,
            &DisplayGroupUpdated {
                req_id: 1,
                contract_info: r.text(),
            },
        );
    }
}
