//! The field groups several order messages share, each written once over an
//! [`Io`]: combo legs, tag-value lists, the delta-neutral contract,
//! volatility, algo, scale, hedge, pegged-to-benchmark and adjusted fields,
//! and the order conditions. (The pieces the market data requests share
//! too, the request contract block among them, are in `market_data`; the
//! gateway's contract block is `account::responses::position_contract`.)
//!
//! The groups write text with [`Io::text`]: the gateway's text as it is.
//! A request runs them through [`Checked`], which makes that text the
//! client's (refused outside printable ASCII, as the official client
//! refuses it).

use super::conditions::put_condition;
use crate::messages::layout::{list, Io};
use crate::messages::market_data;
use crate::model::order_condition::{OrderCondition, TimeCondition};
use crate::model::{ComboLeg, DeltaNeutralContract, Order, OrderComboLeg, TagValue, UNSET_DOUBLE};
use crate::wire::DecodeError;

/// A request's view of an [`Io`]: its text is the client's text, written
/// with the printable-ASCII check ([`Io::ascii`]), in the order conditions
/// too.
pub(crate) struct Checked<'a>(pub(crate) &'a mut dyn Io);

impl Io for Checked<'_> {
    fn reading(&self) -> bool {
        self.0.reading()
    }
    fn sv(&self) -> i32 {
        self.0.sv()
    }
    fn int(&mut self, v: &mut i32, f: &'static str) -> Result<(), DecodeError> {
        self.0.int(v, f)
    }
    fn long(&mut self, v: &mut i64, f: &'static str) -> Result<(), DecodeError> {
        self.0.long(v, f)
    }
    fn int_max(&mut self, v: &mut i32, f: &'static str) -> Result<(), DecodeError> {
        self.0.int_max(v, f)
    }
    fn boolean(&mut self, v: &mut bool, f: &'static str) -> Result<(), DecodeError> {
        self.0.boolean(v, f)
    }
    fn float(&mut self, v: &mut f64, f: &'static str) -> Result<(), DecodeError> {
        self.0.float(v, f)
    }
    fn float_max(&mut self, v: &mut f64, f: &'static str) -> Result<(), DecodeError> {
        self.0.float_max(v, f)
    }
    fn decimal(
        &mut self,
        v: &mut crate::model::Decimal,
        f: &'static str,
    ) -> Result<(), DecodeError> {
        self.0.decimal(v, f)
    }
    fn text(&mut self, v: &mut String, f: &'static str) -> Result<(), DecodeError> {
        self.0.ascii(v, f)
    }
    fn ascii(&mut self, v: &mut String, f: &'static str) -> Result<(), DecodeError> {
        self.0.ascii(v, f)
    }
    fn skip(&mut self, f: &'static str) -> Result<(), DecodeError> {
        self.0.skip(f)
    }
    fn count(&mut self, len: usize, f: &'static str) -> Result<usize, DecodeError> {
        self.0.count(len, f)
    }
    fn condition(&mut self, c: &mut OrderCondition) -> Result<(), DecodeError> {
        if self.reading() {
            self.0.condition(c)
        } else {
            put_condition(self, c)
        }
    }
}

/// The combo legs: a count, then each leg (its exempt code when
/// `exempt_code`).
pub(crate) fn combo_legs(
    io: &mut dyn Io,
    legs: &mut Vec<ComboLeg>,
    exempt_code: bool,
) -> Result<(), DecodeError> {
    list(io, legs, "combo legs count", |io, leg| {
        io.int(&mut leg.con_id, "leg con id")?;
        io.int(&mut leg.ratio, "leg ratio")?;
        io.text(&mut leg.action, "leg action")?;
        io.text(&mut leg.exchange, "leg exchange")?;
        io.int(&mut leg.open_close, "leg open close")?;
        io.int(&mut leg.short_sale_slot, "leg short sale slot")?;
        io.text(&mut leg.designated_location, "leg designated location")?;
        if exempt_code {
            io.int(&mut leg.exempt_code, "leg exempt code")?;
        }
        Ok(())
    })?;
    Ok(())
}

/// The per-leg prices of an order: a count, then each price.
pub(crate) fn leg_prices(
    io: &mut dyn Io,
    legs: &mut Vec<OrderComboLeg>,
) -> Result<(), DecodeError> {
    list(io, legs, "order combo legs count", |io, leg| {
        io.float_max(&mut leg.price, "leg price")?;
        Ok(())
    })?;
    Ok(())
}

/// A count, then tag and value of each pair.
pub(crate) fn tag_values(io: &mut dyn Io, pairs: &mut Vec<TagValue>) -> Result<(), DecodeError> {
    list(io, pairs, "tag values count", |io, tv| {
        io.text(&mut tv.tag, "tag")?;
        io.text(&mut tv.value, "value")?;
        Ok(())
    })?;
    Ok(())
}

/// Whether a delta-neutral contract follows, then the contract.
pub(crate) fn delta_neutral(
    io: &mut dyn Io,
    dn: &mut Option<DeltaNeutralContract>,
) -> Result<(), DecodeError> {
    let mut present = dn.is_some();
    io.boolean(&mut present, "has delta neutral")?;
    if present {
        market_data::delta_neutral(io, dn.get_or_insert_with(Default::default))?;
    }
    Ok(())
}

/// Which fields of the volatility group a message carries.
#[derive(Clone, Copy)]
pub(crate) struct VolatilityFields {
    /// The volatility and reference price types with an empty field for
    /// unset (requests), or as plain integers (the gateway's messages).
    pub types_unset: bool,
    /// The delta-neutral order's contract id.
    pub dn_con_id: bool,
    /// The delta-neutral order's short sale fields.
    pub dn_short_sale: bool,
    /// The delta-neutral order's settling firm, clearing account and
    /// intent, and open/close (all but completed orders).
    pub dn_clearing: bool,
}

/// The volatility order fields, the delta-neutral order's among them.
pub(crate) fn volatility(
    io: &mut dyn Io,
    o: &mut Order,
    has: VolatilityFields,
) -> Result<(), DecodeError> {
    let int = |io: &mut dyn Io, v: &mut i32, f| {
        if has.types_unset {
            io.int_max(v, f)
        } else {
            io.int(v, f)
        }
    };
    io.float_max(&mut o.volatility, "volatility")?;
    int(io, &mut o.volatility_type, "volatility type")?;
    io.text(&mut o.delta_neutral_order_type, "delta neutral order type")?;
    io.float_max(&mut o.delta_neutral_aux_price, "delta neutral aux price")?;
    let dn_order = !o.delta_neutral_order_type.is_empty();
    if has.dn_con_id && dn_order {
        io.int(&mut o.delta_neutral_con_id, "delta neutral con id")?;
        if has.dn_clearing {
            io.text(
                &mut o.delta_neutral_settling_firm,
                "delta neutral settling firm",
            )?;
            io.text(
                &mut o.delta_neutral_clearing_account,
                "delta neutral clearing account",
            )?;
            io.text(
                &mut o.delta_neutral_clearing_intent,
                "delta neutral clearing intent",
            )?;
        }
    }
    if has.dn_short_sale && dn_order {
        if has.dn_clearing {
            io.text(&mut o.delta_neutral_open_close, "delta neutral open close")?;
        }
        io.boolean(&mut o.delta_neutral_short_sale, "delta neutral short sale")?;
        io.int(
            &mut o.delta_neutral_short_sale_slot,
            "delta neutral short sale slot",
        )?;
        io.text(
            &mut o.delta_neutral_designated_location,
            "delta neutral designated location",
        )?;
    }
    io.boolean(&mut o.continuous_update, "continuous update")?;
    int(io, &mut o.reference_price_type, "reference price type")
}

/// The algo strategy, then its parameters when there is one.
pub(crate) fn algo(io: &mut dyn Io, o: &mut Order) -> Result<(), DecodeError> {
    io.text(&mut o.algo_strategy, "algo strategy")?;
    if !o.algo_strategy.is_empty() {
        tag_values(io, &mut o.algo_params)?;
    }
    Ok(())
}

/// The scale order fields: the subsequent level size when `subs_level`
/// (else the deprecated component count first), and the price adjustments
/// when `price_adjust` and the price increment is given.
pub(crate) fn scale(
    io: &mut dyn Io,
    o: &mut Order,
    subs_level: bool,
    price_adjust: bool,
) -> Result<(), DecodeError> {
    if subs_level {
        io.int_max(&mut o.scale_init_level_size, "scale init level size")?;
        io.int_max(&mut o.scale_subs_level_size, "scale subs level size")?;
    } else {
        io.skip("scale num components")?;
        io.int_max(&mut o.scale_init_level_size, "scale init level size")?;
    }
    io.float_max(&mut o.scale_price_increment, "scale price increment")?;
    if price_adjust && o.scale_price_increment != UNSET_DOUBLE && o.scale_price_increment > 0.0 {
        io.float_max(&mut o.scale_price_adjust_value, "scale price adjust value")?;
        io.int_max(
            &mut o.scale_price_adjust_interval,
            "scale price adjust interval",
        )?;
        io.float_max(&mut o.scale_profit_offset, "scale profit offset")?;
        io.boolean(&mut o.scale_auto_reset, "scale auto reset")?;
        io.int_max(&mut o.scale_init_position, "scale init position")?;
        io.int_max(&mut o.scale_init_fill_qty, "scale init fill qty")?;
        io.boolean(&mut o.scale_random_percent, "scale random percent")?;
    }
    Ok(())
}

/// The hedge type, then its parameter when there is one.
pub(crate) fn hedge(io: &mut dyn Io, o: &mut Order) -> Result<(), DecodeError> {
    io.text(&mut o.hedge_type, "hedge type")?;
    if !o.hedge_type.is_empty() {
        io.text(&mut o.hedge_param, "hedge param")?;
    }
    Ok(())
}

/// `PEG BENCH` orders carry the pegged-to-benchmark fields.
pub(crate) fn is_peg_bench(order_type: &str) -> bool {
    matches!(order_type, "PEG BENCH" | "PEGBENCH")
}

/// The pegged-to-benchmark fields, for `PEG BENCH` orders only.
pub(crate) fn peg_bench(io: &mut dyn Io, o: &mut Order) -> Result<(), DecodeError> {
    if is_peg_bench(&o.order_type) {
        io.int(&mut o.reference_contract_id, "reference contract id")?;
        io.boolean(
            &mut o.is_pegged_change_amount_decrease,
            "is pegged change amount decrease",
        )?;
        io.float(&mut o.pegged_change_amount, "pegged change amount")?;
        io.float(&mut o.reference_change_amount, "reference change amount")?;
        io.text(&mut o.reference_exchange_id, "reference exchange id")?;
    }
    Ok(())
}

/// The order conditions: a count, then each condition and, when there is
/// any, the ignore-RTH and cancel-order flags.
pub(crate) fn conditions(io: &mut dyn Io, o: &mut Order) -> Result<(), DecodeError> {
    let n = io.count(o.conditions.len(), "conditions count")?;
    if n > 0 {
        if io.reading() {
            // Grown as conditions arrive: the count is the network's word.
            o.conditions.clear();
            for _ in 0..n {
                let mut c = OrderCondition::Time(TimeCondition::default());
                io.condition(&mut c)?;
                o.conditions.push(c);
            }
        } else {
            for c in o.conditions.iter_mut() {
                io.condition(c)?;
            }
        }
        io.boolean(&mut o.conditions_ignore_rth, "conditions ignore rth")?;
        io.boolean(&mut o.conditions_cancel_order, "conditions cancel order")?;
    }
    Ok(())
}

/// The adjusted order fields (stop and trailing adjustments), with the
/// trail stop price before the limit price offset when `trail_stop_price`.
pub(crate) fn adjusted(
    io: &mut dyn Io,
    o: &mut Order,
    trail_stop_price: bool,
) -> Result<(), DecodeError> {
    io.text(&mut o.adjusted_order_type, "adjusted order type")?;
    io.float(&mut o.trigger_price, "trigger price")?;
    if trail_stop_price {
        io.float(&mut o.trail_stop_price, "trail stop price")?;
    }
    io.float(&mut o.lmt_price_offset, "lmt price offset")?;
    io.float(&mut o.adjusted_stop_price, "adjusted stop price")?;
    io.float(
        &mut o.adjusted_stop_limit_price,
        "adjusted stop limit price",
    )?;
    io.float(&mut o.adjusted_trailing_amount, "adjusted trailing amount")?;
    io.int(&mut o.adjustable_trailing_unit, "adjustable trailing unit")
}
