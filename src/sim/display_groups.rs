//! The sim's display groups: seven groups, as in TWS, each showing a
//! contract (`none` at first). `subscribeToGroupEvents` answers at once with
//! the group's contract; `updateDisplayGroup` changes it and tells every
//! subscriber of that group on this connection (the groups are kept per
//! connection here; TWS shares them between its API clients and windows).

use crate::messages::ids::DisplayGroupsRequest;
use std::collections::BTreeMap;

use super::session::Session;
use crate::messages::display_groups::{DisplayGroupList, DisplayGroupUpdated};

/// The groups TWS has.
const GROUPS: i32 = 7;

/// A connection's display groups.
#[derive(Debug, Default)]
pub(crate) struct State {
    /// Group id → the contract it shows (absent: `none`).
    shown: BTreeMap<i32, String>,
    /// Subscription request id → group id.
    subs: BTreeMap<i32, i32>,
}

/// Answers one display group request.
pub(super) fn handle(s: &mut Session<'_>, req: DisplayGroupsRequest) {
    match req {
        DisplayGroupsRequest::QueryDisplayGroups(m) => {
            let groups = (1..=GROUPS)
                .map(|g| g.to_string())
                .collect::<Vec<_>>()
                .join("|");
            s.send(&DisplayGroupList {
                req_id: m.req_id,
                groups,
            });
        }
        DisplayGroupsRequest::SubscribeToGroupEvents(m) => {
            s.display_groups.subs.insert(m.req_id, m.group_id);
            let contract_info = shown(s, m.group_id);
            s.send(&DisplayGroupUpdated {
                req_id: m.req_id,
                contract_info,
            });
        }
        DisplayGroupsRequest::UpdateDisplayGroup(m) => {
            let Some(&group) = s.display_groups.subs.get(&m.req_id) else {
                log::debug!("updateDisplayGroup for {} without a subscription", m.req_id);
                return;
            };
            s.display_groups
                .shown
                .insert(group, m.contract_info.clone());
            let subscribers: Vec<i32> = s
                .display_groups
                .subs
                .iter()
                .filter(|(_, g)| **g == group)
                .map(|(r, _)| *r)
                .collect();
            for req_id in subscribers {
                s.send(&DisplayGroupUpdated {
                    req_id,
                    contract_info: m.contract_info.clone(),
                });
            }
        }
        DisplayGroupsRequest::UnsubscribeFromGroupEvents(m) => {
            s.display_groups.subs.remove(&m.req_id);
        }
    }
}

fn shown(s: &Session<'_>, group: i32) -> String {
    s.display_groups
        .shown
        .get(&group)
        .cloned()
        .unwrap_or_else(|| "none".into())
}
