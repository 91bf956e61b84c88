//! Display groups: TWS's color-linked window groups.
//!
//! `queryDisplayGroups` → `displayGroupList`; `subscribeToGroupEvents` →
//! `displayGroupUpdated` (at once, and whenever the group's contract
//! changes); `updateDisplayGroup`; `unsubscribeFromGroupEvents`. Every
//! request needs server version 70 (`MIN_SERVER_VER_LINKING`).

use super::ids::{incoming, outgoing};
use crate::flat_message;
use crate::server_versions::MIN_SERVER_VER_LINKING;
use crate::wire::DecodeError;

flat_message! {
    /// `queryDisplayGroups` (message version 1): answered by [`DisplayGroupList`].
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct QueryDisplayGroups = outgoing::QUERY_DISPLAY_GROUPS {
        version 1;
        refuse MIN_SERVER_VER_LINKING, "  It does not support queryDisplayGroups request.";
        /// The request id.
        pub req_id: i32 = Int,
    }
    impl { crate::protobuf_form!(outgoing::protobuf_since); }
}

flat_message! {
    /// `subscribeToGroupEvents` (message version 1): follow one display group.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct SubscribeToGroupEvents = outgoing::SUBSCRIBE_TO_GROUP_EVENTS {
        version 1;
        refuse MIN_SERVER_VER_LINKING, "  It does not support subscribeToGroupEvents request.";
        /// The request id the updates will carry.
        pub req_id: i32 = Int,
        /// The group (1–7 in TWS today).
        pub group_id: i32 = Int,
    }
    impl { crate::protobuf_form!(outgoing::protobuf_since); }
}

flat_message! {
    /// `updateDisplayGroup` (message version 1): show a contract in the group
    /// subscribed with `req_id`.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct UpdateDisplayGroup = outgoing::UPDATE_DISPLAY_GROUP {
        version 1;
        refuse MIN_SERVER_VER_LINKING, "  It does not support updateDisplayGroup request.";
        /// The request id of the subscription.
        pub req_id: i32 = Int,
        /// `conId@exchange` (`"8314@SMART"`), `none` or `combo`.
        pub contract_info: String = Ascii,
    }
    impl { crate::protobuf_form!(outgoing::protobuf_since); }
}

flat_message! {
    /// `unsubscribeFromGroupEvents` (message version 1).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct UnsubscribeFromGroupEvents = outgoing::UNSUBSCRIBE_FROM_GROUP_EVENTS {
        version 1;
        refuse MIN_SERVER_VER_LINKING, "  It does not support unsubscribeFromGroupEvents request.";
        /// The request id of the subscription.
        pub req_id: i32 = Int,
    }
    impl { crate::protobuf_form!(outgoing::protobuf_since); }
}

flat_message! {
    /// `displayGroupList` (version 1): the groups, `|`-separated (`"1|2|3"`).
    /// Read generically by the official decoder: text escaped from version 153.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct DisplayGroupList = incoming::DISPLAY_GROUP_LIST {
        version 1;
        /// The request id.
        pub req_id: i32 = Int,
        /// The group ids, `|`-separated.
        pub groups: String = Text,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
}

flat_message! {
    /// `displayGroupUpdated` (version 1): the contract a subscribed group shows.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct DisplayGroupUpdated = incoming::DISPLAY_GROUP_UPDATED {
        version 1;
        /// The request id of the subscription.
        pub req_id: i32 = Int,
        /// `conId@exchange`, `none` or `combo`.
        pub contract_info: String = Text,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
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

mod proto_forms {
    //! The protobuf forms of the display group messages (server version
    //! 213, `MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_3`), read as the
    //! official 10.51.1 decoder reads them.
    use super::*;
    use crate::errors::NO_VALID_ID;
    use crate::messages::protobuf::{i, s, text};
    use crate::messages::ProtoForm;
    use crate::model::UNSET_INTEGER;
    use crate::proto;
    use crate::EWrapper;

    crate::req_id_proto_form! {
        QueryDisplayGroups => QueryDisplayGroupsRequest, UNSET_INTEGER;
        UnsubscribeFromGroupEvents => UnsubscribeFromGroupEventsRequest, UNSET_INTEGER;
    }

    impl ProtoForm for SubscribeToGroupEvents {
        type Proto = proto::SubscribeToGroupEventsRequest;
        fn to_proto(&self, _sv: i32) -> Self::Proto {
            proto::SubscribeToGroupEventsRequest {
                req_id: i(self.req_id),
                group_id: i(self.group_id),
            }
        }
        fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
            Ok(Some(SubscribeToGroupEvents {
                req_id: p.req_id.unwrap_or(UNSET_INTEGER),
                group_id: p.group_id.unwrap_or(UNSET_INTEGER),
            }))
        }
    }

    impl ProtoForm for UpdateDisplayGroup {
        type Proto = proto::UpdateDisplayGroupRequest;
        fn to_proto(&self, _sv: i32) -> Self::Proto {
            proto::UpdateDisplayGroupRequest {
                req_id: i(self.req_id),
                contract_info: s(&self.contract_info),
            }
        }
        fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
            Ok(Some(UpdateDisplayGroup {
                req_id: p.req_id.unwrap_or(UNSET_INTEGER),
                contract_info: text(&p.contract_info),
            }))
        }
    }

    impl ProtoForm for DisplayGroupList {
        type Proto = proto::DisplayGroupList;
        fn to_proto(&self, _sv: i32) -> Self::Proto {
            proto::DisplayGroupList {
                req_id: Some(self.req_id),
                groups: s(&self.groups),
            }
        }
        fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
            Ok(Some(DisplayGroupList {
                req_id: p.req_id.unwrap_or(NO_VALID_ID),
                groups: text(&p.groups),
            }))
        }
        fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
            w.display_group_list_proto_buf(p);
        }
    }

    impl ProtoForm for DisplayGroupUpdated {
        type Proto = proto::DisplayGroupUpdated;
        fn to_proto(&self, _sv: i32) -> Self::Proto {
            proto::DisplayGroupUpdated {
                req_id: Some(self.req_id),
                contract_info: s(&self.contract_info),
            }
        }
        fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
            Ok(Some(DisplayGroupUpdated {
                req_id: p.req_id.unwrap_or(NO_VALID_ID),
                contract_info: text(&p.contract_info),
            }))
        }
        fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
            w.display_group_updated_proto_buf(p);
        }
    }
}
