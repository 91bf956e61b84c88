//! The account messages TWS sends, as the official decoder reads them.
//!
//! Two families: the messages the official decoder maps field by field onto
//! the callback's arguments (`updateAccountValue`, `updateAccountTime`,
//! `accountDownloadEnd`, `accountSummary`, `accountUpdateMulti`, `receiveFA`,
//! the end markers) read every text argument with the server's escapes
//! resolved from version 153 on (`MIN_SERVER_VER_ENCODE_MSG_ASCII7`); the others (`updatePortfolio`,
//! `position`, `positionMulti`, `replaceFAEnd`, …) read plain UTF-8.

use super::super::ids::incoming;
use super::super::{read_text, write_text, Message};
use crate::model::{Contract, Decimal, FamilyCode, SoftDollarTier, UNSET_DOUBLE};
use crate::server_versions::{MIN_SERVER_VER_REALIZED_PNL, MIN_SERVER_VER_UNREALIZED_PNL};
use crate::wire::{DecodeError, EncodeError, FieldReader, FieldWriter};

/// A float field as TWS writes it (Python's `str` form; the unset value as
/// `1.7976931348623157e+308`, which the official decoder reads back as unset).
fn put_float(w: &mut FieldWriter<'_>, v: f64) {
    w.put_f64(v);
}

/// `updateAccountValue` (`ACCT_VALUE`, message version 2): one account value.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UpdateAccountValue {
    /// The key (`NetLiquidation`, `CashBalance`, …).
    pub key: String,
    /// The value, as text.
    pub val: String,
    /// The currency (`USD`, `BASE`, or empty for values without one).
    pub currency: String,
    /// The account.
    pub account_name: String,
}

impl Message for UpdateAccountValue {
    const ID: u32 = incoming::ACCT_VALUE;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(2);
        write_text(sv, w, &self.key);
        write_text(sv, w, &self.val);
        write_text(sv, w, &self.currency);
        write_text(sv, w, &self.account_name);
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(UpdateAccountValue {
            key: read_text(sv, r, "key")?,
            val: read_text(sv, r, "val")?,
            currency: read_text(sv, r, "currency")?,
            account_name: read_text(sv, r, "account name")?,
        })
    }
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

impl Message for UpdatePortfolio {
    const ID: u32 = incoming::PORTFOLIO_VALUE;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        let c = &self.contract;
        let v = self.version;
        w.put_int(v);
        w.put_int(c.con_id);
        w.put_str_raw(&c.symbol);
        w.put_str_raw(&c.sec_type);
        w.put_str_raw(&c.last_trade_date_or_contract_month);
        put_float(w, c.strike);
        w.put_str_raw(&c.right);
        if v >= 7 {
            w.put_str_raw(&c.multiplier);
            w.put_str_raw(&c.primary_exchange);
        }
        w.put_str_raw(&c.currency);
        w.put_str_raw(&c.local_symbol);
        if v >= 8 {
            w.put_str_raw(&c.trading_class);
        }
        w.put_decimal(self.position);
        put_float(w, self.market_price);
        put_float(w, self.market_value);
        put_float(w, self.average_cost);
        put_float(w, self.unrealized_pnl);
        put_float(w, self.realized_pnl);
        w.put_str_raw(&self.account_name);
        if v == 6 && sv == 39 {
            w.put_str_raw(&c.primary_exchange);
        }
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        let version: i32 = r.read_int_named("version")?;
        let mut c = Contract {
            con_id: r.read_int_named("con id")?,
            symbol: r.read_string("symbol")?,
            sec_type: r.read_string("sec type")?,
            last_trade_date_or_contract_month: r.read_string("last trade date")?,
            strike: r.read_f64("strike")?,
            right: r.read_string("right")?,
            ..Contract::default()
        };
        if version >= 7 {
            c.multiplier = r.read_string("multiplier")?;
            c.primary_exchange = r.read_string("primary exchange")?;
        }
        c.currency = r.read_string("currency")?;
        c.local_symbol = r.read_string("local symbol")?;
        if version >= 8 {
            c.trading_class = r.read_string("trading class")?;
        }
        let position = r.read_decimal("position")?;
        let market_price = r.read_f64("market price")?;
        let market_value = r.read_f64("market value")?;
        let average_cost = r.read_f64("average cost")?;
        let unrealized_pnl = r.read_f64("unrealized pnl")?;
        let realized_pnl = r.read_f64("realized pnl")?;
        let account_name = r.read_string("account name")?;
        if version == 6 && sv == 39 {
            c.primary_exchange = r.read_string("primary exchange")?;
        }
        Ok(UpdatePortfolio {
            version,
            contract: c,
            position,
            market_price,
            market_value,
            average_cost,
            unrealized_pnl,
            realized_pnl,
            account_name,
        })
    }
}

/// A message of a version field and one text argument.
macro_rules! one_text {
    ($(#[$doc:meta])* $name:ident, $id:expr, $field:ident, $label:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Default)]
        pub struct $name {
            #[doc = concat!("The official `", $label, "` argument.")]
            pub $field: String,
        }

        impl Message for $name {
            const ID: u32 = $id;

            fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
                w.put_int(1);
                write_text(sv, w, &self.$field);
                Ok(())
            }

            fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
                r.skip("version")?;
                Ok($name {
                    $field: read_text(sv, r, $label)?,
                })
            }
        }
    };
}

one_text!(
    /// `updateAccountTime` (`ACCT_UPDATE_TIME`, message version 1): the time of
    /// the last account update, `HH:MM`.
    UpdateAccountTime,
    incoming::ACCT_UPDATE_TIME,
    time_stamp,
    "timeStamp"
);
one_text!(
    /// `accountDownloadEnd` (`ACCT_DOWNLOAD_END`, message version 1): the first
    /// full set of an account's values and portfolio has been sent.
    AccountDownloadEnd,
    incoming::ACCT_DOWNLOAD_END,
    account_name,
    "accountName"
);

/// A message of a version field and a request id: the end markers.
macro_rules! req_id_end {
    ($(#[$doc:meta])* $name:ident, $id:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        pub struct $name {
            /// The request id.
            pub req_id: i32,
        }

        impl Message for $name {
            const ID: u32 = $id;

            fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
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

req_id_end!(
    /// `accountSummaryEnd` (message version 1).
    AccountSummaryEnd,
    incoming::ACCOUNT_SUMMARY_END
);
req_id_end!(
    /// `positionMultiEnd` (message version 1).
    PositionMultiEnd,
    incoming::POSITION_MULTI_END
);
req_id_end!(
    /// `accountUpdateMultiEnd` (message version 1).
    AccountUpdateMultiEnd,
    incoming::ACCOUNT_UPDATE_MULTI_END
);

/// The contract fields of `position` and `positionMulti`.
fn put_position_contract(w: &mut FieldWriter<'_>, c: &Contract, trading_class: bool) {
    w.put_int(c.con_id);
    w.put_str_raw(&c.symbol);
    w.put_str_raw(&c.sec_type);
    w.put_str_raw(&c.last_trade_date_or_contract_month);
    put_float(w, c.strike);
    w.put_str_raw(&c.right);
    w.put_str_raw(&c.multiplier);
    w.put_str_raw(&c.exchange);
    w.put_str_raw(&c.currency);
    w.put_str_raw(&c.local_symbol);
    if trading_class {
        w.put_str_raw(&c.trading_class);
    }
}

/// Reads what [`put_position_contract`] writes.
fn read_position_contract(
    r: &mut FieldReader<'_>,
    trading_class: bool,
) -> Result<Contract, DecodeError> {
    let mut c = Contract {
        con_id: r.read_int_named("con id")?,
        symbol: r.read_string("symbol")?,
        sec_type: r.read_string("sec type")?,
        last_trade_date_or_contract_month: r.read_string("last trade date")?,
        strike: r.read_f64("strike")?,
        right: r.read_string("right")?,
        multiplier: r.read_string("multiplier")?,
        exchange: r.read_string("exchange")?,
        currency: r.read_string("currency")?,
        local_symbol: r.read_string("local symbol")?,
        ..Contract::default()
    };
    if trading_class {
        c.trading_class = r.read_string("trading class")?;
    }
    Ok(c)
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

impl Message for PositionData {
    const ID: u32 = incoming::POSITION_DATA;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(self.version);
        w.put_str_raw(&self.account);
        put_position_contract(w, &self.contract, self.version >= 2);
        w.put_decimal(self.position);
        if self.version >= 3 {
            put_float(w, self.avg_cost);
        }
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        let version: i32 = r.read_int_named("version")?;
        let account = r.read_string("account")?;
        let contract = read_position_contract(r, version >= 2)?;
        let position = r.read_decimal("position")?;
        let avg_cost = if version >= 3 {
            r.read_f64("avg cost")?
        } else {
            0.0
        };
        Ok(PositionData {
            version,
            account,
            contract,
            position,
            avg_cost,
        })
    }
}

/// `positionEnd` (message version 1): every position has been sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PositionEnd;

impl Message for PositionEnd {
    const ID: u32 = incoming::POSITION_END;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(1);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(PositionEnd)
    }
}

/// `accountSummary` (message version 1): one value of an account summary.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AccountSummary {
    /// The request id.
    pub req_id: i32,
    /// The account.
    pub account: String,
    /// The tag (`NetLiquidation`, `CashBalance`, …).
    pub tag: String,
    /// The value, as text.
    pub value: String,
    /// The currency, or empty.
    pub currency: String,
}

impl Message for AccountSummary {
    const ID: u32 = incoming::ACCOUNT_SUMMARY;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(1);
        w.put_int(self.req_id);
        write_text(sv, w, &self.account);
        write_text(sv, w, &self.tag);
        write_text(sv, w, &self.value);
        write_text(sv, w, &self.currency);
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(AccountSummary {
            req_id: r.read_int_named("req id")?,
            account: read_text(sv, r, "account")?,
            tag: read_text(sv, r, "tag")?,
            value: read_text(sv, r, "value")?,
            currency: read_text(sv, r, "currency")?,
        })
    }
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

impl Message for PositionMulti {
    const ID: u32 = incoming::POSITION_MULTI;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(1);
        w.put_int(self.req_id);
        w.put_str_raw(&self.account);
        put_position_contract(w, &self.contract, true);
        w.put_decimal(self.pos);
        put_float(w, self.avg_cost);
        w.put_str_raw(&self.model_code);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(PositionMulti {
            req_id: r.read_int_named("req id")?,
            account: r.read_string("account")?,
            contract: read_position_contract(r, true)?,
            pos: r.read_decimal("position")?,
            avg_cost: r.read_f64("avg cost")?,
            model_code: r.read_string("model code")?,
        })
    }
}

/// `accountUpdateMulti` (message version 1): one account value of an account
/// and/or model.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AccountUpdateMulti {
    /// The request id.
    pub req_id: i32,
    /// The account.
    pub account: String,
    /// The model code.
    pub model_code: String,
    /// The key.
    pub key: String,
    /// The value, as text.
    pub value: String,
    /// The currency, or empty.
    pub currency: String,
}

impl Message for AccountUpdateMulti {
    const ID: u32 = incoming::ACCOUNT_UPDATE_MULTI;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(1);
        w.put_int(self.req_id);
        write_text(sv, w, &self.account);
        write_text(sv, w, &self.model_code);
        write_text(sv, w, &self.key);
        write_text(sv, w, &self.value);
        write_text(sv, w, &self.currency);
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(AccountUpdateMulti {
            req_id: r.read_int_named("req id")?,
            account: read_text(sv, r, "account")?,
            model_code: read_text(sv, r, "model code")?,
            key: read_text(sv, r, "key")?,
            value: read_text(sv, r, "value")?,
            currency: read_text(sv, r, "currency")?,
        })
    }
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

impl Message for PnL {
    const ID: u32 = incoming::PNL;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(self.req_id);
        put_float(w, self.daily_pnl);
        if sv >= MIN_SERVER_VER_UNREALIZED_PNL {
            put_float(w, self.unrealized_pnl);
        }
        if sv >= MIN_SERVER_VER_REALIZED_PNL {
            put_float(w, self.realized_pnl);
        }
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        let req_id = r.read_int_named("req id")?;
        let daily_pnl = r.read_f64("daily pnl")?;
        let mut unrealized_pnl = UNSET_DOUBLE;
        let mut realized_pnl = UNSET_DOUBLE;
        if sv >= MIN_SERVER_VER_UNREALIZED_PNL {
            unrealized_pnl = r.read_f64("unrealized pnl")?;
        }
        if sv >= MIN_SERVER_VER_REALIZED_PNL {
            realized_pnl = r.read_f64("realized pnl")?;
        }
        Ok(PnL {
            req_id,
            daily_pnl,
            unrealized_pnl,
            realized_pnl,
        })
    }
}

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

impl Message for PnLSingle {
    const ID: u32 = incoming::PNL_SINGLE;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(self.req_id);
        w.put_decimal(self.pos);
        put_float(w, self.daily_pnl);
        if sv >= MIN_SERVER_VER_UNREALIZED_PNL {
            put_float(w, self.unrealized_pnl);
        }
        if sv >= MIN_SERVER_VER_REALIZED_PNL {
            put_float(w, self.realized_pnl);
        }
        put_float(w, self.value);
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        let req_id = r.read_int_named("req id")?;
        let pos = r.read_decimal("pos")?;
        let daily_pnl = r.read_f64("daily pnl")?;
        let mut unrealized_pnl = UNSET_DOUBLE;
        let mut realized_pnl = UNSET_DOUBLE;
        if sv >= MIN_SERVER_VER_UNREALIZED_PNL {
            unrealized_pnl = r.read_f64("unrealized pnl")?;
        }
        if sv >= MIN_SERVER_VER_REALIZED_PNL {
            realized_pnl = r.read_f64("realized pnl")?;
        }
        let value = r.read_f64("value")?;
        Ok(PnLSingle {
            req_id,
            pos,
            daily_pnl,
            unrealized_pnl,
            realized_pnl,
            value,
        })
    }
}

/// `familyCodes` (no version field): the family code of each account.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FamilyCodes {
    /// One entry per account.
    pub family_codes: Vec<FamilyCode>,
}

impl Message for FamilyCodes {
    const ID: u32 = incoming::FAMILY_CODES;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(self.family_codes.len() as i64);
        for f in &self.family_codes {
            w.put_str_raw(&f.account_id);
            w.put_str_raw(&f.family_code_str);
        }
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        let n: u16 = r.read_int_named("family codes count")?;
        let mut family_codes = Vec::with_capacity(n.min(64) as usize);
        for _ in 0..n {
            family_codes.push(FamilyCode {
                account_id: r.read_string("account id")?,
                family_code_str: r.read_string("family code")?,
            });
        }
        Ok(FamilyCodes { family_codes })
    }
}

/// `softDollarTiers` (no version field): the soft-dollar tiers of the account.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SoftDollarTiers {
    /// The request id.
    pub req_id: i32,
    /// The tiers.
    pub tiers: Vec<SoftDollarTier>,
}

impl Message for SoftDollarTiers {
    const ID: u32 = incoming::SOFT_DOLLAR_TIERS;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(self.req_id);
        w.put_int(self.tiers.len() as i64);
        for t in &self.tiers {
            w.put_str_raw(&t.name);
            w.put_str_raw(&t.val);
            w.put_str_raw(&t.display_name);
        }
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        let req_id = r.read_int_named("req id")?;
        let n: u16 = r.read_int_named("tiers count")?;
        let mut tiers = Vec::with_capacity(n.min(64) as usize);
        for _ in 0..n {
            tiers.push(SoftDollarTier {
                name: r.read_string("name")?,
                val: r.read_string("val")?,
                display_name: r.read_string("display name")?,
            });
        }
        Ok(SoftDollarTiers { req_id, tiers })
    }
}

/// `receiveFA` (`RECEIVE_FA`, message version 1): the advisor configuration
/// asked for with `requestFA`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReceiveFa {
    /// 1 groups, 3 aliases.
    pub fa_data: i32,
    /// The configuration, XML.
    pub cxml: String,
}

impl Message for ReceiveFa {
    const ID: u32 = incoming::RECEIVE_FA;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(1);
        w.put_int(self.fa_data);
        write_text(sv, w, &self.cxml);
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(ReceiveFa {
            fa_data: r.read_int_named("fa data")?,
            cxml: read_text(sv, r, "cxml")?,
        })
    }
}

/// `replaceFAEnd` (no version field): a `replaceFA` is done.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReplaceFaEnd {
    /// The request id of the `replaceFA`.
    pub req_id: i32,
    /// What was done.
    pub text: String,
}

impl Message for ReplaceFaEnd {
    const ID: u32 = incoming::REPLACE_FA_END;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(self.req_id);
        w.put_str_raw(&self.text);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        Ok(ReplaceFaEnd {
            req_id: r.read_int_named("req id")?,
            text: r.read_string("text")?,
        })
    }
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
