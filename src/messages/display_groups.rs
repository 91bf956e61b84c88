//! Display groups: TWS's color-linked window groups.
//!
//! `queryDisplayGroups` → `displayGroupList`; `subscribeToGroupEvents` →
//! `displayGroupUpdated` (at once, and whenever the group's contract
//! changes); `updateDisplayGroup`; `unsubscribeFromGroupEvents`. Every
//! request needs server version 70 (`MIN_SERVER_VER_LINKING`).

use super::ids::{incoming, outgoing};
use super::{read_text, write_text, Message};
use crate::server_versions::MIN_SERVER_VER_LINKING;
use crate::wire::{DecodeError, EncodeError, FieldReader, FieldWriter};

/// `queryDisplayGroups` (message version 1): answered by [`DisplayGroupList`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QueryDisplayGroups {
    /// The request id.
    pub req_id: i32,
}

impl Message for QueryDisplayGroups {
    const ID: u32 = outgoing::QUERY_DISPLAY_GROUPS;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        if sv < MIN_SERVER_VER_LINKING {
            return Err(EncodeError::UpdateTws(
                "  It does not support queryDisplayGroups request.",
            ));
        }
        w.put_int(1);
        w.put_int(self.req_id);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(QueryDisplayGroups {
            req_id: r.read_int_named("req id")?,
        })
    }
}

/// `subscribeToGroupEvents` (message version 1): follow one display group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SubscribeToGroupEvents {
    /// The request id the updates will carry.
    pub req_id: i32,
    /// The group (1–7 in TWS today).
    pub group_id: i32,
}

impl Message for SubscribeToGroupEvents {
    const ID: u32 = outgoing::SUBSCRIBE_TO_GROUP_EVENTS;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        if sv < MIN_SERVER_VER_LINKING {
            return Err(EncodeError::UpdateTws(
                "  It does not support subscribeToGroupEvents request.",
            ));
        }
        w.put_int(1);
        w.put_int(self.req_id);
        w.put_int(self.group_id);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(SubscribeToGroupEvents {
            req_id: r.read_int_named("req id")?,
            group_id: r.read_int_named("group id")?,
        })
    }
}

/// `updateDisplayGroup` (message version 1): show a contract in the group
/// subscribed with `req_id`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UpdateDisplayGroup {
    /// The request id of the subscription.
    pub req_id: i32,
    /// `conId@exchange` (`"8314@SMART"`), `none` or `combo`.
    pub contract_info: String,
}

impl Message for UpdateDisplayGroup {
    const ID: u32 = outgoing::UPDATE_DISPLAY_GROUP;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        if sv < MIN_SERVER_VER_LINKING {
            return Err(EncodeError::UpdateTws(
                "  It does not support updateDisplayGroup request.",
            ));
        }
        w.put_int(1);
        w.put_int(self.req_id);
        w.put_str(&self.contract_info);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(UpdateDisplayGroup {
            req_id: r.read_int_named("req id")?,
            contract_info: r.read_string("contract info")?,
        })
    }
}

/// `unsubscribeFromGroupEvents` (message version 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct UnsubscribeFromGroupEvents {
    /// The request id of the subscription.
    pub req_id: i32,
}

impl Message for UnsubscribeFromGroupEvents {
    const ID: u32 = outgoing::UNSUBSCRIBE_FROM_GROUP_EVENTS;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        if sv < MIN_SERVER_VER_LINKING {
            return Err(EncodeError::UpdateTws(
                "  It does not support unsubscribeFromGroupEvents request.",
            ));
        }
        w.put_int(1);
        w.put_int(self.req_id);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(UnsubscribeFromGroupEvents {
            req_id: r.read_int_named("req id")?,
        })
    }
}

/// `displayGroupList` (version 1): the groups, `|`-separated (`"1|2|3"`).
/// Read generically by the official decoder: text escaped from version 153.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DisplayGroupList {
    /// The request id.
    pub req_id: i32,
    /// The group ids, `|`-separated.
    pub groups: String,
}

impl Message for DisplayGroupList {
    const ID: u32 = incoming::DISPLAY_GROUP_LIST;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(1);
        w.put_int(self.req_id);
        write_text(sv, w, &self.groups);
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(DisplayGroupList {
            req_id: r.read_int_named("req id")?,
            groups: read_text(sv, r, "groups")?,
        })
    }
}

/// `displayGroupUpdated` (version 1): the contract a subscribed group shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DisplayGroupUpdated {
    /// The request id of the subscription.
    pub req_id: i32,
    /// `conId@exchange`, `none` or `combo`.
    pub contract_info: String,
}

impl Message for DisplayGroupUpdated {
    const ID: u32 = incoming::DISPLAY_GROUP_UPDATED;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(1);
        w.put_int(self.req_id);
        write_text(sv, w, &self.contract_info);
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(DisplayGroupUpdated {
            req_id: r.read_int_named("req id")?,
            contract_info: read_text(sv, r, "contract info")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{round_trip, VERSIONS};
    use super::*;

    #[test]
    fn round_trips() {
        for sv in VERSIONS {
            assert_eq!(round_trip(&QueryDisplayGroups { req_id: 1 }, sv).req_id, 1);
            let s = SubscribeToGroupEvents {
                req_id: 2,
                group_id: 4,
            };
            assert_eq!(round_trip(&s, sv), s);
            let u = UpdateDisplayGroup {
                req_id: 2,
                contract_info: "8314@SMART".into(),
            };
            assert_eq!(round_trip(&u, sv), u);
            assert_eq!(
                round_trip(&UnsubscribeFromGroupEvents { req_id: 2 }, sv).req_id,
                2
            );
            let l = DisplayGroupList {
                req_id: 1,
                groups: "1|2|3|4|5|6|7".into(),
            };
            assert_eq!(round_trip(&l, sv), l);
            let g = DisplayGroupUpdated {
                req_id: 2,
                contract_info: "none".into(),
            };
            assert_eq!(round_trip(&g, sv), g);
        }
    }

    #[test]
    fn refused_by_old_servers() {
        assert!(super::super::to_frame(&QueryDisplayGroups { req_id: 1 }, 69).is_err());
    }
}

mod deliver {
    //! How the display group messages reach the `EWrapper`.
    use super::*;
    use crate::messages::incoming::Incoming;
    use crate::messages::route::Route;
    use crate::EWrapper;

    impl Incoming for DisplayGroupList {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.display_group_list(self.req_id, &self.groups);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id)
        }
    }

    impl Incoming for DisplayGroupUpdated {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.display_group_updated(self.req_id, &self.contract_info);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id)
        }
    }
}
