//! Dispatch of the news messages: decoded with [`crate::messages::news`]
//! and delivered to their callbacks. The table in `dispatch/mod.rs` routes
//! their ids here.

use crate::messages::ids::incoming;
use crate::messages::news::{
    HistoricalNews, HistoricalNewsEnd, NewsArticle, NewsBulletin, NewsProviders,
};
use crate::messages::Message;
use crate::wire::{DecodeError, FieldReader};
use crate::EWrapper;

/// Decodes one news message (fields) and calls the wrapper.
pub(super) fn fields(
    sv: i32,
    id: u32,
    r: &mut FieldReader<'_>,
    w: &mut dyn EWrapper,
) -> Result<(), DecodeError> {
    match id {
        incoming::NEWS_BULLETINS => {
            let m = NewsBulletin::decode(sv, r)?;
            w.update_news_bulletin(m.msg_id, m.msg_type, &m.news_message, &m.origin_exch);
        }
        incoming::NEWS_PROVIDERS => {
            let m = NewsProviders::decode(sv, r)?;
            w.news_providers(&m.news_providers);
        }
        incoming::NEWS_ARTICLE => {
            let m = NewsArticle::decode(sv, r)?;
            w.news_article(m.req_id, m.article_type, &m.article_text);
        }
        incoming::HISTORICAL_NEWS => {
            let m = HistoricalNews::decode(sv, r)?;
            w.historical_news(
                m.req_id,
                &m.time,
                &m.provider_code,
                &m.article_id,
                &m.headline,
            );
        }
        incoming::HISTORICAL_NEWS_END => {
            let m = HistoricalNewsEnd::decode(sv, r)?;
            w.historical_news_end(m.req_id, m.has_more);
        }
        other => super::unknown_or_pending(other, false, w),
    }
    Ok(())
}
