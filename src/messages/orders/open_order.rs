//! `openOrder` and `completedOrder`: the longest messages of the API.
//!
//! Both are sequences of the same field groups (the official client's order
//! decoder), in two different orders with a few differences. Each layout is
//! written once, as a [`Layout`] over an [`Io`] (`messages/layout.rs`):
//! reading fills the structs, writing (the simulated gateway) emits the same
//! fields in the same order, so encode and decode cannot drift apart. The
//! groups `placeOrder` shares are in `groups.rs`.

use super::groups::{self, VolatilityFields};
use crate::layout_message;
use crate::messages::account::responses::position_contract;
use crate::messages::ids::incoming;
use crate::messages::layout::{list, Io, Layout};
use crate::model::{Contract, Order, OrderAllocation, OrderState, SoftDollarTier, UNSET_INTEGER};
use crate::protobuf_form;
use crate::server_versions::*;
use crate::wire::DecodeError;

/// The field groups of the official order decoder, over one message.
struct Groups<'m> {
    sv: i32,
    /// The message version: read before server version 145, the server
    /// version after it, "unset" (every version check passes) for completed orders.
    version: i32,
    contract: &'m mut Contract,
    order: &'m mut Order,
    state: &'m mut OrderState,
}

impl Groups<'_> {
    fn contract_fields(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        let v32 = self.version >= 32;
        position_contract(io, self.contract, v32, v32)
    }

    /// From the action to the order ref (shared by both messages).
    fn main_fields(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        let o = &mut *self.order;
        io.text(&mut o.action, "action")?;
        io.decimal(&mut o.total_quantity, "total quantity")?;
        io.text(&mut o.order_type, "order type")?;
        if self.version < 29 {
            io.float(&mut o.lmt_price, "lmt price")?;
        } else {
            io.float_max(&mut o.lmt_price, "lmt price")?;
        }
        if self.version < 30 {
            io.float(&mut o.aux_price, "aux price")?;
        } else {
            io.float_max(&mut o.aux_price, "aux price")?;
        }
        io.text(&mut o.tif, "tif")?;
        io.text(&mut o.oca_group, "oca group")?;
        io.text(&mut o.account, "account")?;
        io.text(&mut o.open_close, "open close")?;
        io.int(&mut o.origin, "origin")?;
        io.text(&mut o.order_ref, "order ref")
    }

    fn fa_params(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        let o = &mut *self.order;
        io.text(&mut o.fa_group, "fa group")?;
        io.text(&mut o.fa_method, "fa method")?;
        io.text(&mut o.fa_percentage, "fa percentage")?;
        if self.sv < MIN_SERVER_VER_FA_PROFILE_DESUPPORT {
            io.skip("fa profile")?;
        }
        if self.sv >= MIN_SERVER_VER_MODELS_SUPPORT {
            io.text(&mut o.model_code, "model code")?;
        }
        Ok(())
    }

    /// Good-till-date to the stock range (the official groups from
    /// `decodeGoodTillDate` to `decodePegToStkOrVolOrderParams`);
    /// `auction` reads the auction strategy (open orders only).
    fn middle_fields(&mut self, io: &mut dyn Io, auction: bool) -> Result<(), DecodeError> {
        let o = &mut *self.order;
        io.text(&mut o.good_till_date, "good till date")?;
        io.text(&mut o.rule80_a, "rule 80a")?;
        io.float_max(&mut o.percent_offset, "percent offset")?;
        io.text(&mut o.settling_firm, "settling firm")?;
        io.int(&mut o.short_sale_slot, "short sale slot")?;
        io.text(&mut o.designated_location, "designated location")?;
        if self.sv == MIN_SERVER_VER_SSHORTX_OLD {
            io.skip("exempt code (old)")?;
        } else if self.version >= 23 {
            io.int(&mut o.exempt_code, "exempt code")?;
        }
        if auction {
            io.int(&mut o.auction_strategy, "auction strategy")?;
        }
        io.float_max(&mut o.starting_price, "starting price")?;
        io.float_max(&mut o.stock_ref_price, "stock ref price")?;
        io.float_max(&mut o.delta, "delta")?;
        io.float_max(&mut o.stock_range_lower, "stock range lower")?;
        io.float_max(&mut o.stock_range_upper, "stock range upper")
    }

    fn vol_order_params(&mut self, io: &mut dyn Io, open_order: bool) -> Result<(), DecodeError> {
        let has = VolatilityFields {
            types_unset: false,
            dn_con_id: self.version >= 27,
            dn_short_sale: self.version >= 31,
            dn_clearing: open_order,
        };
        groups::volatility(io, self.order, has)
    }

    fn trail_params(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        io.float_max(&mut self.order.trail_stop_price, "trail stop price")?;
        if self.version >= 30 {
            io.float_max(&mut self.order.trailing_percent, "trailing percent")?;
        }
        Ok(())
    }

    /// Combo legs, per-leg prices and smart combo routing parameters.
    fn combo_legs(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        let (c, o) = (&mut *self.contract, &mut *self.order);
        io.text(&mut c.combo_legs_descrip, "combo legs descrip")?;
        if self.version >= 29 {
            groups::combo_legs(io, &mut c.combo_legs, true)?;
            groups::leg_prices(io, &mut o.order_combo_legs)?;
        }
        if self.version >= 26 {
            groups::tag_values(io, &mut o.smart_combo_routing_params)?;
        }
        Ok(())
    }

    fn scale_params(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        groups::scale(io, self.order, self.version >= 20, self.version >= 28)
    }

    fn hedge_params(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        if self.version >= 24 {
            groups::hedge(io, self.order)?;
        }
        Ok(())
    }

    fn clearing_params(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        io.text(&mut self.order.clearing_account, "clearing account")?;
        io.text(&mut self.order.clearing_intent, "clearing intent")
    }

    /// Not-held, delta-neutral contract, algo and solicited.
    fn not_held_to_solicited(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        let (c, o) = (&mut *self.contract, &mut *self.order);
        if self.version >= 22 {
            io.boolean(&mut o.not_held, "not held")?;
        }
        if self.version >= 20 {
            groups::delta_neutral(io, &mut c.delta_neutral_contract)?;
        }
        if self.version >= 21 {
            groups::algo(io, o)?;
        }
        if self.version >= 33 {
            io.boolean(&mut o.solicited, "solicited")?;
        }
        Ok(())
    }

    fn what_if_info(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        let (o, s) = (&mut *self.order, &mut *self.state);
        io.boolean(&mut o.what_if, "what if")?;
        io.text(&mut s.status, "status")?;
        if self.sv >= MIN_SERVER_VER_WHAT_IF_EXT_FIELDS {
            io.text(&mut s.init_margin_before, "init margin before")?;
            io.text(&mut s.maint_margin_before, "maint margin before")?;
            io.text(&mut s.equity_with_loan_before, "equity with loan before")?;
            io.text(&mut s.init_margin_change, "init margin change")?;
            io.text(&mut s.maint_margin_change, "maint margin change")?;
            io.text(&mut s.equity_with_loan_change, "equity with loan change")?;
        }
        io.text(&mut s.init_margin_after, "init margin after")?;
        io.text(&mut s.maint_margin_after, "maint margin after")?;
        io.text(&mut s.equity_with_loan_after, "equity with loan after")?;
        io.float_max(&mut s.commission_and_fees, "commission and fees")?;
        io.float_max(&mut s.min_commission_and_fees, "min commission and fees")?;
        io.float_max(&mut s.max_commission_and_fees, "max commission and fees")?;
        io.text(
            &mut s.commission_and_fees_currency,
            "commission and fees currency",
        )?;
        if self.sv >= MIN_SERVER_VER_FULL_ORDER_PREVIEW_FIELDS {
            io.text(&mut s.margin_currency, "margin currency")?;
            io.float_max(
                &mut s.init_margin_before_outside_rth,
                "init margin before outside rth",
            )?;
            io.float_max(
                &mut s.maint_margin_before_outside_rth,
                "maint margin before outside rth",
            )?;
            io.float_max(
                &mut s.equity_with_loan_before_outside_rth,
                "equity with loan before outside rth",
            )?;
            io.float_max(
                &mut s.init_margin_change_outside_rth,
                "init margin change outside rth",
            )?;
            io.float_max(
                &mut s.maint_margin_change_outside_rth,
                "maint margin change outside rth",
            )?;
            io.float_max(
                &mut s.equity_with_loan_change_outside_rth,
                "equity with loan change outside rth",
            )?;
            io.float_max(
                &mut s.init_margin_after_outside_rth,
                "init margin after outside rth",
            )?;
            io.float_max(
                &mut s.maint_margin_after_outside_rth,
                "maint margin after outside rth",
            )?;
            io.float_max(
                &mut s.equity_with_loan_after_outside_rth,
                "equity with loan after outside rth",
            )?;
            io.decimal(&mut s.suggested_size, "suggested size")?;
            io.text(&mut s.reject_reason, "reject reason")?;
            list(
                io,
                &mut s.order_allocations,
                "order allocations count",
                |io, a| {
                    allocation(io, a)?;
                    Ok(())
                },
            )?;
        }
        io.text(&mut s.warning_text, "warning text")
    }

    fn randomize_flags(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        if self.version >= 34 {
            io.boolean(&mut self.order.randomize_size, "randomize size")?;
            io.boolean(&mut self.order.randomize_price, "randomize price")?;
        }
        Ok(())
    }

    fn peg_bench_params(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        if self.sv >= MIN_SERVER_VER_PEGGED_TO_BENCHMARK {
            groups::peg_bench(io, self.order)?;
        }
        Ok(())
    }

    fn conditions(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        if self.sv >= MIN_SERVER_VER_PEGGED_TO_BENCHMARK {
            groups::conditions(io, self.order)?;
        }
        Ok(())
    }

    fn stop_price_and_lmt_price_offset(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        io.float(&mut self.order.trail_stop_price, "trail stop price")?;
        io.float(&mut self.order.lmt_price_offset, "lmt price offset")
    }

    fn adjusted_order_params(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        if self.sv >= MIN_SERVER_VER_PEGGED_TO_BENCHMARK {
            groups::adjusted(io, self.order, true)?;
        }
        Ok(())
    }

    fn soft_dollar_tier(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        if self.sv >= MIN_SERVER_VER_SOFT_DOLLAR_TIER {
            let t: &mut SoftDollarTier = &mut self.order.soft_dollar_tier;
            io.text(&mut t.name, "soft dollar tier name")?;
            io.text(&mut t.val, "soft dollar tier value")?;
            io.text(&mut t.display_name, "soft dollar tier display name")?;
        }
        Ok(())
    }

    /// Cash quantity, auto price for hedge, OMS container.
    fn cash_qty_to_oms(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        let o = &mut *self.order;
        if self.sv >= MIN_SERVER_VER_CASH_QTY {
            io.float(&mut o.cash_qty, "cash qty")?;
        }
        if self.sv >= MIN_SERVER_VER_AUTO_PRICE_FOR_HEDGE {
            io.boolean(
                &mut o.dont_use_auto_price_for_hedge,
                "dont use auto price for hedge",
            )?;
        }
        if self.sv >= MIN_SERVER_VER_ORDER_CONTAINER {
            io.boolean(&mut o.is_oms_container, "is oms container")?;
        }
        Ok(())
    }

    fn peg_best_peg_mid(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        let o = &mut *self.order;
        if self.sv >= MIN_SERVER_VER_PEGBEST_PEGMID_OFFSETS {
            io.int_max(&mut o.min_trade_qty, "min trade qty")?;
            io.int_max(&mut o.min_compete_size, "min compete size")?;
            io.float_max(
                &mut o.compete_against_best_offset,
                "compete against best offset",
            )?;
            io.float_max(&mut o.mid_offset_at_whole, "mid offset at whole")?;
            io.float_max(&mut o.mid_offset_at_half, "mid offset at half")?;
        }
        Ok(())
    }

    fn customer_account_and_professional(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        let o = &mut *self.order;
        if self.sv >= MIN_SERVER_VER_CUSTOMER_ACCOUNT {
            io.text(&mut o.customer_account, "customer account")?;
        }
        if self.sv >= MIN_SERVER_VER_PROFESSIONAL_CUSTOMER {
            io.boolean(&mut o.professional_customer, "professional customer")?;
        }
        Ok(())
    }

    fn submitter(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        if self.sv >= MIN_SERVER_VER_SUBMITTER {
            io.text(&mut self.order.submitter, "submitter")?;
        }
        Ok(())
    }

    /// The whole `openOrder` body after the version field.
    fn open_order(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        io.int(&mut self.order.order_id, "order id")?;
        self.contract_fields(io)?;
        self.main_fields(io)?;
        {
            let o = &mut *self.order;
            io.int(&mut o.client_id, "client id")?;
            io.long(&mut o.perm_id, "perm id")?;
            io.boolean(&mut o.outside_rth, "outside rth")?;
            io.boolean(&mut o.hidden, "hidden")?;
            io.float(&mut o.discretionary_amt, "discretionary amt")?;
            io.text(&mut o.good_after_time, "good after time")?;
            io.skip("shares allocation")?;
        }
        self.fa_params(io)?;
        self.middle_fields(io, true)?;
        {
            let o = &mut *self.order;
            io.int_max(&mut o.display_size, "display size")?;
            io.boolean(&mut o.block_order, "block order")?;
            io.boolean(&mut o.sweep_to_fill, "sweep to fill")?;
            io.boolean(&mut o.all_or_none, "all or none")?;
            io.int_max(&mut o.min_qty, "min qty")?;
            io.int(&mut o.oca_type, "oca type")?;
            io.skip("etrade only")?;
            io.skip("firm quote only")?;
            io.skip("nbbo price cap")?;
            io.int(&mut o.parent_id, "parent id")?;
            io.int(&mut o.trigger_method, "trigger method")?;
        }
        self.vol_order_params(io, true)?;
        self.trail_params(io)?;
        {
            let o = &mut *self.order;
            io.float_max(&mut o.basis_points, "basis points")?;
            io.int_max(&mut o.basis_points_type, "basis points type")?;
        }
        self.combo_legs(io)?;
        self.scale_params(io)?;
        self.hedge_params(io)?;
        if self.version >= 25 {
            io.boolean(
                &mut self.order.opt_out_smart_routing,
                "opt out smart routing",
            )?;
        }
        self.clearing_params(io)?;
        self.not_held_to_solicited(io)?;
        self.what_if_info(io)?;
        self.randomize_flags(io)?;
        self.peg_bench_params(io)?;
        self.conditions(io)?;
        self.adjusted_order_params(io)?;
        self.soft_dollar_tier(io)?;
        self.cash_qty_to_oms(io)?;
        let sv = self.sv;
        let o = &mut *self.order;
        if sv >= MIN_SERVER_VER_D_PEG_ORDERS {
            io.boolean(
                &mut o.discretionary_up_to_limit_price,
                "discretionary up to limit price",
            )?;
        }
        if sv >= MIN_SERVER_VER_PRICE_MGMT_ALGO {
            let mut v = o.use_price_mgmt_algo.unwrap_or(false);
            io.boolean(&mut v, "use price mgmt algo")?;
            o.use_price_mgmt_algo = Some(v);
        }
        if sv >= MIN_SERVER_VER_DURATION {
            io.int_max(&mut o.duration, "duration")?;
        }
        if sv >= MIN_SERVER_VER_POST_TO_ATS {
            io.int_max(&mut o.post_to_ats, "post to ats")?;
        }
        if sv >= MIN_SERVER_VER_AUTO_CANCEL_PARENT {
            io.boolean(&mut o.auto_cancel_parent, "auto cancel parent")?;
        }
        self.peg_best_peg_mid(io)?;
        self.customer_account_and_professional(io)?;
        let o = &mut *self.order;
        if sv >= MIN_SERVER_VER_BOND_ACCRUED_INTEREST {
            io.text(&mut o.bond_accrued_interest, "bond accrued interest")?;
        }
        if sv >= MIN_SERVER_VER_INCLUDE_OVERNIGHT {
            io.boolean(&mut o.include_overnight, "include overnight")?;
        }
        if sv >= MIN_SERVER_VER_CME_TAGGING_FIELDS_IN_OPEN_ORDER {
            io.text(&mut o.ext_operator, "ext operator")?;
            io.int_max(&mut o.manual_order_indicator, "manual order indicator")?;
        }
        self.submitter(io)?;
        if sv >= MIN_SERVER_VER_IMBALANCE_ONLY {
            io.boolean(&mut self.order.imbalance_only, "imbalance only")?;
        }
        Ok(())
    }

    /// The whole `completedOrder` body.
    fn completed_order(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        self.contract_fields(io)?;
        self.main_fields(io)?;
        {
            let o = &mut *self.order;
            io.long(&mut o.perm_id, "perm id")?;
            io.boolean(&mut o.outside_rth, "outside rth")?;
            io.boolean(&mut o.hidden, "hidden")?;
            io.float(&mut o.discretionary_amt, "discretionary amt")?;
            io.text(&mut o.good_after_time, "good after time")?;
        }
        self.fa_params(io)?;
        self.middle_fields(io, false)?;
        {
            let o = &mut *self.order;
            io.int_max(&mut o.display_size, "display size")?;
            io.boolean(&mut o.sweep_to_fill, "sweep to fill")?;
            io.boolean(&mut o.all_or_none, "all or none")?;
            io.int_max(&mut o.min_qty, "min qty")?;
            io.int(&mut o.oca_type, "oca type")?;
            io.int(&mut o.trigger_method, "trigger method")?;
        }
        self.vol_order_params(io, false)?;
        self.trail_params(io)?;
        self.combo_legs(io)?;
        self.scale_params(io)?;
        self.hedge_params(io)?;
        self.clearing_params(io)?;
        self.not_held_to_solicited(io)?;
        io.text(&mut self.state.status, "status")?;
        self.randomize_flags(io)?;
        self.peg_bench_params(io)?;
        self.conditions(io)?;
        self.stop_price_and_lmt_price_offset(io)?;
        self.cash_qty_to_oms(io)?;
        {
            let (o, s) = (&mut *self.order, &mut *self.state);
            io.text(&mut o.auto_cancel_date, "auto cancel date")?;
            io.decimal(&mut o.filled_quantity, "filled quantity")?;
            io.int(&mut o.ref_futures_con_id, "ref futures con id")?;
            io.boolean(&mut o.auto_cancel_parent, "auto cancel parent")?;
            io.text(&mut o.shareholder, "shareholder")?;
            io.boolean(&mut o.imbalance_only, "imbalance only")?;
            io.boolean(&mut o.route_marketable_to_bbo, "route marketable to bbo")?;
            io.long(&mut o.parent_perm_id, "parent perm id")?;
            io.text(&mut s.completed_time, "completed time")?;
            io.text(&mut s.completed_status, "completed status")?;
        }
        self.peg_best_peg_mid(io)?;
        self.customer_account_and_professional(io)?;
        self.submitter(io)
    }
}

fn allocation(io: &mut dyn Io, a: &mut OrderAllocation) -> Result<(), DecodeError> {
    io.text(&mut a.account, "allocation account")?;
    io.decimal(&mut a.position, "allocation position")?;
    io.decimal(&mut a.position_desired, "allocation position desired")?;
    io.decimal(&mut a.position_after, "allocation position after")?;
    io.decimal(&mut a.desired_alloc_qty, "allocation desired qty")?;
    io.decimal(&mut a.allowed_alloc_qty, "allocation allowed qty")?;
    io.boolean(&mut a.is_monetary, "allocation is monetary")
}

/// The message version the simulated gateway writes on `openOrder` before
/// server version 145 (the last one the official decoder knows about).
const OPEN_ORDER_VERSION: i32 = 34;

/// `openOrder`: an open order, with its contract and state (status, and for
/// what-if orders the margin and commission estimates).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OpenOrder {
    /// The instrument.
    pub contract: Contract,
    /// The order; [`Order::order_id`] is the message's order id.
    pub order: Order,
    /// Its state.
    pub order_state: OrderState,
    /// The order id the `openOrder` callback gets where it is not
    /// [`Order::order_id`]: the protobuf form carries the message's id and
    /// the order's own, and the official decoder passes the message's
    /// (even unset). `None` in the text form, whose one id is the order's.
    pub callback_order_id: Option<i32>,
}

impl Layout for OpenOrder {
    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        let sv = io.sv();
        let mut version = OPEN_ORDER_VERSION;
        if sv < MIN_SERVER_VER_ORDER_CONTAINER {
            io.int(&mut version, "version")?;
        } else {
            version = sv;
        }
        Groups {
            sv,
            version,
            contract: &mut self.contract,
            order: &mut self.order,
            state: &mut self.order_state,
        }
        .open_order(io)
    }
}

layout_message!(OpenOrder = incoming::OPEN_ORDER, impl { crate::protobuf_form!(incoming::protobuf_since); });

/// `completedOrder`: a filled or cancelled order of today, for
/// `reqCompletedOrders`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CompletedOrder {
    /// The instrument.
    pub contract: Contract,
    /// The order (its order id is not sent: 0).
    pub order: Order,
    /// Its state, with `completed_time` and `completed_status`.
    pub order_state: OrderState,
}

impl Layout for CompletedOrder {
    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        Groups {
            sv: io.sv(),
            version: UNSET_INTEGER,
            contract: &mut self.contract,
            order: &mut self.order,
            state: &mut self.order_state,
        }
        .completed_order(io)
    }
}

layout_message!(CompletedOrder = incoming::COMPLETED_ORDER, impl {
    protobuf_form!(incoming::protobuf_since);
});

impl crate::messages::ProtoForm for CompletedOrder {
    type Proto = crate::proto::CompletedOrder;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        use super::proto_out::{contract_to_proto, order_state_to_proto, order_to_proto};
        crate::proto::CompletedOrder {
            contract: Some(contract_to_proto(&self.contract, &self.order)),
            order: Some(order_to_proto(&self.order)),
            order_state: Some(order_state_to_proto(&self.order_state)),
        }
    }
    /// As the official decoder: nothing but the `…ProtoBuf` callback
    /// without the contract, the order or the state; the order's id unset.
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        use super::proto_in::{contract, order, order_state};
        let (Some(c), Some(o), Some(st)) = (&p.contract, &p.order, &p.order_state) else {
            return Ok(None);
        };
        Ok(Some(CompletedOrder {
            contract: contract(c),
            order: order(UNSET_INTEGER, c, o),
            order_state: order_state(st),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn crate::EWrapper) {
        w.completed_order_proto_buf(p);
    }
}
