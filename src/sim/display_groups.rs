//! The sim's display groups: seven groups, as in TWS, each showing a
//! contract (`none` at first). `subscribeToGroupEvents` answers at once with
//! the group's contract; `updateDisplayGroup` changes it and tells every
//! subscriber of that group on this connection (the groups are kept per
//! connection here; TWS shares them between its API clients and windows).

use std::collections::BTreeMap;

use super::session::Session;
use crate::messages::decode_body;
use crate::messages::display_groups::{
    DisplayGroupList, DisplayGroupUpdated, QueryDisplayGroups, SubscribeToGroupEvents,
    UnsubscribeFromGroupEvents, UpdateDisplayGroup,
};
use crate::messages::ids::outgoing;
use crate::wire::DecodeError;

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
pub(super) fn handle(s: &mut Session<'_>, id: u32, body: &[u8]) -> Result<(), DecodeError> {
    let sv = s.sv;
    match id {
        outgoing::QUERY_DISPLAY_GROUPS => {
            let m: QueryDisplayGroups = decode_body(sv, body)?;
            let groups = (1..=GROUPS)
                .map(|g| g.to_string())
                .collect::<Vec<_>>()
                .join("|");
            s.send(&DisplayGroupList {
                req_id: m.req_id,
                groups,
            });
        }
        outgoing::SUBSCRIBE_TO_GROUP_EVENTS => {
            let m: SubscribeToGroupEvents = decode_body(sv, body)?;
            s.display_groups.subs.insert(m.req_id, m.group_id);
            let contract_info = shown(s, m.group_id);
            s.send(&DisplayGroupUpdated {
                req_id: m.req_id,
                contract_info,
            });
        }
        outgoing::UPDATE_DISPLAY_GROUP => {
            let m: UpdateDisplayGroup = decode_body(sv, body)?;
            let Some(&group) = s.display_groups.subs.get(&m.req_id) else {
                log::debug!("updateDisplayGroup for {} without a subscription", m.req_id);
                return Ok(());
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
        outgoing::UNSUBSCRIBE_FROM_GROUP_EVENTS => {
            let m: UnsubscribeFromGroupEvents = decode_body(sv, body)?;
            s.display_groups.subs.remove(&m.req_id);
        }
        other => s.not_simulated(other),
    }
    Ok(())
}

fn shown(s: &Session<'_>, group: i32) -> String {
    s.display_groups
        .shown
        .get(&group)
        .cloned()
        .unwrap_or_else(|| "none".into())
}
