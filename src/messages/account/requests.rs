//! The account requests, as the official client encodes them.

use super::super::ids::outgoing;
use super::super::layout::{Io, Layout};
use crate::errors::{CodeMsg, FA_PROFILE_NOT_SUPPORTED};
use crate::messages::layout::{refuse, version};
use crate::server_versions::{
    MIN_SERVER_VER_FA_PROFILE_DESUPPORT, MIN_SERVER_VER_MODELS_SUPPORT, MIN_SERVER_VER_PNL,
    MIN_SERVER_VER_POSITIONS, MIN_SERVER_VER_REPLACE_FA_END, MIN_SERVER_VER_REQ_FAMILY_CODES,
};
use crate::wire::{DecodeError, EncodeError};
use crate::{flat_message, layout_message};

flat_message! {
    /// `reqAccountUpdates` (`REQ_ACCT_DATA`, message version 2): start or stop the
    /// stream of account values and portfolio of one account.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct ReqAccountUpdates = outgoing::REQ_ACCT_DATA {
        version 2;
        /// `true` subscribes, `false` unsubscribes.
        pub subscribe: bool = Bool,
        /// The account (needed for advisor logins; may be empty otherwise).
        pub acct_code: String = Ascii,
    }
    impl { crate::protobuf_form!(outgoing::protobuf_since); }
}

flat_message! {
    /// `reqAccountSummary` (message version 1): the values of the account window's
    /// summary for a group of accounts, kept up to date.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct ReqAccountSummary = outgoing::REQ_ACCOUNT_SUMMARY {
        version 1;
        /// The id that `accountSummary` and `accountSummaryEnd` carry.
        pub req_id: i32 = Int,
        /// `"All"` or an advisor group name.
        pub group_name: String = Ascii,
        /// Comma-separated tags ([`crate::model::AccountSummaryTags`], `$LEDGER`, …).
        pub tags: String = Ascii,
    }
    impl { crate::protobuf_form!(outgoing::protobuf_since); }
}

/// A cancel made of a version field and a request id.
macro_rules! req_id_only {
    ($(#[$doc:meta])* $name:ident = $id:path $(, refuse $gate:expr, $what:expr)?) => {
        flat_message! {
            $(#[$doc])*
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
            pub struct $name = $id {
                version 1;
                $(refuse $gate, $what;)?
                /// The id of the request to cancel.
                pub req_id: i32 = Int,
            }
            impl { crate::protobuf_form!(outgoing::protobuf_since); }
        }
    };
}

req_id_only!(
    /// `cancelAccountSummary` (message version 1).
    CancelAccountSummary = outgoing::CANCEL_ACCOUNT_SUMMARY
);
req_id_only!(
    /// `cancelPositionsMulti` (message version 1).
    CancelPositionsMulti = outgoing::CANCEL_POSITIONS_MULTI,
    refuse MIN_SERVER_VER_MODELS_SUPPORT,
    "  It does not support cancel positions multi request."
);
req_id_only!(
    /// `cancelAccountUpdatesMulti` (message version 1).
    CancelAccountUpdatesMulti = outgoing::CANCEL_ACCOUNT_UPDATES_MULTI,
    refuse MIN_SERVER_VER_MODELS_SUPPORT,
    "  It does not support cancel account updates multi request."
);

/// A request of the version field alone, from server version 67
/// (`MIN_SERVER_VER_POSITIONS`): a unit struct, so a [`Layout`].
macro_rules! positions_request {
    ($(#[$doc:meta])* $name:ident = $id:path) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        pub struct $name;

        impl Layout for $name {
            fn check(&self, sv: i32) -> Result<(), EncodeError> {
                refuse(sv < MIN_SERVER_VER_POSITIONS, "  It does not support positions request.",
                )
            }

            fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
                version(io, 1)
            }
        }

        layout_message!($name = $id, impl {
            crate::protobuf_form!(outgoing::protobuf_since);
        });
    };
}

positions_request!(
    /// `reqPositions` (message version 1): every position of every account, then
    /// `positionEnd`, then updates.
    ReqPositions = outgoing::REQ_POSITIONS
);
positions_request!(
    /// `cancelPositions` (message version 1).
    CancelPositions = outgoing::CANCEL_POSITIONS
);

flat_message! {
    /// `reqPositionsMulti` (message version 1): the positions of an account
    /// and/or model.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct ReqPositionsMulti = outgoing::REQ_POSITIONS_MULTI {
        version 1;
        refuse MIN_SERVER_VER_MODELS_SUPPORT, "  It does not support positions multi request.";
        /// The id `positionMulti` and `positionMultiEnd` carry.
        pub req_id: i32 = Int,
        /// The account.
        pub account: String = Ascii,
        /// The model code (empty: none).
        pub model_code: String = Ascii,
    }
    impl { crate::protobuf_form!(outgoing::protobuf_since); }
}

flat_message! {
    /// `reqAccountUpdatesMulti` (message version 1): the account values of an
    /// account and/or model.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct ReqAccountUpdatesMulti = outgoing::REQ_ACCOUNT_UPDATES_MULTI {
        version 1;
        refuse MIN_SERVER_VER_MODELS_SUPPORT, "  It does not support account updates multi request.";
        /// The id `accountUpdateMulti` and `accountUpdateMultiEnd` carry.
        pub req_id: i32 = Int,
        /// The account.
        pub account: String = Ascii,
        /// The model code (empty: none).
        pub model_code: String = Ascii,
        /// Only the ledger (cash balances) and the net liquidation value.
        pub ledger_and_nlv: bool = Bool,
    }
    impl { crate::protobuf_form!(outgoing::protobuf_since); }
}

/// The text of the PnL requests' refusal.
const PNL_REFUSAL: &str = "  It does not support PnL request.";

flat_message! {
    /// `reqPnL` (no version field): the daily, unrealized and realized PnL of an
    /// account and/or model, streamed.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct ReqPnL = outgoing::REQ_PNL {
        refuse MIN_SERVER_VER_PNL, PNL_REFUSAL;
        /// The id `pnl` carries.
        pub req_id: i32 = Int,
        /// The account.
        pub account: String = Ascii,
        /// The model code (empty: none).
        pub model_code: String = Ascii,
    }
    impl { crate::protobuf_form!(outgoing::protobuf_since); }
}

flat_message! {
    /// `reqPnLSingle` (no version field): the PnL of one position, streamed.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct ReqPnLSingle = outgoing::REQ_PNL_SINGLE {
        refuse MIN_SERVER_VER_PNL, PNL_REFUSAL;
        /// The id `pnlSingle` carries.
        pub req_id: i32 = Int,
        /// The account.
        pub account: String = Ascii,
        /// The model code (empty: none).
        pub model_code: String = Ascii,
        /// The position's contract id.
        pub conid: i32 = Int,
    }
    impl { crate::protobuf_form!(outgoing::protobuf_since); }
}

/// A PnL cancel: the request id alone, no version field.
macro_rules! pnl_cancel {
    ($(#[$doc:meta])* $name:ident = $id:path) => {
        flat_message! {
            $(#[$doc])*
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
            pub struct $name = $id {
                refuse MIN_SERVER_VER_PNL, PNL_REFUSAL;
                /// The id of the request to cancel.
                pub req_id: i32 = Int,
            }
            impl { crate::protobuf_form!(outgoing::protobuf_since); }
        }
    };
}

pnl_cancel!(
    /// `cancelPnL` (no version field).
    CancelPnL = outgoing::CANCEL_PNL
);
pnl_cancel!(
    /// `cancelPnLSingle` (no version field).
    CancelPnLSingle = outgoing::CANCEL_PNL_SINGLE
);

/// `reqFamilyCodes`: no fields at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReqFamilyCodes;

impl Layout for ReqFamilyCodes {
    fn check(&self, sv: i32) -> Result<(), EncodeError> {
        refuse(
            sv < MIN_SERVER_VER_REQ_FAMILY_CODES,
            "  It does not support family codes request.",
        )
    }

    fn layout(&mut self, _io: &mut dyn Io) -> Result<(), DecodeError> {
        Ok(())
    }
}

layout_message!(ReqFamilyCodes = outgoing::REQ_FAMILY_CODES, impl { crate::protobuf_form!(outgoing::protobuf_since); });

flat_message! {
    /// `reqSoftDollarTiers` (no version field, no version gate in the official client).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct ReqSoftDollarTiers = outgoing::REQ_SOFT_DOLLAR_TIERS {
        /// The id `softDollarTiers` carries.
        pub req_id: i32 = Int,
    }
    impl { crate::protobuf_form!(outgoing::protobuf_since); }
}

/// The refusal of FA profiles (`faData` 2) from server version 177: the
/// official client reports 585 and sends nothing. Used by both FA requests.
///
/// From `MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_1` the request travels as
/// protobuf, and 10.51.1 sends it as it is (its protobuf path skips the
/// check): so does this client, and TWS answers.
pub fn fa_data_refusal(sv: i32, fa_data: i32) -> Option<CodeMsg> {
    let refused = MIN_SERVER_VER_FA_PROFILE_DESUPPORT
        ..crate::server_versions::MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_1;
    (refused.contains(&sv) && fa_data == super::fa_data_type::PROFILES)
        .then_some(FA_PROFILE_NOT_SUPPORTED)
}

flat_message! {
    /// `requestFA` (`REQ_FA`, message version 1): the advisor configuration of one
    /// kind, answered by `receiveFA`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct RequestFa = outgoing::REQ_FA {
        version 1;
        /// 1 groups, 3 aliases ([`super::fa_data_type`]); 2 (profiles) is
        /// refused from server version 177, see [`fa_data_refusal`].
        pub fa_data: i32 = Int,
    }
    impl { crate::protobuf_form!(outgoing::protobuf_since); }
}

flat_message! {
    /// `replaceFA` (message version 1): replaces the advisor configuration of one
    /// kind; answered by `replaceFAEnd` from server version 157.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct ReplaceFa = outgoing::REPLACE_FA {
        version 1;
        /// 1 groups, 3 aliases ([`super::fa_data_type`]).
        pub fa_data: i32 = Int,
        /// The new configuration, XML.
        pub cxml: String = Ascii,
        /// The id `replaceFAEnd` carries (sent from server version 157,
        /// `MIN_SERVER_VER_REPLACE_FA_END`).
        #[since(MIN_SERVER_VER_REPLACE_FA_END)]
        pub req_id: i32 = Int,
    }
    impl { crate::protobuf_form!(outgoing::protobuf_since); }
}

#[cfg(test)]
mod tests {
    use super::super::super::test_util::{round_trip, VERSIONS};
    use super::super::super::Message;
    use super::*;
    use crate::wire::FieldWriter;

    #[test]
    fn requests_round_trip() {
        // Every request here is known from server version 127 on.
        for sv in VERSIONS.into_iter().filter(|&sv| sv >= MIN_SERVER_VER_PNL) {
            let m = ReqAccountUpdates {
                subscribe: true,
                acct_code: "DU1234567".into(),
            };
            assert_eq!(round_trip(&m, sv), m);
            let m = ReqAccountSummary {
                req_id: 9001,
                group_name: "All".into(),
                tags: "NetLiquidation,$LEDGER:ALL".into(),
            };
            assert_eq!(round_trip(&m, sv), m);
            assert_eq!(
                round_trip(&CancelAccountSummary { req_id: 3 }, sv).req_id,
                3
            );
            assert_eq!(round_trip(&ReqPositions, sv), ReqPositions);
            assert_eq!(round_trip(&CancelPositions, sv), CancelPositions);
            let m = ReqPositionsMulti {
                req_id: 4,
                account: "DU1".into(),
                model_code: "M1".into(),
            };
            assert_eq!(round_trip(&m, sv), m);
            assert_eq!(
                round_trip(&CancelPositionsMulti { req_id: 4 }, sv).req_id,
                4
            );
            let m = ReqAccountUpdatesMulti {
                req_id: 5,
                account: "DU1".into(),
                model_code: String::new(),
                ledger_and_nlv: true,
            };
            assert_eq!(round_trip(&m, sv), m);
            let c = CancelAccountUpdatesMulti { req_id: 5 };
            assert_eq!(round_trip(&c, sv), c);
            let m = ReqPnL {
                req_id: 6,
                account: "DU1".into(),
                model_code: String::new(),
            };
            assert_eq!(round_trip(&m, sv), m);
            assert_eq!(round_trip(&CancelPnL { req_id: 6 }, sv).req_id, 6);
            let m = ReqPnLSingle {
                req_id: 7,
                account: "DU1".into(),
                model_code: String::new(),
                conid: 265598,
            };
            assert_eq!(round_trip(&m, sv), m);
            assert_eq!(round_trip(&CancelPnLSingle { req_id: 7 }, sv).req_id, 7);
            assert_eq!(round_trip(&ReqFamilyCodes, sv), ReqFamilyCodes);
            assert_eq!(round_trip(&ReqSoftDollarTiers { req_id: 8 }, sv).req_id, 8);
            assert_eq!(round_trip(&RequestFa { fa_data: 1 }, sv).fa_data, 1);
            let m = ReplaceFa {
                req_id: if sv >= MIN_SERVER_VER_REPLACE_FA_END {
                    9
                } else {
                    0
                },
                fa_data: 3,
                cxml: "<ListOfAccountAliases/>".into(),
            };
            assert_eq!(round_trip(&m, sv), m);
        }
    }

    #[test]
    fn old_servers_refuse() {
        let mut out = Vec::new();
        let mut w = FieldWriter::new(&mut out);
        assert!(matches!(
            ReqPnL::default().encode(126, &mut w),
            Err(EncodeError::UpdateTws("  It does not support PnL request."))
        ));
        assert!(ReqPositionsMulti::default().encode(102, &mut w).is_err());
        assert!(ReqFamilyCodes.encode(106, &mut w).is_err());
        assert_eq!(fa_data_refusal(177, 2).map(|c| c.code), Some(585));
        assert_eq!(fa_data_refusal(176, 2), None);
        assert_eq!(fa_data_refusal(203, 1), None);
    }
}
