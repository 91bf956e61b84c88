//! `contractDetails` and `bondContractDetails`: the long conditional
//! messages, each a [`Layout`] written once for both directions, every
//! version branch of the official decoder included.

use super::super::ids::incoming;
use super::super::layout::{Io, Layout};
use crate::layout_message;
use crate::messages::layout::{list, server_text};
use crate::model::{Contract, ContractDetails, FundAssetType, FundDistributionPolicyIndicator};
use crate::server_versions::{
    MIN_SERVER_VER_AGG_GROUP, MIN_SERVER_VER_BOND_TRADING_HOURS,
    MIN_SERVER_VER_FRACTIONAL_SIZE_SUPPORT, MIN_SERVER_VER_FUND_DATA_FIELDS,
    MIN_SERVER_VER_INELIGIBILITY_REASONS, MIN_SERVER_VER_LAST_TRADE_DATE,
    MIN_SERVER_VER_MARKET_RULES, MIN_SERVER_VER_MD_SIZE_MULTIPLIER,
    MIN_SERVER_VER_REAL_EXPIRATION_DATE, MIN_SERVER_VER_SIZE_RULES, MIN_SERVER_VER_STOCK_TYPE,
    MIN_SERVER_VER_UNDERLYING_INFO,
};
use crate::wire::DecodeError;

/// The message version TWS writes on `contractDetails` before
/// `MIN_SERVER_VER_SIZE_RULES` (from that version on there is no version field
/// and the decoder assumes 8).
const CONTRACT_DATA_VERSION: i32 = 8;
/// The same for `bondContractDetails` (assumed 6 from `MIN_SERVER_VER_SIZE_RULES`).
const BOND_CONTRACT_DATA_VERSION: i32 = 6;

/// Whitespace as Python's `str.split()` sees it (Unicode whitespace plus the
/// separators U+001C–U+001F).
fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// The official `readLastTradeDate`: `date[-time[-zone]]` or
/// `date[ time[ zone]]` split into its parts (empty parts kept when split on
/// `-`, as Python's `str.split("-")` keeps them).
pub(super) fn split_last_trade_date(field: &str) -> Vec<&str> {
    if field.contains('-') {
        field.split('-').collect()
    } else {
        field.split(py_space).filter(|p| !p.is_empty()).collect()
    }
}

/// Joins the parts as TWS sends them: separated by a space, trailing empty
/// parts left out. An empty part before a given one (no date, but a time)
/// or a part holding a space is kept by a `-` instead, which the split
/// keeps where a space would not (found by the random inputs of
/// tests/fuzz_regressions.rs).
pub(super) fn join_last_trade_date(parts: &[&str]) -> String {
    let n = parts
        .iter()
        .rposition(|p| !p.is_empty())
        .map_or(0, |i| i + 1);
    // A space would not keep the parts apart either when a part holds one.
    let gap = parts[..n]
        .iter()
        .any(|p| p.is_empty() || p.chars().any(char::is_whitespace));
    if gap && !parts.iter().any(|p| p.contains('-')) {
        parts[..n].join("-")
    } else {
        parts[..n].join(" ")
    }
}

/// A `readLastTradeDate` field: `parts` (date, time, zone) written joined,
/// read split; a part the field does not carry is left as it is.
fn last_trade_date(
    io: &mut dyn Io,
    parts: &mut [&mut String],
    f: &'static str,
) -> Result<(), DecodeError> {
    let mut field = join_last_trade_date(&parts.iter().map(|p| p.as_str()).collect::<Vec<_>>());
    io.text(&mut field, f)?;
    if io.reading() {
        for (part, value) in parts.iter_mut().zip(split_last_trade_date(&field)) {
            **part = value.to_owned();
        }
    }
    Ok(())
}

/// A field carrying one of the codes of `T` (`T::code` written,
/// `T::from_code` read).
fn code<T: Copy>(
    io: &mut dyn Io,
    v: &mut T,
    to: fn(T) -> &'static str,
    from: fn(&str) -> T,
    f: &'static str,
) -> Result<(), DecodeError> {
    let mut field = to(*v).to_owned();
    io.text(&mut field, f)?;
    if io.reading() {
        *v = from(&field);
    }
    Ok(())
}

/// The version field (before `MIN_SERVER_VER_SIZE_RULES`, `assumed` after),
/// the request id (from message version 3, -1 before), the symbol and the
/// security type: returns the message version.
fn version_to_sec_type(
    io: &mut dyn Io,
    assumed: i32,
    req_id: &mut i32,
    c: &mut Contract,
) -> Result<i32, DecodeError> {
    let mut version = assumed;
    if io.sv() < MIN_SERVER_VER_SIZE_RULES {
        io.int(&mut version, "version")?;
    }
    if version >= 3 {
        io.int(req_id, "req id")?;
    } else {
        *req_id = -1;
    }
    io.text(&mut c.symbol, "symbol")?;
    io.text(&mut c.sec_type, "sec type")?;
    Ok(version)
}

/// From the market name to the minimum tick, and the unused
/// `mdSizeMultiplier` (always 1) where the server sends it.
fn market_name_to_min_tick(io: &mut dyn Io, d: &mut ContractDetails) -> Result<(), DecodeError> {
    io.text(&mut d.market_name, "market name")?;
    io.text(&mut d.contract.trading_class, "trading class")?;
    io.int(&mut d.contract.con_id, "con id")?;
    io.float(&mut d.min_tick, "min tick")?;
    if (MIN_SERVER_VER_MD_SIZE_MULTIPLIER..MIN_SERVER_VER_SIZE_RULES).contains(&io.sv()) {
        io.long(&mut 1, "md size multiplier")?;
    }
    Ok(())
}

/// The EV rule and multiplier (if `ev`), the secIdList (if `sec_ids`) and
/// the aggregated group.
fn ev_rule_to_agg_group(
    io: &mut dyn Io,
    d: &mut ContractDetails,
    ev: bool,
    sec_ids: bool,
) -> Result<(), DecodeError> {
    if ev {
        io.text(&mut d.ev_rule, "ev rule")?;
        io.int(&mut d.ev_multiplier, "ev multiplier")?;
    }
    if sec_ids {
        list(io, &mut d.sec_id_list, "sec id list count", |io, tv| {
            io.text(&mut tv.tag, "sec id tag")?;
            io.text(&mut tv.value, "sec id value")
        })?;
    }
    if io.sv() >= MIN_SERVER_VER_AGG_GROUP {
        io.int(&mut d.agg_group, "agg group")?;
    }
    Ok(())
}

/// The size rules, from `MIN_SERVER_VER_SIZE_RULES`.
fn size_rules(io: &mut dyn Io, d: &mut ContractDetails) -> Result<(), DecodeError> {
    if io.sv() >= MIN_SERVER_VER_SIZE_RULES {
        io.decimal(&mut d.min_size, "min size")?;
        io.decimal(&mut d.size_increment, "size increment")?;
        io.decimal(&mut d.suggested_size_increment, "suggested size increment")?;
    }
    Ok(())
}

/// `contractDetails`: one contract matching a `reqContractDetails` request.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ContractData {
    /// The request id.
    pub req_id: i32,
    /// The contract and its details.
    pub details: ContractDetails,
}

impl Layout for ContractData {
    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        let sv = io.sv();
        let d = &mut self.details;
        let version =
            version_to_sec_type(io, CONTRACT_DATA_VERSION, &mut self.req_id, &mut d.contract)?;
        last_trade_date(
            io,
            &mut [
                &mut d.contract.last_trade_date_or_contract_month,
                &mut d.last_trade_time,
            ],
            "last trade date or contract month",
        )?;
        if sv >= MIN_SERVER_VER_LAST_TRADE_DATE {
            io.text(&mut d.contract.last_trade_date, "last trade date")?;
        }
        io.float(&mut d.contract.strike, "strike")?;
        io.text(&mut d.contract.right, "right")?;
        io.text(&mut d.contract.exchange, "exchange")?;
        io.text(&mut d.contract.currency, "currency")?;
        io.text(&mut d.contract.local_symbol, "local symbol")?;
        market_name_to_min_tick(io, d)?;
        io.text(&mut d.contract.multiplier, "multiplier")?;
        io.text(&mut d.order_types, "order types")?;
        io.text(&mut d.valid_exchanges, "valid exchanges")?;
        io.int(&mut d.price_magnifier, "price magnifier")?;
        if version >= 4 {
            io.int(&mut d.under_con_id, "under con id")?;
        }
        if version >= 5 {
            server_text(io, &mut d.long_name, "long name")?;
            io.text(&mut d.contract.primary_exchange, "primary exchange")?;
        }
        if version >= 6 {
            io.text(&mut d.contract_month, "contract month")?;
            io.text(&mut d.industry, "industry")?;
            io.text(&mut d.category, "category")?;
            io.text(&mut d.subcategory, "subcategory")?;
            io.text(&mut d.time_zone_id, "time zone id")?;
            io.text(&mut d.trading_hours, "trading hours")?;
            io.text(&mut d.liquid_hours, "liquid hours")?;
        }
        ev_rule_to_agg_group(io, d, version >= 8, version >= 7)?;
        if sv >= MIN_SERVER_VER_UNDERLYING_INFO {
            io.text(&mut d.under_symbol, "under symbol")?;
            io.text(&mut d.under_sec_type, "under sec type")?;
        }
        if sv >= MIN_SERVER_VER_MARKET_RULES {
            io.text(&mut d.market_rule_ids, "market rule ids")?;
        }
        if sv >= MIN_SERVER_VER_REAL_EXPIRATION_DATE {
            io.text(&mut d.real_expiration_date, "real expiration date")?;
        }
        if sv >= MIN_SERVER_VER_STOCK_TYPE {
            io.text(&mut d.stock_type, "stock type")?;
        }
        if (MIN_SERVER_VER_FRACTIONAL_SIZE_SUPPORT..MIN_SERVER_VER_SIZE_RULES).contains(&sv) {
            // sizeMinTick, no longer used.
            io.decimal(&mut d.size_increment.clone(), "size min tick")?;
        }
        size_rules(io, d)?;
        if sv >= MIN_SERVER_VER_FUND_DATA_FIELDS && d.contract.sec_type == "FUND" {
            fund_fields(io, d)?;
        }
        if sv >= MIN_SERVER_VER_INELIGIBILITY_REASONS {
            list(
                io,
                &mut d.ineligibility_reason_list,
                "ineligibility reason count",
                |io, reason| {
                    io.text(&mut reason.id, "ineligibility reason id")?;
                    io.text(&mut reason.description, "ineligibility reason description")
                },
            )?;
        }
        Ok(())
    }
}

layout_message!(ContractData = incoming::CONTRACT_DATA, impl {
    crate::protobuf_form!(incoming::protobuf_since);
});

/// The fund fields of a `FUND` contract.
fn fund_fields(io: &mut dyn Io, d: &mut ContractDetails) -> Result<(), DecodeError> {
    io.text(&mut d.fund_name, "fund name")?;
    io.text(&mut d.fund_family, "fund family")?;
    io.text(&mut d.fund_type, "fund type")?;
    io.text(&mut d.fund_front_load, "fund front load")?;
    io.text(&mut d.fund_back_load, "fund back load")?;
    io.text(
        &mut d.fund_back_load_time_interval,
        "fund back load time interval",
    )?;
    io.text(&mut d.fund_management_fee, "fund management fee")?;
    io.boolean(&mut d.fund_closed, "fund closed")?;
    io.boolean(
        &mut d.fund_closed_for_new_investors,
        "fund closed for new investors",
    )?;
    io.boolean(
        &mut d.fund_closed_for_new_money,
        "fund closed for new money",
    )?;
    io.text(&mut d.fund_notify_amount, "fund notify amount")?;
    io.text(
        &mut d.fund_minimum_initial_purchase,
        "fund minimum initial purchase",
    )?;
    io.text(
        &mut d.fund_subsequent_minimum_purchase,
        "fund subsequent minimum purchase",
    )?;
    io.text(&mut d.fund_blue_sky_states, "fund blue sky states")?;
    io.text(
        &mut d.fund_blue_sky_territories,
        "fund blue sky territories",
    )?;
    code(
        io,
        &mut d.fund_distribution_policy_indicator,
        FundDistributionPolicyIndicator::code,
        FundDistributionPolicyIndicator::from_code,
        "fund distribution policy indicator",
    )?;
    code(
        io,
        &mut d.fund_asset_type,
        FundAssetType::code,
        FundAssetType::from_code,
        "fund asset type",
    )
}

/// `bondContractDetails`: one bond matching a `reqContractDetails` request.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BondContractData {
    /// The request id.
    pub req_id: i32,
    /// The bond and its details (the bond fields of [`ContractDetails`]).
    pub details: ContractDetails,
}

impl Layout for BondContractData {
    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        let sv = io.sv();
        let d = &mut self.details;
        let version = version_to_sec_type(
            io,
            BOND_CONTRACT_DATA_VERSION,
            &mut self.req_id,
            &mut d.contract,
        )?;
        io.text(&mut d.cusip, "cusip")?;
        io.float(&mut d.coupon, "coupon")?;
        // The time zone rides in the maturity field until it has its own.
        let mut zone = String::new();
        if sv < MIN_SERVER_VER_BOND_TRADING_HOURS {
            zone.clone_from(&d.time_zone_id);
        }
        last_trade_date(
            io,
            &mut [&mut d.maturity, &mut d.last_trade_time, &mut zone],
            "maturity",
        )?;
        if io.reading() {
            d.time_zone_id = zone;
        }
        io.text(&mut d.issue_date, "issue date")?;
        io.text(&mut d.ratings, "ratings")?;
        io.text(&mut d.bond_type, "bond type")?;
        io.text(&mut d.coupon_type, "coupon type")?;
        io.boolean(&mut d.convertible, "convertible")?;
        io.boolean(&mut d.callable, "callable")?;
        io.boolean(&mut d.putable, "putable")?;
        io.text(&mut d.desc_append, "desc append")?;
        io.text(&mut d.contract.exchange, "exchange")?;
        io.text(&mut d.contract.currency, "currency")?;
        market_name_to_min_tick(io, d)?;
        io.text(&mut d.order_types, "order types")?;
        io.text(&mut d.valid_exchanges, "valid exchanges")?;
        io.text(&mut d.next_option_date, "next option date")?;
        io.text(&mut d.next_option_type, "next option type")?;
        io.boolean(&mut d.next_option_partial, "next option partial")?;
        io.text(&mut d.notes, "notes")?;
        if version >= 4 {
            // Not unescaped: the official decoder reads a bond's long name as is.
            io.text(&mut d.long_name, "long name")?;
        }
        if sv >= MIN_SERVER_VER_BOND_TRADING_HOURS {
            io.text(&mut d.time_zone_id, "time zone id")?;
            io.text(&mut d.trading_hours, "trading hours")?;
            io.text(&mut d.liquid_hours, "liquid hours")?;
        }
        ev_rule_to_agg_group(io, d, version >= 6, version >= 5)?;
        if sv >= MIN_SERVER_VER_MARKET_RULES {
            io.text(&mut d.market_rule_ids, "market rule ids")?;
        }
        size_rules(io, d)
    }
}

layout_message!(BondContractData = incoming::BOND_CONTRACT_DATA, impl {
    crate::protobuf_form!(incoming::protobuf_since);
});

#[cfg(test)]
mod tests {
    use super::super::super::test_util::{round_trip, VERSIONS};
    use super::*;
    use crate::model::{Decimal, IneligibilityReason, TagValue, UNSET_DECIMAL};

    fn stock() -> ContractDetails {
        let mut d = ContractDetails::default();
        let c = &mut d.contract;
        c.symbol = "AAPL".into();
        c.sec_type = "STK".into();
        c.strike = 0.0;
        c.exchange = "SMART".into();
        c.primary_exchange = "NASDAQ".into();
        c.currency = "USD".into();
        c.local_symbol = "AAPL".into();
        c.trading_class = "NMS".into();
        c.con_id = 265598;
        d.market_name = "NMS".into();
        d.min_tick = 0.01;
        d.order_types = "LMT,MKT".into();
        d.valid_exchanges = "SMART,NASDAQ".into();
        d.price_magnifier = 1;
        d.long_name = "APPLE INC — Café \\ done".into();
        d.industry = "Technology".into();
        d.time_zone_id = "US/Eastern".into();
        d.trading_hours = "20261130:0400-20261130:2000".into();
        d.sec_id_list = vec![TagValue::new("ISIN", "US0378331005")];
        d.agg_group = 1;
        d.market_rule_ids = "26,26".into();
        d.stock_type = "COMMON".into();
        d.min_size = Decimal::new(1, 4);
        d.size_increment = Decimal::new(1, 4);
        d.suggested_size_increment = Decimal::from(100);
        d
    }

    /// What survives a trip at `sv`: the fields older versions do not carry reset.
    fn at_version(mut d: ContractDetails, sv: i32) -> ContractDetails {
        let def = ContractDetails::default();
        if sv < MIN_SERVER_VER_LAST_TRADE_DATE {
            d.contract.last_trade_date.clear();
        }
        if sv < MIN_SERVER_VER_SIZE_RULES {
            d.min_size = def.min_size;
            d.size_increment = def.size_increment;
            d.suggested_size_increment = def.suggested_size_increment;
        }
        if sv < MIN_SERVER_VER_INELIGIBILITY_REASONS {
            d.ineligibility_reason_list.clear();
        }
        if sv < MIN_SERVER_VER_AGG_GROUP {
            d.agg_group = def.agg_group;
        }
        if sv < MIN_SERVER_VER_MARKET_RULES {
            d.market_rule_ids.clear();
        }
        if sv < MIN_SERVER_VER_STOCK_TYPE {
            d.stock_type.clear();
        }
        d
    }

    #[test]
    fn contract_details_round_trip_at_every_version() {
        for sv in VERSIONS {
            let mut d = stock();
            d.contract.last_trade_date = if sv >= MIN_SERVER_VER_LAST_TRADE_DATE {
                "20261218".into()
            } else {
                String::new()
            };
            d.ineligibility_reason_list = vec![IneligibilityReason {
                id: "1".into(),
                description: "no permission".into(),
            }];
            let msg = ContractData {
                req_id: 7,
                details: d.clone(),
            };
            let back = round_trip(&msg, sv);
            assert_eq!(back.req_id, 7);
            assert_eq!(back.details, at_version(d, sv), "sv {sv}");
        }
    }

    #[test]
    fn option_last_trade_time_and_fund_fields() {
        let mut d = stock();
        d.contract.sec_type = "OPT".into();
        d.contract.last_trade_date_or_contract_month = "20261218".into();
        d.last_trade_time = "16:00".into();
        d.contract.strike = 590.5;
        d.contract.right = "C".into();
        let back = round_trip(
            &ContractData {
                req_id: 1,
                details: d.clone(),
            },
            203,
        );
        assert_eq!(back.details, d);

        let mut f = stock();
        f.contract.sec_type = "FUND".into();
        f.fund_name = "Some Fund".into();
        f.fund_closed = true;
        f.fund_asset_type = FundAssetType::Equity;
        f.fund_distribution_policy_indicator = FundDistributionPolicyIndicator::IncomeFund;
        f.min_size = UNSET_DECIMAL;
        let back = round_trip(
            &ContractData {
                req_id: 1,
                details: f.clone(),
            },
            203,
        );
        assert_eq!(back.details, f);
    }

    #[test]
    fn last_trade_date_splits_as_the_official_decoder() {
        assert_eq!(
            split_last_trade_date("20261218 16:00"),
            ["20261218", "16:00"]
        );
        assert_eq!(
            split_last_trade_date("20261218-16:00"),
            ["20261218", "16:00"]
        );
        assert_eq!(split_last_trade_date("a--b"), ["a", "", "b"]);
        assert!(split_last_trade_date("").is_empty());
        assert!(split_last_trade_date("   ").is_empty());
        assert_eq!(join_last_trade_date(&["20261218", "", ""]), "20261218");
        assert_eq!(join_last_trade_date(&["", "", ""]), "");
        assert_eq!(join_last_trade_date(&["", "16:00"]), "-16:00");
        assert_eq!(split_last_trade_date("-16:00"), ["", "16:00"]);
        assert_eq!(
            join_last_trade_date(&["20261218", "10:00:00 UTC"]),
            "20261218-10:00:00 UTC"
        );
    }

    #[test]
    fn bond_round_trip_at_every_version() {
        for sv in VERSIONS {
            let mut d = ContractDetails::default();
            d.contract.symbol = "US-T".into();
            d.contract.sec_type = "BOND".into();
            d.contract.exchange = "SMART".into();
            d.contract.currency = "USD".into();
            d.contract.con_id = 664_000_001;
            d.cusip = "91282CJL6".into();
            d.coupon = 4.375;
            d.maturity = "20281130".into();
            d.last_trade_time = "17:00".into();
            d.issue_date = "20231130".into();
            d.bond_type = "US-T".into();
            d.coupon_type = "FIXED".into();
            d.callable = true;
            d.desc_append = "T 4 3/8 11/30/28".into();
            d.min_tick = 0.0001;
            d.long_name = "United States Treasury".into();
            d.time_zone_id = "US/Eastern".into();
            d.sec_id_list = vec![
                TagValue::new("CUSIP", "91282CJL6"),
                TagValue::new("ISIN", "US91282CJL67"),
            ];
            d.min_size = Decimal::from(1000);
            d.size_increment = Decimal::from(1000);
            d.suggested_size_increment = Decimal::from(1000);
            if sv >= MIN_SERVER_VER_BOND_TRADING_HOURS {
                d.trading_hours = "20261130:0800-20261130:1700".into();
                d.liquid_hours = "20261130:0800-20261130:1700".into();
            }
            if sv < MIN_SERVER_VER_SIZE_RULES {
                d.min_size = UNSET_DECIMAL;
                d.size_increment = UNSET_DECIMAL;
                d.suggested_size_increment = UNSET_DECIMAL;
            }
            let msg = BondContractData {
                req_id: 3,
                details: d.clone(),
            };
            let back = round_trip(&msg, sv);
            assert_eq!(back.details, d, "sv {sv}");
        }
    }

    #[test]
    fn truncated_frames_are_errors() {
        let frame = super::super::super::to_frame(
            &ContractData {
                req_id: 1,
                details: stock(),
            },
            203,
        )
        .unwrap();
        // Body after the 4-byte length and the 4-byte raw id.
        let body = &frame[8..];
        for cut in 0..body.len() {
            let r = super::super::super::decode_body::<ContractData>(203, &body[..cut]);
            assert!(r.is_err(), "cut at {cut}");
        }
    }
}
