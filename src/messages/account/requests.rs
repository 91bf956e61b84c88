//! The account requests, as the official client encodes them.

use super::super::ids::outgoing;
use super::super::Message;
use crate::errors::{CodeMsg, FA_PROFILE_NOT_SUPPORTED};
use crate::server_versions::{
    MIN_SERVER_VER_FA_PROFILE_DESUPPORT, MIN_SERVER_VER_MODELS_SUPPORT, MIN_SERVER_VER_PNL,
    MIN_SERVER_VER_POSITIONS, MIN_SERVER_VER_REPLACE_FA_END, MIN_SERVER_VER_REQ_FAMILY_CODES,
};
use crate::wire::{DecodeError, EncodeError, FieldReader, FieldWriter};

/// Refuses with [`EncodeError::UpdateTws`] when `sv` is below `min`.
fn gate(sv: i32, min: i32, what: &'static str) -> Result<(), EncodeError> {
    if sv < min {
        Err(EncodeError::UpdateTws(what))
    } else {
        Ok(())
    }
}

/// `reqAccountUpdates` (`REQ_ACCT_DATA`, message version 2): start or stop the
/// stream of account values and portfolio of one account.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReqAccountUpdates {
    /// `true` subscribes, `false` unsubscribes.
    pub subscribe: bool,
    /// The account (needed for advisor logins; may be empty otherwise).
    pub acct_code: String,
}

impl Message for ReqAccountUpdates {
    const ID: u32 = outgoing::REQ_ACCT_DATA;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(2);
        w.put_bool(self.subscribe);
        w.put_str(&self.acct_code);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(ReqAccountUpdates {
            subscribe: r.read_bool("subscribe")?,
            acct_code: r.read_string("acct code")?,
        })
    }
}

/// `reqAccountSummary` (message version 1): the values of the account window's
/// summary for a group of accounts, kept up to date.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReqAccountSummary {
    /// The id that `accountSummary` and `accountSummaryEnd` carry.
    pub req_id: i32,
    /// `"All"` or an advisor group name.
    pub group_name: String,
    /// Comma-separated tags ([`crate::model::AccountSummaryTags`], `$LEDGER`, …).
    pub tags: String,
}

impl Message for ReqAccountSummary {
    const ID: u32 = outgoing::REQ_ACCOUNT_SUMMARY;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(1);
        w.put_int(self.req_id);
        w.put_str(&self.group_name);
        w.put_str(&self.tags);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(ReqAccountSummary {
            req_id: r.read_int_named("req id")?,
            group_name: r.read_string("group name")?,
            tags: r.read_string("tags")?,
        })
    }
}

/// A request made of a version field and a request id: the cancels.
macro_rules! req_id_only {
    ($(#[$doc:meta])* $name:ident, $id:expr, $gate:expr, $what:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        pub struct $name {
            /// The id of the request to cancel.
            pub req_id: i32,
        }

        impl Message for $name {
            const ID: u32 = $id;

            fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
                gate(sv, $gate, $what)?;
                w.put_int(1);
                w.put_int(self.req_id);
                Ok(())
            }

            fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
                r.skip("version")?;
                Ok($name {
                    req_id: r.read_int_named("req id")?,
                })
            }
        }
    };
}

req_id_only!(
    /// `cancelAccountSummary` (message version 1).
    CancelAccountSummary,
    outgoing::CANCEL_ACCOUNT_SUMMARY,
    0,
    ""
);
req_id_only!(
    /// `cancelPositionsMulti` (message version 1).
    CancelPositionsMulti,
    outgoing::CANCEL_POSITIONS_MULTI,
    MIN_SERVER_VER_MODELS_SUPPORT,
    "  It does not support cancel positions multi request."
);
req_id_only!(
    /// `cancelAccountUpdatesMulti` (message version 1).
    CancelAccountUpdatesMulti,
    outgoing::CANCEL_ACCOUNT_UPDATES_MULTI,
    MIN_SERVER_VER_MODELS_SUPPORT,
    "  It does not support cancel account updates multi request."
);

/// `reqPositions` (message version 1): every position of every account, then
/// `positionEnd`, then updates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReqPositions;

impl Message for ReqPositions {
    const ID: u32 = outgoing::REQ_POSITIONS;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        gate(
            sv,
            MIN_SERVER_VER_POSITIONS,
            "  It does not support positions request.",
        )?;
        w.put_int(1);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(ReqPositions)
    }
}

/// `cancelPositions` (message version 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CancelPositions;

impl Message for CancelPositions {
    const ID: u32 = outgoing::CANCEL_POSITIONS;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        gate(
            sv,
            MIN_SERVER_VER_POSITIONS,
            "  It does not support positions request.",
        )?;
        w.put_int(1);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(CancelPositions)
    }
}

/// `reqPositionsMulti` (message version 1): the positions of an account
/// and/or model.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReqPositionsMulti {
    /// The id `positionMulti` and `positionMultiEnd` carry.
    pub req_id: i32,
    /// The account.
    pub account: String,
    /// The model code (empty: none).
    pub model_code: String,
}

impl Message for ReqPositionsMulti {
    const ID: u32 = outgoing::REQ_POSITIONS_MULTI;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        gate(
            sv,
            MIN_SERVER_VER_MODELS_SUPPORT,
            "  It does not support positions multi request.",
        )?;
        w.put_int(1);
        w.put_int(self.req_id);
        w.put_str(&self.account);
        w.put_str(&self.model_code);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(ReqPositionsMulti {
            req_id: r.read_int_named("req id")?,
            account: r.read_string("account")?,
            model_code: r.read_string("model code")?,
        })
    }
}

/// `reqAccountUpdatesMulti` (message version 1): the account values of an
/// account and/or model.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReqAccountUpdatesMulti {
    /// The id `accountUpdateMulti` and `accountUpdateMultiEnd` carry.
    pub req_id: i32,
    /// The account.
    pub account: String,
    /// The model code (empty: none).
    pub model_code: String,
    /// Only the ledger (cash balances) and the net liquidation value.
    pub ledger_and_nlv: bool,
}

impl Message for ReqAccountUpdatesMulti {
    const ID: u32 = outgoing::REQ_ACCOUNT_UPDATES_MULTI;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        gate(
            sv,
            MIN_SERVER_VER_MODELS_SUPPORT,
            "  It does not support account updates multi request.",
        )?;
        w.put_int(1);
        w.put_int(self.req_id);
        w.put_str(&self.account);
        w.put_str(&self.model_code);
        w.put_bool(self.ledger_and_nlv);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(ReqAccountUpdatesMulti {
            req_id: r.read_int_named("req id")?,
            account: r.read_string("account")?,
            model_code: r.read_string("model code")?,
            ledger_and_nlv: r.read_bool("ledger and nlv")?,
        })
    }
}

/// The text of the PnL requests' refusal.
const PNL_REFUSAL: &str = "  It does not support PnL request.";

/// `reqPnL` (no version field): the daily, unrealized and realized PnL of an
/// account and/or model, streamed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReqPnL {
    /// The id `pnl` carries.
    pub req_id: i32,
    /// The account.
    pub account: String,
    /// The model code (empty: none).
    pub model_code: String,
}

impl Message for ReqPnL {
    const ID: u32 = outgoing::REQ_PNL;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        gate(sv, MIN_SERVER_VER_PNL, PNL_REFUSAL)?;
        w.put_int(self.req_id);
        w.put_str(&self.account);
        w.put_str(&self.model_code);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        Ok(ReqPnL {
            req_id: r.read_int_named("req id")?,
            account: r.read_string("account")?,
            model_code: r.read_string("model code")?,
        })
    }
}

/// `reqPnLSingle` (no version field): the PnL of one position, streamed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReqPnLSingle {
    /// The id `pnlSingle` carries.
    pub req_id: i32,
    /// The account.
    pub account: String,
    /// The model code (empty: none).
    pub model_code: String,
    /// The position's contract id.
    pub conid: i32,
}

impl Message for ReqPnLSingle {
    const ID: u32 = outgoing::REQ_PNL_SINGLE;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        gate(sv, MIN_SERVER_VER_PNL, PNL_REFUSAL)?;
        w.put_int(self.req_id);
        w.put_str(&self.account);
        w.put_str(&self.model_code);
        w.put_int(self.conid);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        Ok(ReqPnLSingle {
            req_id: r.read_int_named("req id")?,
            account: r.read_string("account")?,
            model_code: r.read_string("model code")?,
            conid: r.read_int_named("conid")?,
        })
    }
}

/// A PnL cancel: the request id alone, no version field.
macro_rules! pnl_cancel {
    ($(#[$doc:meta])* $name:ident, $id:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        pub struct $name {
            /// The id of the request to cancel.
            pub req_id: i32,
        }

        impl Message for $name {
            const ID: u32 = $id;

            fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
                gate(sv, MIN_SERVER_VER_PNL, PNL_REFUSAL)?;
                w.put_int(self.req_id);
                Ok(())
            }

            fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
                Ok($name {
                    req_id: r.read_int_named("req id")?,
                })
            }
        }
    };
}

pnl_cancel!(
    /// `cancelPnL` (no version field).
    CancelPnL,
    outgoing::CANCEL_PNL
);
pnl_cancel!(
    /// `cancelPnLSingle` (no version field).
    CancelPnLSingle,
    outgoing::CANCEL_PNL_SINGLE
);

/// `reqFamilyCodes`: no fields at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReqFamilyCodes;

impl Message for ReqFamilyCodes {
    const ID: u32 = outgoing::REQ_FAMILY_CODES;

    fn encode(&self, sv: i32, _w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        gate(
            sv,
            MIN_SERVER_VER_REQ_FAMILY_CODES,
            "  It does not support family codes request.",
        )
    }

    fn decode(_sv: i32, _r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        Ok(ReqFamilyCodes)
    }
}

/// `reqSoftDollarTiers` (no version field, no version gate in the official client).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReqSoftDollarTiers {
    /// The id `softDollarTiers` carries.
    pub req_id: i32,
}

impl Message for ReqSoftDollarTiers {
    const ID: u32 = outgoing::REQ_SOFT_DOLLAR_TIERS;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(self.req_id);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        Ok(ReqSoftDollarTiers {
            req_id: r.read_int_named("req id")?,
        })
    }
}

/// The refusal of FA profiles (`faData` 2) from server version 177: the
/// official client reports 585 and sends nothing. Used by both FA requests.
pub fn fa_data_refusal(sv: i32, fa_data: i32) -> Option<CodeMsg> {
    (sv >= MIN_SERVER_VER_FA_PROFILE_DESUPPORT && fa_data == super::fa_data_type::PROFILES)
        .then_some(FA_PROFILE_NOT_SUPPORTED)
}

/// `requestFA` (`REQ_FA`, message version 1): the advisor configuration of one
/// kind, answered by `receiveFA`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RequestFa {
    /// 1 groups, 3 aliases ([`super::fa_data_type`]); 2 (profiles) is
    /// refused from server version 177, see [`fa_data_refusal`].
    pub fa_data: i32,
}

impl Message for RequestFa {
    const ID: u32 = outgoing::REQ_FA;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(1);
        w.put_int(self.fa_data);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(RequestFa {
            fa_data: r.read_int_named("fa data")?,
        })
    }
}

/// `replaceFA` (message version 1): replaces the advisor configuration of one
/// kind; answered by `replaceFAEnd` from server version 157.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReplaceFa {
    /// The id `replaceFAEnd` carries (sent from server version 157,
    /// `MIN_SERVER_VER_REPLACE_FA_END`).
    pub req_id: i32,
    /// 1 groups, 3 aliases ([`super::fa_data_type`]).
    pub fa_data: i32,
    /// The new configuration, XML.
    pub cxml: String,
}

impl Message for ReplaceFa {
    const ID: u32 = outgoing::REPLACE_FA;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(1);
        w.put_int(self.fa_data);
        w.put_str(&self.cxml);
        if sv >= MIN_SERVER_VER_REPLACE_FA_END {
            w.put_int(self.req_id);
        }
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        let fa_data = r.read_int_named("fa data")?;
        let cxml = r.read_string("cxml")?;
        let req_id = if sv >= MIN_SERVER_VER_REPLACE_FA_END {
            r.read_int_named("req id")?
        } else {
            0
        };
        Ok(ReplaceFa {
            req_id,
            fa_data,
            cxml,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::test_util::{round_trip, VERSIONS};
    use super::*;

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
