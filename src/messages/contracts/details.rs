//! `contractDetails` and `bondContractDetails`: the long conditional
//! messages, hand-written so that encode and decode mirror each other line
//! for line, every version branch of the official decoder included.

use super::super::ids::incoming;
use super::super::{read_text, write_text, Message};
use crate::model::{
    ContractDetails, FundAssetType, FundDistributionPolicyIndicator, IneligibilityReason, TagValue,
};
use crate::server_versions::{
    MIN_SERVER_VER_AGG_GROUP, MIN_SERVER_VER_BOND_TRADING_HOURS,
    MIN_SERVER_VER_FRACTIONAL_SIZE_SUPPORT, MIN_SERVER_VER_FUND_DATA_FIELDS,
    MIN_SERVER_VER_INELIGIBILITY_REASONS, MIN_SERVER_VER_LAST_TRADE_DATE,
    MIN_SERVER_VER_MARKET_RULES, MIN_SERVER_VER_MD_SIZE_MULTIPLIER,
    MIN_SERVER_VER_REAL_EXPIRATION_DATE, MIN_SERVER_VER_SIZE_RULES, MIN_SERVER_VER_STOCK_TYPE,
    MIN_SERVER_VER_UNDERLYING_INFO,
};
use crate::wire::{DecodeError, EncodeError, FieldReader, FieldWriter};

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
fn split_last_trade_date(field: &str) -> Vec<&str> {
    if field.contains('-') {
        field.split('-').collect()
    } else {
        field.split(py_space).filter(|p| !p.is_empty()).collect()
    }
}

/// Joins the parts as TWS sends them: separated by a space, trailing empty
/// parts left out.
fn join_last_trade_date(parts: &[&str]) -> String {
    let n = parts
        .iter()
        .rposition(|p| !p.is_empty())
        .map_or(0, |i| i + 1);
    parts[..n].join(" ")
}

/// Writes a count then the secIdList tags and values.
fn put_sec_id_list(w: &mut FieldWriter<'_>, list: &[TagValue]) {
    w.put_int(list.len() as i64);
    for tv in list {
        w.put_str_raw(&tv.tag);
        w.put_str_raw(&tv.value);
    }
}

/// Reads a secIdList: a count (zero or negative means none) then pairs.
fn read_sec_id_list(r: &mut FieldReader<'_>) -> Result<Vec<TagValue>, DecodeError> {
    let n: i64 = r.read_int_named("sec id list count")?;
    let mut list = Vec::new();
    for _ in 0..n.max(0) {
        list.push(TagValue {
            tag: r.read_string("sec id tag")?,
            value: r.read_string("sec id value")?,
        });
    }
    Ok(list)
}

/// `contractDetails`: one contract matching a `reqContractDetails` request.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ContractData {
    /// The request id.
    pub req_id: i32,
    /// The contract and its details.
    pub details: ContractDetails,
}

impl Message for ContractData {
    const ID: u32 = incoming::CONTRACT_DATA;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        let d = &self.details;
        let c = &d.contract;
        if sv < MIN_SERVER_VER_SIZE_RULES {
            w.put_int(CONTRACT_DATA_VERSION);
        }
        w.put_int(self.req_id);
        w.put_str_raw(&c.symbol);
        w.put_str_raw(&c.sec_type);
        w.put_str_raw(&join_last_trade_date(&[
            &c.last_trade_date_or_contract_month,
            &d.last_trade_time,
        ]));
        if sv >= MIN_SERVER_VER_LAST_TRADE_DATE {
            w.put_str_raw(&c.last_trade_date);
        }
        w.put_f64(c.strike);
        w.put_str_raw(&c.right);
        w.put_str_raw(&c.exchange);
        w.put_str_raw(&c.currency);
        w.put_str_raw(&c.local_symbol);
        w.put_str_raw(&d.market_name);
        w.put_str_raw(&c.trading_class);
        w.put_int(c.con_id);
        w.put_f64(d.min_tick);
        if (MIN_SERVER_VER_MD_SIZE_MULTIPLIER..MIN_SERVER_VER_SIZE_RULES).contains(&sv) {
            w.put_int(1); // mdSizeMultiplier, no longer used
        }
        w.put_str_raw(&c.multiplier);
        w.put_str_raw(&d.order_types);
        w.put_str_raw(&d.valid_exchanges);
        w.put_int(d.price_magnifier);
        w.put_int(d.under_con_id);
        write_text(sv, w, &d.long_name);
        w.put_str_raw(&c.primary_exchange);
        w.put_str_raw(&d.contract_month);
        w.put_str_raw(&d.industry);
        w.put_str_raw(&d.category);
        w.put_str_raw(&d.subcategory);
        w.put_str_raw(&d.time_zone_id);
        w.put_str_raw(&d.trading_hours);
        w.put_str_raw(&d.liquid_hours);
        w.put_str_raw(&d.ev_rule);
        w.put_int(d.ev_multiplier);
        put_sec_id_list(w, &d.sec_id_list);
        if sv >= MIN_SERVER_VER_AGG_GROUP {
            w.put_int(d.agg_group);
        }
        if sv >= MIN_SERVER_VER_UNDERLYING_INFO {
            w.put_str_raw(&d.under_symbol);
            w.put_str_raw(&d.under_sec_type);
        }
        if sv >= MIN_SERVER_VER_MARKET_RULES {
            w.put_str_raw(&d.market_rule_ids);
        }
        if sv >= MIN_SERVER_VER_REAL_EXPIRATION_DATE {
            w.put_str_raw(&d.real_expiration_date);
        }
        if sv >= MIN_SERVER_VER_STOCK_TYPE {
            w.put_str_raw(&d.stock_type);
        }
        if (MIN_SERVER_VER_FRACTIONAL_SIZE_SUPPORT..MIN_SERVER_VER_SIZE_RULES).contains(&sv) {
            w.put_decimal(d.size_increment); // sizeMinTick, no longer used
        }
        if sv >= MIN_SERVER_VER_SIZE_RULES {
            w.put_decimal(d.min_size);
            w.put_decimal(d.size_increment);
            w.put_decimal(d.suggested_size_increment);
        }
        if sv >= MIN_SERVER_VER_FUND_DATA_FIELDS && c.sec_type == "FUND" {
            w.put_str_raw(&d.fund_name);
            w.put_str_raw(&d.fund_family);
            w.put_str_raw(&d.fund_type);
            w.put_str_raw(&d.fund_front_load);
            w.put_str_raw(&d.fund_back_load);
            w.put_str_raw(&d.fund_back_load_time_interval);
            w.put_str_raw(&d.fund_management_fee);
            w.put_bool(d.fund_closed);
            w.put_bool(d.fund_closed_for_new_investors);
            w.put_bool(d.fund_closed_for_new_money);
            w.put_str_raw(&d.fund_notify_amount);
            w.put_str_raw(&d.fund_minimum_initial_purchase);
            w.put_str_raw(&d.fund_subsequent_minimum_purchase);
            w.put_str_raw(&d.fund_blue_sky_states);
            w.put_str_raw(&d.fund_blue_sky_territories);
            w.put_str_raw(d.fund_distribution_policy_indicator.code());
            w.put_str_raw(d.fund_asset_type.code());
        }
        if sv >= MIN_SERVER_VER_INELIGIBILITY_REASONS {
            w.put_int(d.ineligibility_reason_list.len() as i64);
            for reason in &d.ineligibility_reason_list {
                w.put_str_raw(&reason.id);
                w.put_str_raw(&reason.description);
            }
        }
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        let version = if sv < MIN_SERVER_VER_SIZE_RULES {
            r.read_int_named("version")?
        } else {
            CONTRACT_DATA_VERSION
        };
        let req_id = if version >= 3 {
            r.read_int_named("req id")?
        } else {
            -1
        };
        let mut d = ContractDetails::default();
        d.contract.symbol = r.read_string("symbol")?;
        d.contract.sec_type = r.read_string("sec type")?;
        let parts = split_last_trade_date(r.read_str("last trade date or contract month")?);
        if let Some(date) = parts.first() {
            d.contract.last_trade_date_or_contract_month = (*date).to_owned();
        }
        if let Some(time) = parts.get(1) {
            d.last_trade_time = (*time).to_owned();
        }
        if sv >= MIN_SERVER_VER_LAST_TRADE_DATE {
            d.contract.last_trade_date = r.read_string("last trade date")?;
        }
        d.contract.strike = r.read_f64("strike")?;
        d.contract.right = r.read_string("right")?;
        d.contract.exchange = r.read_string("exchange")?;
        d.contract.currency = r.read_string("currency")?;
        d.contract.local_symbol = r.read_string("local symbol")?;
        d.market_name = r.read_string("market name")?;
        d.contract.trading_class = r.read_string("trading class")?;
        d.contract.con_id = r.read_int_named("con id")?;
        d.min_tick = r.read_f64("min tick")?;
        if (MIN_SERVER_VER_MD_SIZE_MULTIPLIER..MIN_SERVER_VER_SIZE_RULES).contains(&sv) {
            r.read_int_named::<i64>("md size multiplier")?;
        }
        d.contract.multiplier = r.read_string("multiplier")?;
        d.order_types = r.read_string("order types")?;
        d.valid_exchanges = r.read_string("valid exchanges")?;
        d.price_magnifier = r.read_int_named("price magnifier")?;
        if version >= 4 {
            d.under_con_id = r.read_int_named("under con id")?;
        }
        if version >= 5 {
            d.long_name = read_text(sv, r, "long name")?;
            d.contract.primary_exchange = r.read_string("primary exchange")?;
        }
        if version >= 6 {
            d.contract_month = r.read_string("contract month")?;
            d.industry = r.read_string("industry")?;
            d.category = r.read_string("category")?;
            d.subcategory = r.read_string("subcategory")?;
            d.time_zone_id = r.read_string("time zone id")?;
            d.trading_hours = r.read_string("trading hours")?;
            d.liquid_hours = r.read_string("liquid hours")?;
        }
        if version >= 8 {
            d.ev_rule = r.read_string("ev rule")?;
            d.ev_multiplier = r.read_int_named("ev multiplier")?;
        }
        if version >= 7 {
            d.sec_id_list = read_sec_id_list(r)?;
        }
        if sv >= MIN_SERVER_VER_AGG_GROUP {
            d.agg_group = r.read_int_named("agg group")?;
        }
        if sv >= MIN_SERVER_VER_UNDERLYING_INFO {
            d.under_symbol = r.read_string("under symbol")?;
            d.under_sec_type = r.read_string("under sec type")?;
        }
        if sv >= MIN_SERVER_VER_MARKET_RULES {
            d.market_rule_ids = r.read_string("market rule ids")?;
        }
        if sv >= MIN_SERVER_VER_REAL_EXPIRATION_DATE {
            d.real_expiration_date = r.read_string("real expiration date")?;
        }
        if sv >= MIN_SERVER_VER_STOCK_TYPE {
            d.stock_type = r.read_string("stock type")?;
        }
        if (MIN_SERVER_VER_FRACTIONAL_SIZE_SUPPORT..MIN_SERVER_VER_SIZE_RULES).contains(&sv) {
            r.read_decimal("size min tick")?;
        }
        if sv >= MIN_SERVER_VER_SIZE_RULES {
            d.min_size = r.read_decimal("min size")?;
            d.size_increment = r.read_decimal("size increment")?;
            d.suggested_size_increment = r.read_decimal("suggested size increment")?;
        }
        if sv >= MIN_SERVER_VER_FUND_DATA_FIELDS && d.contract.sec_type == "FUND" {
            d.fund_name = r.read_string("fund name")?;
            d.fund_family = r.read_string("fund family")?;
            d.fund_type = r.read_string("fund type")?;
            d.fund_front_load = r.read_string("fund front load")?;
            d.fund_back_load = r.read_string("fund back load")?;
            d.fund_back_load_time_interval = r.read_string("fund back load time interval")?;
            d.fund_management_fee = r.read_string("fund management fee")?;
            d.fund_closed = r.read_bool("fund closed")?;
            d.fund_closed_for_new_investors = r.read_bool("fund closed for new investors")?;
            d.fund_closed_for_new_money = r.read_bool("fund closed for new money")?;
            d.fund_notify_amount = r.read_string("fund notify amount")?;
            d.fund_minimum_initial_purchase = r.read_string("fund minimum initial purchase")?;
            d.fund_subsequent_minimum_purchase =
                r.read_string("fund subsequent minimum purchase")?;
            d.fund_blue_sky_states = r.read_string("fund blue sky states")?;
            d.fund_blue_sky_territories = r.read_string("fund blue sky territories")?;
            d.fund_distribution_policy_indicator = FundDistributionPolicyIndicator::from_code(
                r.read_str("fund distribution policy indicator")?,
            );
            d.fund_asset_type = FundAssetType::from_code(r.read_str("fund asset type")?);
        }
        if sv >= MIN_SERVER_VER_INELIGIBILITY_REASONS {
            let n: i64 = r.read_int_named("ineligibility reason count")?;
            for _ in 0..n.max(0) {
                d.ineligibility_reason_list.push(IneligibilityReason {
                    id: r.read_string("ineligibility reason id")?,
                    description: r.read_string("ineligibility reason description")?,
                });
            }
        }
        Ok(ContractData { req_id, details: d })
    }
}

/// `bondContractDetails`: one bond matching a `reqContractDetails` request.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BondContractData {
    /// The request id.
    pub req_id: i32,
    /// The bond and its details (the bond fields of [`ContractDetails`]).
    pub details: ContractDetails,
}

impl Message for BondContractData {
    const ID: u32 = incoming::BOND_CONTRACT_DATA;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        let d = &self.details;
        let c = &d.contract;
        if sv < MIN_SERVER_VER_SIZE_RULES {
            w.put_int(BOND_CONTRACT_DATA_VERSION);
        }
        w.put_int(self.req_id);
        w.put_str_raw(&c.symbol);
        w.put_str_raw(&c.sec_type);
        w.put_str_raw(&d.cusip);
        w.put_f64(d.coupon);
        // The time zone rides in the maturity field until it has its own.
        let zone = if sv < MIN_SERVER_VER_BOND_TRADING_HOURS {
            d.time_zone_id.as_str()
        } else {
            ""
        };
        w.put_str_raw(&join_last_trade_date(&[
            &d.maturity,
            &d.last_trade_time,
            zone,
        ]));
        w.put_str_raw(&d.issue_date);
        w.put_str_raw(&d.ratings);
        w.put_str_raw(&d.bond_type);
        w.put_str_raw(&d.coupon_type);
        w.put_bool(d.convertible);
        w.put_bool(d.callable);
        w.put_bool(d.putable);
        w.put_str_raw(&d.desc_append);
        w.put_str_raw(&c.exchange);
        w.put_str_raw(&c.currency);
        w.put_str_raw(&d.market_name);
        w.put_str_raw(&c.trading_class);
        w.put_int(c.con_id);
        w.put_f64(d.min_tick);
        if (MIN_SERVER_VER_MD_SIZE_MULTIPLIER..MIN_SERVER_VER_SIZE_RULES).contains(&sv) {
            w.put_int(1); // mdSizeMultiplier, no longer used
        }
        w.put_str_raw(&d.order_types);
        w.put_str_raw(&d.valid_exchanges);
        w.put_str_raw(&d.next_option_date);
        w.put_str_raw(&d.next_option_type);
        w.put_bool(d.next_option_partial);
        w.put_str_raw(&d.notes);
        w.put_str_raw(&d.long_name);
        if sv >= MIN_SERVER_VER_BOND_TRADING_HOURS {
            w.put_str_raw(&d.time_zone_id);
            w.put_str_raw(&d.trading_hours);
            w.put_str_raw(&d.liquid_hours);
        }
        w.put_str_raw(&d.ev_rule);
        w.put_int(d.ev_multiplier);
        put_sec_id_list(w, &d.sec_id_list);
        if sv >= MIN_SERVER_VER_AGG_GROUP {
            w.put_int(d.agg_group);
        }
        if sv >= MIN_SERVER_VER_MARKET_RULES {
            w.put_str_raw(&d.market_rule_ids);
        }
        if sv >= MIN_SERVER_VER_SIZE_RULES {
            w.put_decimal(d.min_size);
            w.put_decimal(d.size_increment);
            w.put_decimal(d.suggested_size_increment);
        }
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        let version = if sv < MIN_SERVER_VER_SIZE_RULES {
            r.read_int_named("version")?
        } else {
            BOND_CONTRACT_DATA_VERSION
        };
        let req_id = if version >= 3 {
            r.read_int_named("req id")?
        } else {
            -1
        };
        let mut d = ContractDetails::default();
        d.contract.symbol = r.read_string("symbol")?;
        d.contract.sec_type = r.read_string("sec type")?;
        d.cusip = r.read_string("cusip")?;
        d.coupon = r.read_f64("coupon")?;
        let parts = split_last_trade_date(r.read_str("maturity")?);
        if let Some(maturity) = parts.first() {
            d.maturity = (*maturity).to_owned();
        }
        if let Some(time) = parts.get(1) {
            d.last_trade_time = (*time).to_owned();
        }
        if let Some(zone) = parts.get(2) {
            d.time_zone_id = (*zone).to_owned();
        }
        d.issue_date = r.read_string("issue date")?;
        d.ratings = r.read_string("ratings")?;
        d.bond_type = r.read_string("bond type")?;
        d.coupon_type = r.read_string("coupon type")?;
        d.convertible = r.read_bool("convertible")?;
        d.callable = r.read_bool("callable")?;
        d.putable = r.read_bool("putable")?;
        d.desc_append = r.read_string("desc append")?;
        d.contract.exchange = r.read_string("exchange")?;
        d.contract.currency = r.read_string("currency")?;
        d.market_name = r.read_string("market name")?;
        d.contract.trading_class = r.read_string("trading class")?;
        d.contract.con_id = r.read_int_named("con id")?;
        d.min_tick = r.read_f64("min tick")?;
        if (MIN_SERVER_VER_MD_SIZE_MULTIPLIER..MIN_SERVER_VER_SIZE_RULES).contains(&sv) {
            r.read_int_named::<i64>("md size multiplier")?;
        }
        d.order_types = r.read_string("order types")?;
        d.valid_exchanges = r.read_string("valid exchanges")?;
        d.next_option_date = r.read_string("next option date")?;
        d.next_option_type = r.read_string("next option type")?;
        d.next_option_partial = r.read_bool("next option partial")?;
        d.notes = r.read_string("notes")?;
        if version >= 4 {
            // Not unescaped: the official decoder reads a bond's long name as is.
            d.long_name = r.read_string("long name")?;
        }
        if sv >= MIN_SERVER_VER_BOND_TRADING_HOURS {
            d.time_zone_id = r.read_string("time zone id")?;
            d.trading_hours = r.read_string("trading hours")?;
            d.liquid_hours = r.read_string("liquid hours")?;
        }
        if version >= 6 {
            d.ev_rule = r.read_string("ev rule")?;
            d.ev_multiplier = r.read_int_named("ev multiplier")?;
        }
        if version >= 5 {
            d.sec_id_list = read_sec_id_list(r)?;
        }
        if sv >= MIN_SERVER_VER_AGG_GROUP {
            d.agg_group = r.read_int_named("agg group")?;
        }
        if sv >= MIN_SERVER_VER_MARKET_RULES {
            d.market_rule_ids = r.read_string("market rule ids")?;
        }
        if sv >= MIN_SERVER_VER_SIZE_RULES {
            d.min_size = r.read_decimal("min size")?;
            d.size_increment = r.read_decimal("size increment")?;
            d.suggested_size_increment = r.read_decimal("suggested size increment")?;
        }
        Ok(BondContractData { req_id, details: d })
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::test_util::{round_trip, VERSIONS};
    use super::*;
    use crate::model::{Decimal, UNSET_DECIMAL};

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
