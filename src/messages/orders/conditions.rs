//! Order conditions on the wire: the type code, then the fields of each kind
//! in the order the official classes write them (the AND/OR connector first,
//! then `isMore` and the value as text for the operator conditions, then the
//! contract fields, then the trigger method of a price condition).

use super::groups::Checked;
use crate::messages::layout::{Io, Writer};
use crate::model::order_condition::*;
use crate::wire::{DecodeError, FieldReader, FieldWriter};

/// Writes one condition: its type code and its fields.
///
/// `raw` writes text without the printable-ASCII check (the simulated
/// gateway's `openOrder`); requests use the checked form.
pub(crate) fn write_condition(w: &mut FieldWriter<'_>, c: &OrderCondition, raw: bool) {
    // Conditions carry no version gate; writing cannot fail.
    let mut io = Writer::new(0, w);
    let _ = if raw {
        put_condition(&mut io, c)
    } else {
        put_condition(&mut Checked(&mut io), c)
    };
}

/// Writes one condition over a writing [`Io`], its text as the Io's text.
pub(crate) fn put_condition(io: &mut dyn Io, c: &OrderCondition) -> Result<(), DecodeError> {
    let mut c = c.clone();
    io.int(&mut c.cond_type(), "condition type")?;
    let connector = if c.is_conjunction_connection() {
        "a"
    } else {
        "o"
    };
    io.text(&mut connector.to_owned(), "condition connector")?;
    match &mut c {
        OrderCondition::Price(p) => {
            io.boolean(&mut p.is_more, "is more")?;
            io.float(&mut p.price, "price")?;
            io.int(&mut p.con_id, "con id")?;
            io.text(&mut p.exchange, "exchange")?;
            io.int(&mut p.trigger_method, "trigger method")
        }
        OrderCondition::Time(t) => {
            io.boolean(&mut t.is_more, "is more")?;
            io.text(&mut t.time, "time")
        }
        OrderCondition::Margin(m) => {
            io.boolean(&mut m.is_more, "is more")?;
            io.int(&mut m.percent, "percent")
        }
        OrderCondition::Execution(e) => {
            io.text(&mut e.sec_type, "sec type")?;
            io.text(&mut e.exchange, "exchange")?;
            io.text(&mut e.symbol, "symbol")
        }
        OrderCondition::Volume(v) => {
            io.boolean(&mut v.is_more, "is more")?;
            io.int(&mut v.volume, "volume")?;
            io.int(&mut v.con_id, "con id")?;
            io.text(&mut v.exchange, "exchange")
        }
        OrderCondition::PercentChange(p) => {
            io.boolean(&mut p.is_more, "is more")?;
            io.float(&mut p.change_percent, "change percent")?;
            io.int(&mut p.con_id, "con id")?;
            io.text(&mut p.exchange, "exchange")
        }
    }
}

fn read_value_f64(r: &mut FieldReader<'_>, field: &'static str) -> Result<f64, DecodeError> {
    let s = r.read_str(field)?;
    s.trim()
        .parse::<f64>()
        .map_err(|_| DecodeError::InvalidNumber {
            field,
            text: s.to_owned(),
        })
}

/// Reads one condition: its type code and its fields.
pub(crate) fn read_condition(r: &mut FieldReader<'_>) -> Result<OrderCondition, DecodeError> {
    let code: i32 = r.read_int_named("condition type")?;
    let mut cond = OrderCondition::create(code).ok_or(DecodeError::InvalidNumber {
        field: "condition type",
        text: code.to_string(),
    })?;
    let conjunction = r.read_str("condition connector")? == "a";
    match &mut cond {
        OrderCondition::Price(p) => {
            p.is_more = r.read_bool("is more")?;
            p.price = read_value_f64(r, "price")?;
            p.con_id = r.read_int_named("con id")?;
            p.exchange = r.read_string("exchange")?;
            p.trigger_method = r.read_int_named("trigger method")?;
        }
        OrderCondition::Time(t) => {
            t.is_more = r.read_bool("is more")?;
            t.time = r.read_string("time")?;
        }
        OrderCondition::Margin(m) => {
            m.is_more = r.read_bool("is more")?;
            // The official class parses the percent as a float.
            let v = read_value_f64(r, "percent")?;
            if v.fract() != 0.0 || v < f64::from(i32::MIN) || v > f64::from(i32::MAX) {
                return Err(DecodeError::InvalidNumber {
                    field: "percent",
                    text: v.to_string(),
                });
            }
            m.percent = v as i32;
        }
        OrderCondition::Execution(e) => {
            e.sec_type = r.read_string("sec type")?;
            e.exchange = r.read_string("exchange")?;
            e.symbol = r.read_string("symbol")?;
        }
        OrderCondition::Volume(v) => {
            v.is_more = r.read_bool("is more")?;
            let s = r.read_str("volume")?;
            v.volume = s.trim().parse().map_err(|_| DecodeError::InvalidNumber {
                field: "volume",
                text: s.to_owned(),
            })?;
            v.con_id = r.read_int_named("con id")?;
            v.exchange = r.read_string("exchange")?;
        }
        OrderCondition::PercentChange(p) => {
            p.is_more = r.read_bool("is more")?;
            p.change_percent = read_value_f64(r, "change percent")?;
            p.con_id = r.read_int_named("con id")?;
            p.exchange = r.read_string("exchange")?;
        }
    }
    cond.set_conjunction_connection(conjunction);
    Ok(cond)
}
