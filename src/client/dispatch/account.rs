//! Dispatch of the account, portfolio, position, PnL and FA messages: decoded with [`crate::messages::account`]
//! and delivered to their callbacks. The table in `dispatch/mod.rs` routes
//! their ids here.

use crate::messages::account::{
    AccountDownloadEnd, AccountSummary, AccountSummaryEnd, AccountUpdateMulti,
    AccountUpdateMultiEnd, FamilyCodes, PnL, PnLSingle, PositionData, PositionEnd, PositionMulti,
    PositionMultiEnd, ReceiveFa, ReplaceFaEnd, SoftDollarTiers, UpdateAccountTime,
    UpdateAccountValue, UpdatePortfolio,
};
use crate::messages::ids::incoming;
use crate::messages::Message;
use crate::wire::{DecodeError, FieldReader};
use crate::EWrapper;

/// Decodes one account, portfolio, position, PnL and FA message (fields) and calls the wrapper.
pub(super) fn fields(
    sv: i32,
    id: u32,
    r: &mut FieldReader<'_>,
    w: &mut dyn EWrapper,
) -> Result<(), DecodeError> {
    match id {
        incoming::ACCT_VALUE => {
            let m = UpdateAccountValue::decode(sv, r)?;
            w.update_account_value(&m.key, &m.val, &m.currency, &m.account_name);
        }
        incoming::PORTFOLIO_VALUE => {
            let m = UpdatePortfolio::decode(sv, r)?;
            w.update_portfolio(
                &m.contract,
                m.position,
                m.market_price,
                m.market_value,
                m.average_cost,
                m.unrealized_pnl,
                m.realized_pnl,
                &m.account_name,
            );
        }
        incoming::ACCT_UPDATE_TIME => {
            let m = UpdateAccountTime::decode(sv, r)?;
            w.update_account_time(&m.time_stamp);
        }
        incoming::ACCT_DOWNLOAD_END => {
            let m = AccountDownloadEnd::decode(sv, r)?;
            w.account_download_end(&m.account_name);
        }
        incoming::POSITION_DATA => {
            let m = PositionData::decode(sv, r)?;
            w.position(&m.account, &m.contract, m.position, m.avg_cost);
        }
        incoming::POSITION_END => {
            PositionEnd::decode(sv, r)?;
            w.position_end();
        }
        incoming::ACCOUNT_SUMMARY => {
            let m = AccountSummary::decode(sv, r)?;
            w.account_summary(m.req_id, &m.account, &m.tag, &m.value, &m.currency);
        }
        incoming::ACCOUNT_SUMMARY_END => {
            let m = AccountSummaryEnd::decode(sv, r)?;
            w.account_summary_end(m.req_id);
        }
        incoming::POSITION_MULTI => {
            let m = PositionMulti::decode(sv, r)?;
            w.position_multi(
                m.req_id,
                &m.account,
                &m.model_code,
                &m.contract,
                m.pos,
                m.avg_cost,
            );
        }
        incoming::POSITION_MULTI_END => {
            let m = PositionMultiEnd::decode(sv, r)?;
            w.position_multi_end(m.req_id);
        }
        incoming::ACCOUNT_UPDATE_MULTI => {
            let m = AccountUpdateMulti::decode(sv, r)?;
            w.account_update_multi(
                m.req_id,
                &m.account,
                &m.model_code,
                &m.key,
                &m.value,
                &m.currency,
            );
        }
        incoming::ACCOUNT_UPDATE_MULTI_END => {
            let m = AccountUpdateMultiEnd::decode(sv, r)?;
            w.account_update_multi_end(m.req_id);
        }
        incoming::PNL => {
            let m = PnL::decode(sv, r)?;
            w.pnl(m.req_id, m.daily_pnl, m.unrealized_pnl, m.realized_pnl);
        }
        incoming::PNL_SINGLE => {
            let m = PnLSingle::decode(sv, r)?;
            w.pnl_single(
                m.req_id,
                m.pos,
                m.daily_pnl,
                m.unrealized_pnl,
                m.realized_pnl,
                m.value,
            );
        }
        incoming::FAMILY_CODES => {
            let m = FamilyCodes::decode(sv, r)?;
            w.family_codes(&m.family_codes);
        }
        incoming::SOFT_DOLLAR_TIERS => {
            let m = SoftDollarTiers::decode(sv, r)?;
            w.soft_dollar_tiers(m.req_id, &m.tiers);
        }
        incoming::RECEIVE_FA => {
            let m = ReceiveFa::decode(sv, r)?;
            w.receive_fa(m.fa_data, &m.cxml);
        }
        incoming::REPLACE_FA_END => {
            let m = ReplaceFaEnd::decode(sv, r)?;
            w.replace_fa_end(m.req_id, &m.text);
        }
        other => super::unknown_or_pending(other, false, w),
    }
    Ok(())
}
