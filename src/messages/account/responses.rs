//! The account messages TWS sends, as the official decoder reads them.
//!
//! Two families: the messages the official decoder maps field by field onto
//! the callback's arguments (`updateAccountValue`, `updateAccountTime`,
//! `accountDownloadEnd`, `accountSummary`, `accountUpdateMulti`, `receiveFA`,
//! the end markers) read every text argument with the server's escapes
//! resolved from version 153 on (`MIN_SERVER_VER_ENCODE_MSG_ASCII7`); the others (`updatePortfolio`,
//! `position`, `positionMulti`, `replaceFAEnd`, …) read plain UTF-8.

use super::super::ids::incoming;
use super::super::layout::{list, Io, Layout};
use crate::messages::layout::version;
use crate::model::{Contract, Decimal, FamilyCode, SoftDollarTier, UNSET_DOUBLE};
use crate::server_versions::{MIN_SERVER_VER_REALIZED_PNL, MIN_SERVER_VER_UNREALIZED_PNL};
use crate::wire::DecodeError;
use crate::{flat_message, layout_message};

flat_message! {
    /// `updateAccountValue` (`ACCT_VALUE`, message version 2): one account value.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct UpdateAccountValue = incoming::ACCT_VALUE {
        version 2;
        /// The key (`NetLiquidation`, `CashBalance`, …).
        pub key: String = Text,
        /// The value, as text.
        pub val: String = Text,
        /// The currency (`USD`, `BASE`, or empty for values without one).
        pub currency: String = Text,
        /// The account.
        pub account_name: String = Text,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
}

/// The contract fields every position message starts with: conId, symbol,
/// secType, expiry, strike, right.
pub(crate) fn contract_head(io: &mut dyn Io, c: &mut Contract) -> Result<(), DecodeError> {
    io.int(&mut c.con_id, "con id")?;
    io.text(&mut c.symbol, "symbol")?;
    io.text(&mut c.sec_type, "sec type")?;
    io.text(&mut c.last_trade_date_or_contract_month, "last trade date")?;
    io.float(&mut c.strike, "strike")?;
    io.text(&mut c.right, "right")
}

/// `updatePortfolio` (`PORTFOLIO_VALUE`, message version 8): one position of
/// the subscribed account, with its market value and PnL.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UpdatePortfolio {
    /// The message version (8 from current servers; 7 drops the trading
    /// class, 6 also the multiplier and primary exchange).
    pub version: i32,
    /// The instrument (conId, symbol, secType, expiry, strike, right,
    /// multiplier, primary exchange, currency, local symbol, trading class).
    pub contract: Contract,
    /// Signed quantity.
    pub position: Decimal,
    /// Price per unit.
    pub market_price: f64,
    /// Position × price × multiplier.
    pub market_value: f64,
    /// Average cost per unit, multiplier and commissions included.
    pub average_cost: f64,
    /// Unrealized PnL.
    pub unrealized_pnl: f64,
    /// Realized PnL.
    pub realized_pnl: f64,
    /// The account.
    pub account_name: String,
}

impl Layout for UpdatePortfolio {
    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        io.int(&mut self.version, "version")?;
        let v = self.version;
        let c = &mut self.contract;
        contract_head(io, c)?;
        if v >= 7 {
            io.text(&mut c.multiplier, "multiplier")?;
            io.text(&mut c.primary_exchange, "primary exchange")?;
        }
        io.text(&mut c.currency, "currency")?;
        io.text(&mut c.local_symbol, "local symbol")?;
        if v >= 8 {
            io.text(&mut c.trading_class, "trading class")?;
        }
        io.decimal(&mut self.position, "position")?;
        io.float(&mut self.market_price, "market price")?;
        io.float(&mut self.market_value, "market value")?;
        io.float(&mut self.average_cost, "average cost")?;
        io.float(&mut self.unrealized_pnl, "unrealized pnl")?;
        io.float(&mut self.realized_pnl, "realized pnl")?;
        io.text(&mut self.account_name, "account name")?;
        if v == 6 && io.sv() == 39 {
            io.text(&mut c.primary_exchange, "primary exchange")?;
        }
        Ok(())
    }
}

layout_message!(UpdatePortfolio = incoming::PORTFOLIO_VALUE, impl {
    crate::protobuf_form!(incoming::protobuf_since);
});

flat_message! {
    /// `updateAccountTime` (`ACCT_UPDATE_TIME`, message version 1): the time of
    /// the last account update, `HH:MM`.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct UpdateAccountTime = incoming::ACCT_UPDATE_TIME {
        version 1;
        /// The official `timeStamp` argument.
        pub time_stamp: String = Text,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
}

flat_message! {
    /// `accountDownloadEnd` (`ACCT_DOWNLOAD_END`, message version 1): the first
    /// full set of an account's values and portfolio has been sent.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct AccountDownloadEnd = incoming::ACCT_DOWNLOAD_END {
        version 1;
        /// The official `accountName` argument.
        pub account_name: String = Text,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
}

/// A message of a version field and a request id: the end markers.
macro_rules! req_id_end {
    ($(#[$doc:meta])* $name:ident = $id:path) => {
        flat_message! {
            $(#[$doc])*
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
            pub struct $name = $id {
                version 1;
                /// The request id.
                pub req_id: i32 = Int,
            }
            impl { crate::protobuf_form!(incoming::protobuf_since); }
        }
    };
}

req_id_end!(
    /// `accountSummaryEnd` (message version 1).
    AccountSummaryEnd = incoming::ACCOUNT_SUMMARY_END
);
req_id_end!(
    /// `positionMultiEnd` (message version 1).
    PositionMultiEnd = incoming::POSITION_MULTI_END
);
req_id_end!(
    /// `accountUpdateMultiEnd` (message version 1).
    AccountUpdateMultiEnd = incoming::ACCOUNT_UPDATE_MULTI_END
);

/// The contract fields of `position` and `positionMulti`, and of the order
/// and execution messages (where the multiplier and the trading class depend
/// on the message version).
pub(crate) fn position_contract(
    io: &mut dyn Io,
    c: &mut Contract,
    multiplier: bool,
    trading_class: bool,
) -> Result<(), DecodeError> {
    contract_head(io, c)?;
    if multiplier {
        io.text(&mut c.multiplier, "multiplier")?;
    }
    io.text(&mut c.exchange, "exchange")?;
    io.text(&mut c.currency, "currency")?;
    io.text(&mut c.local_symbol, "local symbol")?;
    if trading_class {
        io.text(&mut c.trading_class, "trading class")?;
    }
    Ok(())
}

/// `position` (`POSITION_DATA`, message version 3): one position of one account.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PositionData {
    /// The message version (3; 2 has no average cost, 1 no trading class).
    pub version: i32,
    /// The account.
    pub account: String,
    /// The instrument.
    pub contract: Contract,
    /// Signed quantity.
    pub position: Decimal,
    /// Average cost per unit (0 before version 3).
    pub avg_cost: f64,
}

impl Layout for PositionData {
    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        io.int(&mut self.version, "version")?;
        io.text(&mut self.account, "account")?;
        position_contract(io, &mut self.contract, true, self.version >= 2)?;
        io.decimal(&mut self.position, "position")?;
        if self.version >= 3 {
            io.float(&mut self.avg_cost, "avg cost")?;
        }
        Ok(())
    }
}

layout_message!(PositionData = incoming::POSITION_DATA, impl {
    crate::protobuf_form!(incoming::protobuf_since);
});

/// `positionEnd` (message version 1): every position has been sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PositionEnd;

impl Layout for PositionEnd {
    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        version(io, 1)
    }
}

layout_message!(PositionEnd = incoming::POSITION_END, impl {
    crate::protobuf_form!(incoming::protobuf_since);
});

flat_message! {
    /// `accountSummary` (message version 1): one value of an account summary.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct AccountSummary = incoming::ACCOUNT_SUMMARY {
        version 1;
        /// The request id.
        pub req_id: i32 = Int,
        /// The account.
        pub account: String = Text,
        /// The tag (`NetLiquidation`, `CashBalance`, …).
        pub tag: String = Text,
        /// The value, as text.
        pub value: String = Text,
        /// The currency, or empty.
        pub currency: String = Text,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
}

/// `positionMulti` (message version 1): one position of an account and/or model.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PositionMulti {
    /// The request id.
    pub req_id: i32,
    /// The account.
    pub account: String,
    /// The instrument.
    pub contract: Contract,
    /// Signed quantity.
    pub pos: Decimal,
    /// Average cost per unit.
    pub avg_cost: f64,
    /// The model code.
    pub model_code: String,
}

impl Layout for PositionMulti {
    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        version(io, 1)?;
        io.int(&mut self.req_id, "req id")?;
        io.text(&mut self.account, "account")?;
        position_contract(io, &mut self.contract, true, true)?;
        io.decimal(&mut self.pos, "position")?;
        io.float(&mut self.avg_cost, "avg cost")?;
        io.text(&mut self.model_code, "model code")
    }
}

layout_message!(PositionMulti = incoming::POSITION_MULTI, impl {
    crate::protobuf_form!(incoming::protobuf_since);
});

flat_message! {
    /// `accountUpdateMulti` (message version 1): one account value of an account
    /// and/or model.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct AccountUpdateMulti = incoming::ACCOUNT_UPDATE_MULTI {
        version 1;
        /// The request id.
        pub req_id: i32 = Int,
        /// The account.
        pub account: String = Text,
        /// The model code.
        pub model_code: String = Text,
        /// The key.
        pub key: String = Text,
        /// The value, as text.
        pub value: String = Text,
        /// The currency, or empty.
        pub currency: String = Text,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
}

/// The unrealized and realized PnL of `pnl` and `pnlSingle`: sent from server
/// versions 129 and 135; what an older server does not send reads as
/// [`UNSET_DOUBLE`] (the official decoder passes `None`).
fn unrealized_and_realized(
    io: &mut dyn Io,
    unrealized_pnl: &mut f64,
    realized_pnl: &mut f64,
) -> Result<(), DecodeError> {
    for (gate, v, f) in [
        (
            MIN_SERVER_VER_UNREALIZED_PNL,
            unrealized_pnl,
            "unrealized pnl",
        ),
        (MIN_SERVER_VER_REALIZED_PNL, realized_pnl, "realized pnl"),
    ] {
        if io.sv() >= gate {
            io.float(v, f)?;
        } else if io.reading() {
            *v = UNSET_DOUBLE;
        }
    }
    Ok(())
}

/// `pnl` (no version field): the PnL of an account and/or model.
///
/// Servers before 129 send no unrealized PnL, before 135 no realized PnL: the
/// official decoder passes `None`, this one [`UNSET_DOUBLE`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PnL {
    /// The request id.
    pub req_id: i32,
    /// PnL since the previous close.
    pub daily_pnl: f64,
    /// Unrealized PnL.
    pub unrealized_pnl: f64,
    /// Realized PnL.
    pub realized_pnl: f64,
}

impl Layout for PnL {
    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        io.int(&mut self.req_id, "req id")?;
        io.float(&mut self.daily_pnl, "daily pnl")?;
        unrealized_and_realized(io, &mut self.unrealized_pnl, &mut self.realized_pnl)
    }
}

layout_message!(PnL = incoming::PNL, impl { crate::protobuf_form!(incoming::protobuf_since); });

/// `pnlSingle` (no version field): the PnL of one position.
///
/// What TWS cannot compute it sends as [`UNSET_DOUBLE`]; missing fields of old
/// servers are [`UNSET_DOUBLE`] too, as in [`PnL`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PnLSingle {
    /// The request id.
    pub req_id: i32,
    /// The position.
    pub pos: Decimal,
    /// PnL since the previous close.
    pub daily_pnl: f64,
    /// Unrealized PnL.
    pub unrealized_pnl: f64,
    /// Realized PnL.
    pub realized_pnl: f64,
    /// Market value of the position.
    pub value: f64,
}

impl Layout for PnLSingle {
    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        io.int(&mut self.req_id, "req id")?;
        io.decimal(&mut self.pos, "pos")?;
        io.float(&mut self.daily_pnl, "daily pnl")?;
        unrealized_and_realized(io, &mut self.unrealized_pnl, &mut self.realized_pnl)?;
        io.float(&mut self.value, "value")
    }
}

layout_message!(PnLSingle = incoming::PNL_SINGLE, impl { crate::protobuf_form!(incoming::protobuf_since); });

/// `familyCodes` (no version field): the family code of each account.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FamilyCodes {
    /// One entry per account.
    pub family_codes: Vec<FamilyCode>,
}

impl Layout for FamilyCodes {
    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        list(io, &mut self.family_codes, "family codes count", |io, f| {
            io.text(&mut f.account_id, "account id")?;
            io.text(&mut f.family_code_str, "family code")?;
            Ok(())
        })?;
        Ok(())
    }
}

layout_message!(FamilyCodes = incoming::FAMILY_CODES, impl { crate::protobuf_form!(incoming::protobuf_since); });

/// `softDollarTiers` (no version field): the soft-dollar tiers of the account.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SoftDollarTiers {
    /// The request id.
    pub req_id: i32,
    /// The tiers.
    pub tiers: Vec<SoftDollarTier>,
}

impl Layout for SoftDollarTiers {
    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        io.int(&mut self.req_id, "req id")?;
        list(io, &mut self.tiers, "tiers count", |io, t| {
            io.text(&mut t.name, "name")?;
            io.text(&mut t.val, "val")?;
            io.text(&mut t.display_name, "display name")?;
            Ok(())
        })?;
        Ok(())
    }
}

layout_message!(SoftDollarTiers = incoming::SOFT_DOLLAR_TIERS, impl { crate::protobuf_form!(incoming::protobuf_since); });

flat_message! {
    /// `receiveFA` (`RECEIVE_FA`, message version 1): the advisor configuration
    /// asked for with `requestFA`.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct ReceiveFa = incoming::RECEIVE_FA {
        version 1;
        /// 1 groups, 3 aliases.
        pub fa_data: i32 = Int,
        /// The configuration, XML.
        pub cxml: String = Text,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
}

flat_message! {
    /// `replaceFAEnd` (no version field): a `replaceFA` is done.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct ReplaceFaEnd = incoming::REPLACE_FA_END {
        /// The request id of the `replaceFA`.
        pub req_id: i32 = Int,
        /// What was done.
        pub text: String = Raw,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
}

#[cfg(test)]
mod tests {
    use super::super::super::test_util::{round_trip, VERSIONS};
    use super::*;
    use crate::model::UNSET_DECIMAL;

    fn aapl() -> Contract {
        Contract {
            con_id: 265598,
            symbol: "AAPL".into(),
            sec_type: "STK".into(),
            strike: 0.0,
            multiplier: String::new(),
            primary_exchange: "NASDAQ".into(),
            exchange: "NASDAQ".into(),
            currency: "USD".into(),
            local_symbol: "AAPL".into(),
            trading_class: "NMS".into(),
            ..Contract::default()
        }
    }

    #[test]
    fn account_values_round_trip() {
        for sv in VERSIONS {
            let v = UpdateAccountValue {
                key: "CashBalance".into(),
                val: "1000000.00".into(),
                currency: "BASE".into(),
                account_name: "DU1234567 é\\".into(),
            };
            assert_eq!(round_trip(&v, sv), v);
            let t = UpdateAccountTime {
                time_stamp: "14:05".into(),
            };
            assert_eq!(round_trip(&t, sv), t);
            let e = AccountDownloadEnd {
                account_name: "DU1".into(),
            };
            assert_eq!(round_trip(&e, sv), e);
            let s = AccountSummary {
                req_id: 9,
                account: "DU1".into(),
                tag: "NetLiquidation".into(),
                value: "1000000.00".into(),
                currency: "USD".into(),
            };
            assert_eq!(round_trip(&s, sv), s);
            assert_eq!(round_trip(&AccountSummaryEnd { req_id: 9 }, sv).req_id, 9);
            let m = AccountUpdateMulti {
                req_id: 3,
                account: "DU1".into(),
                model_code: "M".into(),
                key: "NetLiquidation".into(),
                value: "1.5".into(),
                currency: "USD".into(),
            };
            assert_eq!(round_trip(&m, sv), m);
            assert_eq!(
                round_trip(&AccountUpdateMultiEnd { req_id: 3 }, sv).req_id,
                3
            );
        }
    }

    #[test]
    fn portfolio_and_positions_round_trip() {
        for sv in VERSIONS {
            for version in [6, 7, 8] {
                let mut c = aapl();
                if version < 8 {
                    c.trading_class.clear();
                }
                if version < 7 {
                    c.primary_exchange.clear();
                }
                c.exchange.clear();
                let p = UpdatePortfolio {
                    version,
                    contract: c,
                    position: Decimal::new(1005, 1),
                    market_price: 187.25,
                    market_value: 18818.625,
                    average_cost: 180.01,
                    unrealized_pnl: 727.62,
                    realized_pnl: -2.0,
                    account_name: "DU1".into(),
                };
                assert_eq!(round_trip(&p, sv), p);
            }
            for version in [1, 2, 3] {
                let mut c = aapl();
                c.primary_exchange.clear();
                if version < 2 {
                    c.trading_class.clear();
                }
                let p = PositionData {
                    version,
                    account: "DU1".into(),
                    contract: c,
                    position: UNSET_DECIMAL,
                    avg_cost: if version >= 3 { 180.5 } else { 0.0 },
                };
                assert_eq!(round_trip(&p, sv), p);
            }
            assert_eq!(round_trip(&PositionEnd, sv), PositionEnd);
            let mut c = aapl();
            c.primary_exchange.clear();
            let m = PositionMulti {
                req_id: 4,
                account: "DU1".into(),
                contract: c,
                pos: Decimal::from(-100),
                avg_cost: 1e-9,
                model_code: "M1".into(),
            };
            assert_eq!(round_trip(&m, sv), m);
            assert_eq!(round_trip(&PositionMultiEnd { req_id: 4 }, sv).req_id, 4);
        }
    }

    #[test]
    fn pnl_round_trips_and_old_servers_lack_fields() {
        for sv in VERSIONS {
            let p = PnL {
                req_id: 1,
                daily_pnl: 12.5,
                unrealized_pnl: UNSET_DOUBLE,
                realized_pnl: -3.25,
            };
            let s = PnLSingle {
                req_id: 2,
                pos: Decimal::from(100),
                daily_pnl: 1.0,
                unrealized_pnl: 2.0,
                realized_pnl: 3.0,
                value: 18725.0,
            };
            if sv >= MIN_SERVER_VER_REALIZED_PNL {
                assert_eq!(round_trip(&p, sv), p);
                assert_eq!(round_trip(&s, sv), s);
            }
        }
        let old = round_trip(
            &PnLSingle {
                req_id: 2,
                pos: Decimal::from(1),
                daily_pnl: 1.0,
                unrealized_pnl: 2.0,
                realized_pnl: 3.0,
                value: 4.0,
            },
            130,
        );
        assert_eq!(old.unrealized_pnl, 2.0);
        assert_eq!(old.realized_pnl, UNSET_DOUBLE);
        assert_eq!(old.value, 4.0);
    }

    #[test]
    fn lists_and_fa_round_trip() {
        for sv in VERSIONS {
            let f = FamilyCodes {
                family_codes: vec![
                    FamilyCode {
                        account_id: "DU1".into(),
                        family_code_str: "F1".into(),
                    },
                    FamilyCode::default(),
                ],
            };
            assert_eq!(round_trip(&f, sv), f);
            let t = SoftDollarTiers {
                req_id: 5,
                tiers: vec![SoftDollarTier::new("Tier1", "1", "Tier One")],
            };
            assert_eq!(round_trip(&t, sv), t);
            let r = ReceiveFa {
                fa_data: 1,
                cxml: "<?xml version=\"1.0\"?><ListOfGroups/>".into(),
            };
            assert_eq!(round_trip(&r, sv), r);
            let e = ReplaceFaEnd {
                req_id: 6,
                text: "FA replaced".into(),
            };
            assert_eq!(round_trip(&e, sv), e);
        }
    }

    #[test]
    fn truncated_frames_are_errors() {
        let body = b"8\x00265598\x00AAPL\x00";
        assert!(super::super::super::decode_body::<UpdatePortfolio>(203, body).is_err());
        assert!(super::super::super::decode_body::<FamilyCodes>(203, b"2\x00a\x00").is_err());
        assert!(super::super::super::decode_body::<PnL>(203, b"x\x00").is_err());
    }
}

mod deliver {
    //! How the account, portfolio, position, PnL and FA messages reach the
    //! `EWrapper`.
    use super::*;
    use crate::messages::ids::outgoing;
    use crate::messages::incoming::Incoming;
    use crate::messages::route::Route;
    use crate::EWrapper;

    /// The answers of `reqAccountUpdates`.
    const ACCOUNT_UPDATES: Route = Route::requests(&[outgoing::REQ_ACCT_DATA]);
    /// The answers of `reqPositions`.
    const POSITIONS: Route = Route::requests(&[outgoing::REQ_POSITIONS]);

    impl Incoming for UpdateAccountValue {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.update_account_value(&self.key, &self.val, &self.currency, &self.account_name);
            Ok(())
        }
        fn route(&self) -> Route {
            ACCOUNT_UPDATES
        }
    }

    impl Incoming for UpdatePortfolio {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.update_portfolio(
                &self.contract,
                self.position,
                self.market_price,
                self.market_value,
                self.average_cost,
                self.unrealized_pnl,
                self.realized_pnl,
                &self.account_name,
            );
            Ok(())
        }
        fn route(&self) -> Route {
            ACCOUNT_UPDATES
        }
    }

    impl Incoming for UpdateAccountTime {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.update_account_time(&self.time_stamp);
            Ok(())
        }
        fn route(&self) -> Route {
            ACCOUNT_UPDATES
        }
    }

    impl Incoming for AccountDownloadEnd {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.account_download_end(&self.account_name);
            Ok(())
        }
        fn route(&self) -> Route {
            ACCOUNT_UPDATES
        }
    }

    impl Incoming for PositionData {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.position(&self.account, &self.contract, self.position, self.avg_cost);
            Ok(())
        }
        fn route(&self) -> Route {
            POSITIONS
        }
    }

    impl Incoming for PositionEnd {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.position_end();
            Ok(())
        }
        fn route(&self) -> Route {
            POSITIONS
        }
    }

    impl Incoming for AccountSummary {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.account_summary(
                self.req_id,
                &self.account,
                &self.tag,
                &self.value,
                &self.currency,
            );
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id)
        }
    }

    impl Incoming for AccountSummaryEnd {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.account_summary_end(self.req_id);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id)
        }
    }

    impl Incoming for PositionMulti {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.position_multi(
                self.req_id,
                &self.account,
                &self.model_code,
                &self.contract,
                self.pos,
                self.avg_cost,
            );
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id)
        }
    }

    impl Incoming for PositionMultiEnd {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.position_multi_end(self.req_id);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id)
        }
    }

    impl Incoming for AccountUpdateMulti {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.account_update_multi(
                self.req_id,
                &self.account,
                &self.model_code,
                &self.key,
                &self.value,
                &self.currency,
            );
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id)
        }
    }

    impl Incoming for AccountUpdateMultiEnd {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.account_update_multi_end(self.req_id);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id)
        }
    }

    impl Incoming for PnL {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.pnl(
                self.req_id,
                self.daily_pnl,
                self.unrealized_pnl,
                self.realized_pnl,
            );
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id)
        }
    }

    impl Incoming for PnLSingle {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.pnl_single(
                self.req_id,
                self.pos,
                self.daily_pnl,
                self.unrealized_pnl,
                self.realized_pnl,
                self.value,
            );
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id)
        }
    }

    impl Incoming for FamilyCodes {
        const MAY_END: bool = true;
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.family_codes(&self.family_codes);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::requests(&[outgoing::REQ_FAMILY_CODES]).ending()
        }
    }

    impl Incoming for SoftDollarTiers {
        const MAY_END: bool = true;
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.soft_dollar_tiers(self.req_id, &self.tiers);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id).ending()
        }
    }

    impl Incoming for ReceiveFa {
        const MAY_END: bool = true;
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.receive_fa(self.fa_data, &self.cxml);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::requests(&[outgoing::REQ_FA]).ending()
        }
    }

    impl Incoming for ReplaceFaEnd {
        const MAY_END: bool = true;
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.replace_fa_end(self.req_id, &self.text);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id).ending()
        }
    }
}
