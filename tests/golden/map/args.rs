//! Scenario arguments (JSON) as the Rust values of the EClient calls: the
//! Rust twin of `build()` in record.py. Objects are field maps with the
//! official (camelCase) attribute names and `"$"` naming the class; special
//! values are `{"$": "Decimal", "v": "1.5"}`, `{"$": "UNSET_DOUBLE"}`,
//! `{"$": "UNSET_INTEGER"}`, `{"$": "UNSET_LONG"}`, `{"$": "UNSET_DECIMAL"}`
//! and `{"$": "float", "v": "inf"}`.
#![allow(dead_code)]

use std::str::FromStr;

use serde_json::Value;
use tws_api::{ComboLeg, Contract, Decimal, DeltaNeutralContract, TagValue};

/// The positional arguments of one scenario.
pub struct Args<'a>(pub &'a [Value]);

impl Args<'_> {
    pub fn value(&self, i: usize) -> &Value {
        self.0.get(i).unwrap_or(&Value::Null)
    }
    pub fn i32(&self, i: usize) -> i32 {
        int(self.value(i)) as i32
    }
    pub fn i64(&self, i: usize) -> i64 {
        int(self.value(i))
    }
    pub fn f64(&self, i: usize) -> f64 {
        float(self.value(i))
    }
    pub fn str(&self, i: usize) -> String {
        string(self.value(i))
    }
    pub fn bool(&self, i: usize) -> bool {
        boolean(self.value(i))
    }
    pub fn decimal(&self, i: usize) -> Decimal {
        decimal(self.value(i))
    }
    pub fn contract(&self, i: usize) -> Contract {
        contract(self.value(i))
    }
    pub fn tag_values(&self, i: usize) -> Vec<TagValue> {
        list(self.value(i)).iter().map(tag_value).collect()
    }
}

/// An object argument: its attributes by official name; an attribute the
/// scenario does not give reads as the Rust default (the official defaults
/// are the same, `tests/golden.rs` checks the bytes).
pub struct Obj<'a>(pub &'a Value);

impl Obj<'_> {
    pub fn has(&self, key: &str) -> bool {
        self.0.get(key).is_some()
    }
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.get(key)
    }
    pub fn i32(&self, key: &str, default: i32) -> i32 {
        self.get(key).map_or(default, |v| int(v) as i32)
    }
    pub fn i64(&self, key: &str, default: i64) -> i64 {
        self.get(key).map_or(default, int)
    }
    pub fn f64(&self, key: &str, default: f64) -> f64 {
        self.get(key).map_or(default, float)
    }
    pub fn str(&self, key: &str) -> String {
        self.get(key).map(string).unwrap_or_default()
    }
    pub fn str_or(&self, key: &str, default: &str) -> String {
        self.get(key).map_or_else(|| default.to_owned(), string)
    }
    pub fn bool(&self, key: &str, default: bool) -> bool {
        self.get(key).map_or(default, boolean)
    }
    pub fn decimal(&self, key: &str, default: Decimal) -> Decimal {
        self.get(key).map_or(default, decimal)
    }
    pub fn list(&self, key: &str) -> Vec<Value> {
        self.get(key).map(list).unwrap_or_default()
    }
}

fn special(v: &Value) -> Option<&str> {
    v.get("$").and_then(Value::as_str)
}

pub fn int(v: &Value) -> i64 {
    match special(v) {
        Some("UNSET_INTEGER") => i64::from(i32::MAX),
        Some("UNSET_LONG") => i64::MAX,
        _ => v
            .as_i64()
            .unwrap_or_else(|| panic!("scenario: expected an integer, got {v}")),
    }
}

pub fn float(v: &Value) -> f64 {
    match special(v) {
        Some("UNSET_DOUBLE") => f64::MAX,
        Some("float") => {
            let text = v["v"].as_str().unwrap_or_default();
            match text {
                "inf" => f64::INFINITY,
                "-inf" => f64::NEG_INFINITY,
                "nan" => f64::NAN,
                t => t.parse().expect("scenario: a float"),
            }
        }
        _ => v
            .as_f64()
            .unwrap_or_else(|| panic!("scenario: expected a number, got {v}")),
    }
}

pub fn string(v: &Value) -> String {
    v.as_str()
        .unwrap_or_else(|| panic!("scenario: expected a string, got {v}"))
        .to_owned()
}

pub fn boolean(v: &Value) -> bool {
    v.as_bool()
        .or_else(|| v.as_i64().map(|i| i != 0))
        .unwrap_or_else(|| panic!("scenario: expected a bool, got {v}"))
}

pub fn decimal(v: &Value) -> Decimal {
    match special(v) {
        Some("UNSET_DECIMAL") => tws_api::UNSET_DECIMAL,
        Some("Decimal") => {
            Decimal::from_str(v["v"].as_str().unwrap_or_default()).expect("scenario: a decimal")
        }
        _ => Decimal::from_str(&v.to_string()).expect("scenario: a decimal"),
    }
}

pub fn list(v: &Value) -> Vec<Value> {
    match v {
        Value::Null => vec![],
        Value::Array(a) => a.clone(),
        other => panic!("scenario: expected a list, got {other}"),
    }
}

pub fn tag_value(v: &Value) -> TagValue {
    let o = Obj(v);
    TagValue {
        tag: o.str("tag"),
        value: o.str("value"),
    }
}

pub fn combo_leg(v: &Value) -> ComboLeg {
    let o = Obj(v);
    let d = ComboLeg::default();
    ComboLeg {
        con_id: o.i32("conId", d.con_id),
        ratio: o.i32("ratio", d.ratio),
        action: o.str("action"),
        exchange: o.str("exchange"),
        open_close: o.i32("openClose", d.open_close),
        short_sale_slot: o.i32("shortSaleSlot", d.short_sale_slot),
        designated_location: o.str("designatedLocation"),
        exempt_code: o.i32("exemptCode", d.exempt_code),
    }
}

pub fn contract(v: &Value) -> Contract {
    let o = Obj(v);
    let d = Contract::default();
    Contract {
        con_id: o.i32("conId", d.con_id),
        symbol: o.str("symbol"),
        sec_type: o.str("secType"),
        last_trade_date_or_contract_month: o.str("lastTradeDateOrContractMonth"),
        last_trade_date: o.str("lastTradeDate"),
        strike: o.f64("strike", d.strike),
        right: o.str("right"),
        multiplier: o.str("multiplier"),
        exchange: o.str("exchange"),
        primary_exchange: o.str("primaryExchange"),
        currency: o.str("currency"),
        local_symbol: o.str("localSymbol"),
        trading_class: o.str("tradingClass"),
        include_expired: o.bool("includeExpired", d.include_expired),
        sec_id_type: o.str("secIdType"),
        sec_id: o.str("secId"),
        description: o.str("description"),
        issuer_id: o.str("issuerId"),
        combo_legs_descrip: o.str("comboLegsDescrip"),
        combo_legs: o.list("comboLegs").iter().map(combo_leg).collect(),
        delta_neutral_contract: o.get("deltaNeutralContract").and_then(|v| {
            (!v.is_null()).then(|| {
                let n = Obj(v);
                DeltaNeutralContract {
                    con_id: n.i32("conId", 0),
                    delta: n.f64("delta", 0.0),
                    price: n.f64("price", 0.0),
                }
            })
        }),
    }
}
