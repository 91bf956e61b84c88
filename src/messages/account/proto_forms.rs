//! The protobuf forms of accounts and positions (server version 207,
//! `MIN_SERVER_VER_PROTOBUF_ACCOUNTS_POSITIONS`, on): the account, position,
//! account-summary and model requests and their answers, and the managed
//! accounts, read as the official 10.51.1 decoder reads them.

use super::requests::{
    CancelAccountSummary, CancelAccountUpdatesMulti, CancelPnL, CancelPnLSingle, CancelPositions,
    CancelPositionsMulti, ReqAccountSummary, ReqAccountUpdates, ReqAccountUpdatesMulti, ReqPnL,
    ReqPnLSingle, ReqPositions, ReqPositionsMulti,
};
use super::requests::{ReplaceFa, RequestFa};
use super::requests::{ReqFamilyCodes, ReqSoftDollarTiers};
use super::responses::{
    AccountDownloadEnd, AccountSummary, AccountSummaryEnd, AccountUpdateMulti,
    AccountUpdateMultiEnd, PnL, PnLSingle, PositionData, PositionEnd, PositionMulti,
    PositionMultiEnd, UpdateAccountTime, UpdateAccountValue, UpdatePortfolio,
};
use super::responses::{FamilyCodes, SoftDollarTiers};
use super::responses::{ReceiveFa, ReplaceFaEnd};
use crate::errors::NO_VALID_ID;
use crate::messages::connection::{ManagedAccounts, ReqManagedAccts};
use crate::messages::orders::proto_in::{contract, dec};
use crate::messages::orders::proto_out::contract_proto;
use crate::messages::protobuf::{b, decimal, decimal_text, f, i, s, text};
use crate::messages::ProtoForm;
use crate::model::{FamilyCode, SoftDollarTier};
use crate::model::{UNSET_DECIMAL, UNSET_DOUBLE, UNSET_INTEGER};
use crate::proto;
use crate::wire::DecodeError;
use crate::EWrapper;

crate::empty_proto_form! {
    ReqPositions => PositionsRequest;
    CancelPositions => CancelPositions;
    ReqManagedAccts => ManagedAccountsRequest;
    PositionEnd => PositionEnd, position_end_proto_buf;
}

crate::req_id_proto_form! {
    CancelAccountSummary => CancelAccountSummary, UNSET_INTEGER;
    CancelPositionsMulti => CancelPositionsMulti, UNSET_INTEGER;
    CancelAccountUpdatesMulti => CancelAccountUpdatesMulti, UNSET_INTEGER;
    AccountSummaryEnd => AccountSummaryEnd, NO_VALID_ID, account_summary_end_proto_buf;
    PositionMultiEnd => PositionMultiEnd, NO_VALID_ID, position_multi_end_proto_buf;
    AccountUpdateMultiEnd => AccountUpdateMultiEnd, NO_VALID_ID, account_update_multi_end_proto_buf;
}

impl ProtoForm for ReqAccountUpdates {
    type Proto = proto::AccountDataRequest;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::AccountDataRequest {
            subscribe: b(self.subscribe),
            acct_code: s(&self.acct_code),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ReqAccountUpdates {
            subscribe: p.subscribe.unwrap_or(false),
            acct_code: text(&p.acct_code),
        }))
    }
}

impl ProtoForm for ReqAccountSummary {
    type Proto = proto::AccountSummaryRequest;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::AccountSummaryRequest {
            req_id: i(self.req_id),
            group: s(&self.group_name),
            tags: s(&self.tags),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ReqAccountSummary {
            req_id: p.req_id.unwrap_or(UNSET_INTEGER),
            group_name: text(&p.group),
            tags: text(&p.tags),
        }))
    }
}

impl ProtoForm for ReqPositionsMulti {
    type Proto = proto::PositionsMultiRequest;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::PositionsMultiRequest {
            req_id: i(self.req_id),
            account: s(&self.account),
            model_code: s(&self.model_code),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ReqPositionsMulti {
            req_id: p.req_id.unwrap_or(UNSET_INTEGER),
            account: text(&p.account),
            model_code: text(&p.model_code),
        }))
    }
}

impl ProtoForm for ReqAccountUpdatesMulti {
    type Proto = proto::AccountUpdatesMultiRequest;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::AccountUpdatesMultiRequest {
            req_id: i(self.req_id),
            account: s(&self.account),
            model_code: s(&self.model_code),
            ledger_and_nlv: b(self.ledger_and_nlv),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ReqAccountUpdatesMulti {
            req_id: p.req_id.unwrap_or(UNSET_INTEGER),
            account: text(&p.account),
            model_code: text(&p.model_code),
            ledger_and_nlv: p.ledger_and_nlv.unwrap_or(false),
        }))
    }
}

impl ProtoForm for UpdateAccountValue {
    type Proto = proto::AccountValue;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::AccountValue {
            key: s(&self.key),
            value: s(&self.val),
            currency: s(&self.currency),
            account_name: s(&self.account_name),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(UpdateAccountValue {
            key: text(&p.key),
            val: text(&p.value),
            currency: text(&p.currency),
            account_name: text(&p.account_name),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.update_account_value_proto_buf(p);
    }
}

impl ProtoForm for UpdatePortfolio {
    type Proto = proto::PortfolioValue;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::PortfolioValue {
            contract: contract_proto(&self.contract),
            position: decimal_text(self.position),
            market_price: f(self.market_price),
            market_value: f(self.market_value),
            average_cost: f(self.average_cost),
            unrealized_pnl: f(self.unrealized_pnl),
            realized_pnl: f(self.realized_pnl),
            account_name: s(&self.account_name),
        }
    }
    /// As the official decoder: nothing but the `…ProtoBuf` callback
    /// without the contract; an absent number is 0.
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        let Some(c) = &p.contract else {
            return Ok(None);
        };
        Ok(Some(UpdatePortfolio {
            version: 8,
            contract: contract(c),
            position: dec(&p.position).unwrap_or(UNSET_DECIMAL),
            market_price: p.market_price.unwrap_or(0.0),
            market_value: p.market_value.unwrap_or(0.0),
            average_cost: p.average_cost.unwrap_or(0.0),
            unrealized_pnl: p.unrealized_pnl.unwrap_or(0.0),
            realized_pnl: p.realized_pnl.unwrap_or(0.0),
            account_name: text(&p.account_name),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.update_portfolio_proto_buf(p);
    }
}

impl ProtoForm for UpdateAccountTime {
    type Proto = proto::AccountUpdateTime;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::AccountUpdateTime {
            time_stamp: s(&self.time_stamp),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(UpdateAccountTime {
            time_stamp: text(&p.time_stamp),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.update_account_time_proto_buf(p);
    }
}

impl ProtoForm for AccountDownloadEnd {
    type Proto = proto::AccountDataEnd;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::AccountDataEnd {
            account_name: s(&self.account_name),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(AccountDownloadEnd {
            account_name: text(&p.account_name),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.account_data_end_proto_buf(p);
    }
}

impl ProtoForm for ManagedAccounts {
    type Proto = proto::ManagedAccounts;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::ManagedAccounts {
            accounts_list: s(&self.accounts_list),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ManagedAccounts {
            accounts_list: text(&p.accounts_list),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.managed_accounts_proto_buf(p);
    }
}

impl ProtoForm for PositionData {
    type Proto = proto::Position;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::Position {
            account: s(&self.account),
            contract: contract_proto(&self.contract),
            position: decimal_text(self.position),
            avg_cost: f(self.avg_cost),
        }
    }
    /// As the official decoder: nothing but the `…ProtoBuf` callback
    /// without the contract; an absent average cost is 0.
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        let Some(c) = &p.contract else {
            return Ok(None);
        };
        Ok(Some(PositionData {
            version: 3,
            account: text(&p.account),
            contract: contract(c),
            position: dec(&p.position).unwrap_or(UNSET_DECIMAL),
            avg_cost: p.avg_cost.unwrap_or(0.0),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.position_proto_buf(p);
    }
}

impl ProtoForm for AccountSummary {
    type Proto = proto::AccountSummary;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::AccountSummary {
            req_id: i(self.req_id),
            account: s(&self.account),
            tag: s(&self.tag),
            value: s(&self.value),
            currency: s(&self.currency),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(AccountSummary {
            req_id: p.req_id.unwrap_or(NO_VALID_ID),
            account: text(&p.account),
            tag: text(&p.tag),
            value: text(&p.value),
            currency: text(&p.currency),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.account_summary_proto_buf(p);
    }
}

impl ProtoForm for PositionMulti {
    type Proto = proto::PositionMulti;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::PositionMulti {
            req_id: i(self.req_id),
            account: s(&self.account),
            contract: contract_proto(&self.contract),
            position: decimal_text(self.pos),
            avg_cost: f(self.avg_cost),
            model_code: s(&self.model_code),
        }
    }
    /// As the official decoder: nothing but the `…ProtoBuf` callback
    /// without the contract; an absent average cost is 0.
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        let Some(c) = &p.contract else {
            return Ok(None);
        };
        Ok(Some(PositionMulti {
            req_id: p.req_id.unwrap_or(NO_VALID_ID),
            account: text(&p.account),
            contract: contract(c),
            pos: dec(&p.position).unwrap_or(UNSET_DECIMAL),
            avg_cost: p.avg_cost.unwrap_or(0.0),
            model_code: text(&p.model_code),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.position_multi_proto_buf(p);
    }
}

impl ProtoForm for AccountUpdateMulti {
    type Proto = proto::AccountUpdateMulti;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::AccountUpdateMulti {
            req_id: i(self.req_id),
            account: s(&self.account),
            model_code: s(&self.model_code),
            key: s(&self.key),
            value: s(&self.value),
            currency: s(&self.currency),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(AccountUpdateMulti {
            req_id: p.req_id.unwrap_or(NO_VALID_ID),
            account: text(&p.account),
            model_code: text(&p.model_code),
            key: text(&p.key),
            value: text(&p.value),
            currency: text(&p.currency),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.account_update_multi_proto_buf(p);
    }
}

// PnL (server version 210, `MIN_SERVER_VER_PROTOBUF_SCAN_DATA`, with the
// scanner).

crate::req_id_proto_form! {
    CancelPnL => CancelPnL, UNSET_INTEGER;
    CancelPnLSingle => CancelPnLSingle, UNSET_INTEGER;
}

impl ProtoForm for ReqPnL {
    type Proto = proto::PnLRequest;
    /// `createPnLRequestProto`.
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::PnLRequest {
            req_id: i(self.req_id),
            account: s(&self.account),
            model_code: s(&self.model_code),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ReqPnL {
            req_id: p.req_id.unwrap_or(UNSET_INTEGER),
            account: text(&p.account),
            model_code: text(&p.model_code),
        }))
    }
}

impl ProtoForm for ReqPnLSingle {
    type Proto = proto::PnLSingleRequest;
    /// `createPnLSingleRequestProto`.
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::PnLSingleRequest {
            req_id: i(self.req_id),
            account: s(&self.account),
            model_code: s(&self.model_code),
            con_id: i(self.conid),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ReqPnLSingle {
            req_id: p.req_id.unwrap_or(UNSET_INTEGER),
            account: text(&p.account),
            model_code: text(&p.model_code),
            conid: p.con_id.unwrap_or(UNSET_INTEGER),
        }))
    }
}

impl ProtoForm for PnL {
    type Proto = proto::PnL;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::PnL {
            req_id: Some(self.req_id),
            daily_pn_l: f(self.daily_pnl),
            unrealized_pn_l: f(self.unrealized_pnl),
            realized_pn_l: f(self.realized_pnl),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(PnL {
            req_id: p.req_id.unwrap_or(NO_VALID_ID),
            daily_pnl: p.daily_pn_l.unwrap_or(UNSET_DOUBLE),
            unrealized_pnl: p.unrealized_pn_l.unwrap_or(UNSET_DOUBLE),
            realized_pnl: p.realized_pn_l.unwrap_or(UNSET_DOUBLE),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.pnl_proto_buf(p);
    }
}

impl ProtoForm for PnLSingle {
    type Proto = proto::PnLSingle;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::PnLSingle {
            req_id: Some(self.req_id),
            position: decimal_text(self.pos),
            daily_pn_l: f(self.daily_pnl),
            unrealized_pn_l: f(self.unrealized_pnl),
            realized_pn_l: f(self.realized_pnl),
            value: f(self.value),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(PnLSingle {
            req_id: p.req_id.unwrap_or(NO_VALID_ID),
            pos: decimal(&p.position),
            daily_pnl: p.daily_pn_l.unwrap_or(UNSET_DOUBLE),
            unrealized_pnl: p.unrealized_pn_l.unwrap_or(UNSET_DOUBLE),
            realized_pnl: p.realized_pn_l.unwrap_or(UNSET_DOUBLE),
            value: p.value.unwrap_or(UNSET_DOUBLE),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.pnl_single_proto_buf(p);
    }
}

// Financial advisor configuration (server version 211,
// `MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_1`).

impl ProtoForm for RequestFa {
    type Proto = proto::FaRequest;
    /// `createFARequestProto`.
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::FaRequest {
            fa_data_type: i(self.fa_data),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(RequestFa {
            fa_data: p.fa_data_type.unwrap_or(UNSET_INTEGER),
        }))
    }
}

impl ProtoForm for ReplaceFa {
    type Proto = proto::FaReplace;
    /// `createFAReplaceProto`.
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::FaReplace {
            req_id: i(self.req_id),
            fa_data_type: i(self.fa_data),
            xml: s(&self.cxml),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ReplaceFa {
            fa_data: p.fa_data_type.unwrap_or(UNSET_INTEGER),
            cxml: text(&p.xml),
            req_id: p.req_id.unwrap_or(UNSET_INTEGER),
        }))
    }
}

impl ProtoForm for ReceiveFa {
    type Proto = proto::ReceiveFa;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::ReceiveFa {
            fa_data_type: Some(self.fa_data),
            xml: s(&self.cxml),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ReceiveFa {
            fa_data: p.fa_data_type.unwrap_or(0),
            cxml: text(&p.xml),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.receive_fa_proto_buf(p);
    }
}

impl ProtoForm for ReplaceFaEnd {
    type Proto = proto::ReplaceFaEnd;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::ReplaceFaEnd {
            req_id: Some(self.req_id),
            text: s(&self.text),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ReplaceFaEnd {
            req_id: p.req_id.unwrap_or(NO_VALID_ID),
            text: text(&p.text),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.replace_fa_end_proto_buf(p);
    }
}

// Soft-dollar tiers and family codes (server version 212,
// `MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_2`).

crate::req_id_proto_form! {
    ReqSoftDollarTiers => SoftDollarTiersRequest, UNSET_INTEGER;
}

crate::empty_proto_form! {
    ReqFamilyCodes => FamilyCodesRequest;
}

impl ProtoForm for SoftDollarTiers {
    type Proto = proto::SoftDollarTiers;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::SoftDollarTiers {
            req_id: Some(self.req_id),
            soft_dollar_tiers: self
                .tiers
                .iter()
                .map(|t| proto::SoftDollarTier {
                    name: s(&t.name),
                    value: s(&t.val),
                    display_name: s(&t.display_name),
                })
                .collect(),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(SoftDollarTiers {
            req_id: p.req_id.unwrap_or(NO_VALID_ID),
            tiers: p
                .soft_dollar_tiers
                .iter()
                .map(|t| SoftDollarTier {
                    name: text(&t.name),
                    val: text(&t.value),
                    display_name: text(&t.display_name),
                })
                .collect(),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.soft_dollar_tiers_proto_buf(p);
    }
}

impl ProtoForm for FamilyCodes {
    type Proto = proto::FamilyCodes;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::FamilyCodes {
            family_codes: self
                .family_codes
                .iter()
                .map(|c| proto::FamilyCode {
                    account_id: s(&c.account_id),
                    family_code: s(&c.family_code_str),
                })
                .collect(),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(FamilyCodes {
            family_codes: p
                .family_codes
                .iter()
                .map(|c| FamilyCode {
                    account_id: text(&c.account_id),
                    family_code_str: text(&c.family_code),
                })
                .collect(),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.family_codes_proto_buf(p);
    }
}
