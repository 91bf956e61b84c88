//! The protobuf forms of option exercise and of the commission report
//! (server version 211, `MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_1`, on), read
//! as the official 10.51.1 decoder reads them.

use super::{CommissionAndFeesReportMsg, ExerciseOptions};
use crate::messages::orders::proto_in::request_contract;
use crate::messages::orders::proto_out::contract_to_proto;
use crate::messages::protobuf::{b, i, s, text};
use crate::messages::ProtoForm;
use crate::model::{CommissionAndFeesReport, Order, UNSET_INTEGER};
use crate::proto;
use crate::wire::DecodeError;
use crate::EWrapper;

impl ProtoForm for ExerciseOptions {
    type Proto = proto::ExerciseOptionsRequest;
    /// `createExerciseOptionsRequestProto` (`override` a flag).
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::ExerciseOptionsRequest {
            order_id: i(self.req_id),
            contract: Some(contract_to_proto(&self.contract, &Order::default())),
            exercise_action: i(self.exercise_action),
            exercise_quantity: i(self.exercise_quantity),
            account: s(&self.account),
            r#override: b(self.override_ != 0),
            manual_order_time: s(&self.manual_order_time),
            customer_account: s(&self.customer_account),
            professional_customer: b(self.professional_customer),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ExerciseOptions {
            req_id: p.order_id.unwrap_or(UNSET_INTEGER),
            contract: p
                .contract
                .as_ref()
                .map(request_contract)
                .unwrap_or_default(),
            exercise_action: p.exercise_action.unwrap_or(UNSET_INTEGER),
            exercise_quantity: p.exercise_quantity.unwrap_or(UNSET_INTEGER),
            account: text(&p.account),
            override_: i32::from(p.r#override.unwrap_or(false)),
            manual_order_time: text(&p.manual_order_time),
            customer_account: text(&p.customer_account),
            professional_customer: p.professional_customer.unwrap_or(false),
        }))
    }
}

impl ProtoForm for CommissionAndFeesReportMsg {
    type Proto = proto::CommissionAndFeesReport;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        let c = &self.report;
        proto::CommissionAndFeesReport {
            exec_id: s(&c.exec_id),
            // Every number set, the unset sentinel too: the official
            // decoder reads an absent one as 0.0, the text form's as sent.
            commission_and_fees: Some(c.commission_and_fees),
            currency: s(&c.currency),
            realized_pnl: Some(c.realized_pnl),
            bond_yield: Some(c.yield_),
            yield_redemption_date: (c.yield_redemption_date != 0)
                .then(|| c.yield_redemption_date.to_string()),
        }
    }
    /// The redemption date comes as text and is read as Python's `int()`
    /// reads it; text that is no integer does not decode (the official
    /// decoder raises).
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        let yield_redemption_date = match p.yield_redemption_date.as_deref() {
            None => 0,
            Some(t) => t.trim().parse::<i32>().map_err(|_| {
                DecodeError::Protobuf(format!("yieldRedemptionDate {t:?} is no integer"))
            })?,
        };
        Ok(Some(CommissionAndFeesReportMsg {
            report: CommissionAndFeesReport {
                exec_id: text(&p.exec_id),
                commission_and_fees: p.commission_and_fees.unwrap_or(0.0),
                currency: text(&p.currency),
                realized_pnl: p.realized_pnl.unwrap_or(0.0),
                yield_: p.bond_yield.unwrap_or(0.0),
                yield_redemption_date,
            },
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.commission_and_fees_report_proto_buf(p);
    }
}
