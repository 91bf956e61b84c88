//! Order conditions on the wire: the type code, then the fields of each kind
//! in the order the official classes write them (the AND/OR connector first,
//! then `isMore` and the value as text for the operator conditions, then the
//! contract fields, then the trigger method of a price condition).

use crate::model::order_condition::*;
use crate::wire::{DecodeError, FieldReader, FieldWriter};

/// Writes one condition: its type code and its fields.
///
/// `raw` writes text without the printable-ASCII check (the simulated
/// gateway's `openOrder`); requests use the checked form.
pub(crate) fn write_condition(w: &mut FieldWriter<'_>, c: &OrderCondition, raw: bool) {
    let put = |w: &mut FieldWriter<'_>, s: &str| {
        if raw {
            w.put_str_raw(s)
        } else {
            w.put_str(s)
        }
    };
    w.put_int(c.cond_type());
    put(
        w,
        if c.is_conjunction_connection() {
            "a"
        } else {
            "o"
        },
    );
    match c {
        OrderCondition::Price(p) => {
            w.put_bool(p.is_more);
            w.put_f64(p.price);
            w.put_int(p.con_id);
            put(w, &p.exchange);
            w.put_int(p.trigger_method);
        }
        OrderCondition::Time(t) => {
            w.put_bool(t.is_more);
            put(w, &t.time);
        }
        OrderCondition::Margin(m) => {
            w.put_bool(m.is_more);
            w.put_int(m.percent);
        }
        OrderCondition::Execution(e) => {
            put(w, &e.sec_type);
            put(w, &e.exchange);
            put(w, &e.symbol);
        }
        OrderCondition::Volume(v) => {
            w.put_bool(v.is_more);
            w.put_int(v.volume);
            w.put_int(v.con_id);
            put(w, &v.exchange);
        }
        OrderCondition::PercentChange(p) => {
            w.put_bool(p.is_more);
            w.put_f64(p.change_percent);
            w.put_int(p.con_id);
            put(w, &p.exchange);
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
            if v.fract() != 0.0 || v.abs() > i32::MAX as f64 {
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
