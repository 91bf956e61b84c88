//! The protobuf forms of news and Wall Street Horizon data (server version
//! 209, `MIN_SERVER_VER_PROTOBUF_NEWS_DATA`, on): the bulletin, article,
//! provider, historical news and WSH requests and their answers, and the
//! news ticks, read as the official 10.51.1 decoder reads them.

use super::{
    CancelNewsBulletins, HistoricalNews, HistoricalNewsEnd, NewsArticle, NewsBulletin,
    NewsProviders, ReqHistoricalNews, ReqNewsArticle, ReqNewsBulletins, ReqNewsProviders,
};
use crate::errors::NO_VALID_ID;
use crate::messages::fundamentals::{
    CancelWshEventData, CancelWshMetaData, ReqWshEventData, ReqWshMetaData, WshEventDataMessage,
    WshMetaData,
};
use crate::messages::market_data::ticks::TickNews;
use crate::messages::orders::proto_in::tag_values;
use crate::messages::orders::proto_out::map;
use crate::messages::protobuf::{b, i, s, text};
use crate::messages::ProtoForm;
use crate::model::{NewsProvider, WshEventData, UNSET_INTEGER};
use crate::proto;
use crate::wire::DecodeError;
use crate::EWrapper;

crate::empty_proto_form! {
    CancelNewsBulletins => CancelNewsBulletins;
    ReqNewsProviders => NewsProvidersRequest;
}

crate::req_id_proto_form! {
    ReqWshMetaData => WshMetaDataRequest, UNSET_INTEGER;
    CancelWshMetaData => CancelWshMetaData, UNSET_INTEGER;
    CancelWshEventData => CancelWshEventData, UNSET_INTEGER;
}

impl ProtoForm for ReqNewsBulletins {
    type Proto = proto::NewsBulletinsRequest;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::NewsBulletinsRequest {
            all_messages: b(self.all_msgs),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ReqNewsBulletins {
            all_msgs: p.all_messages.unwrap_or(false),
        }))
    }
}

impl ProtoForm for ReqNewsArticle {
    type Proto = proto::NewsArticleRequest;
    const MAP_FIELDS: &'static [u32] = &[4];
    /// `createNewsArticleRequestProto`.
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::NewsArticleRequest {
            req_id: i(self.req_id),
            provider_code: s(&self.provider_code),
            article_id: s(&self.article_id),
            news_article_options: map(&self.news_article_options),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ReqNewsArticle {
            req_id: p.req_id.unwrap_or(UNSET_INTEGER),
            provider_code: text(&p.provider_code),
            article_id: text(&p.article_id),
            news_article_options: tag_values(&p.news_article_options),
        }))
    }
}

impl ProtoForm for ReqHistoricalNews {
    type Proto = proto::HistoricalNewsRequest;
    const MAP_FIELDS: &'static [u32] = &[7];
    /// `createHistoricalNewsRequestProto`.
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::HistoricalNewsRequest {
            req_id: i(self.req_id),
            con_id: i(self.con_id),
            provider_codes: s(&self.provider_codes),
            start_date_time: s(&self.start_date_time),
            end_date_time: s(&self.end_date_time),
            total_results: i(self.total_results),
            historical_news_options: map(&self.historical_news_options),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ReqHistoricalNews {
            req_id: p.req_id.unwrap_or(UNSET_INTEGER),
            con_id: p.con_id.unwrap_or(UNSET_INTEGER),
            provider_codes: text(&p.provider_codes),
            start_date_time: text(&p.start_date_time),
            end_date_time: text(&p.end_date_time),
            total_results: p.total_results.unwrap_or(UNSET_INTEGER),
            historical_news_options: tag_values(&p.historical_news_options),
        }))
    }
}

impl ProtoForm for ReqWshEventData {
    type Proto = proto::WshEventDataRequest;
    /// `createWshEventDataRequestProto`.
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        let d = &self.wsh_event_data;
        proto::WshEventDataRequest {
            req_id: i(self.req_id),
            con_id: i(d.con_id),
            filter: s(&d.filter),
            fill_watchlist: b(d.fill_watchlist),
            fill_portfolio: b(d.fill_portfolio),
            fill_competitors: b(d.fill_competitors),
            start_date: s(&d.start_date),
            end_date: s(&d.end_date),
            total_limit: i(d.total_limit),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ReqWshEventData {
            req_id: p.req_id.unwrap_or(UNSET_INTEGER),
            wsh_event_data: WshEventData {
                con_id: p.con_id.unwrap_or(UNSET_INTEGER),
                filter: text(&p.filter),
                fill_watchlist: p.fill_watchlist.unwrap_or(false),
                fill_portfolio: p.fill_portfolio.unwrap_or(false),
                fill_competitors: p.fill_competitors.unwrap_or(false),
                start_date: text(&p.start_date),
                end_date: text(&p.end_date),
                total_limit: p.total_limit.unwrap_or(UNSET_INTEGER),
            },
        }))
    }
}

// The answers.

impl ProtoForm for NewsBulletin {
    type Proto = proto::NewsBulletin;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::NewsBulletin {
            news_msg_id: Some(self.msg_id),
            news_msg_type: Some(self.msg_type),
            news_message: s(&self.news_message),
            originating_exch: s(&self.origin_exch),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(NewsBulletin {
            msg_id: p.news_msg_id.unwrap_or(0),
            msg_type: p.news_msg_type.unwrap_or(0),
            news_message: text(&p.news_message),
            origin_exch: text(&p.originating_exch),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.update_news_bulletin_proto_buf(p);
    }
}

impl ProtoForm for NewsArticle {
    type Proto = proto::NewsArticle;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::NewsArticle {
            req_id: Some(self.req_id),
            article_type: Some(self.article_type),
            article_text: s(&self.article_text),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(NewsArticle {
            req_id: p.req_id.unwrap_or(NO_VALID_ID),
            article_type: p.article_type.unwrap_or(0),
            article_text: text(&p.article_text),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.news_article_proto_buf(p);
    }
}

impl ProtoForm for NewsProviders {
    type Proto = proto::NewsProviders;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::NewsProviders {
            news_providers: self
                .news_providers
                .iter()
                .map(|n| proto::NewsProvider {
                    provider_code: s(&n.code),
                    provider_name: s(&n.name),
                })
                .collect(),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(NewsProviders {
            news_providers: p
                .news_providers
                .iter()
                .map(|n| NewsProvider {
                    code: text(&n.provider_code),
                    name: text(&n.provider_name),
                })
                .collect(),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.news_providers_proto_buf(p);
    }
}

impl ProtoForm for HistoricalNews {
    type Proto = proto::HistoricalNews;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::HistoricalNews {
            req_id: Some(self.req_id),
            time: s(&self.time),
            provider_code: s(&self.provider_code),
            article_id: s(&self.article_id),
            headline: s(&self.headline),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(HistoricalNews {
            req_id: p.req_id.unwrap_or(NO_VALID_ID),
            time: text(&p.time),
            provider_code: text(&p.provider_code),
            article_id: text(&p.article_id),
            headline: text(&p.headline),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.historical_news_proto_buf(p);
    }
}

impl ProtoForm for HistoricalNewsEnd {
    type Proto = proto::HistoricalNewsEnd;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::HistoricalNewsEnd {
            req_id: Some(self.req_id),
            has_more: b(self.has_more),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(HistoricalNewsEnd {
            req_id: p.req_id.unwrap_or(NO_VALID_ID),
            has_more: p.has_more.unwrap_or(false),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.historical_news_end_proto_buf(p);
    }
}

/// The two WSH answers: a request id and a JSON document.
macro_rules! json_form {
    ($($t:ident => $p:ident, $callback:ident;)*) => {$(
        impl ProtoForm for $t {
            type Proto = proto::$p;
            fn to_proto(&self, _sv: i32) -> Self::Proto {
                proto::$p {
                    req_id: Some(self.req_id),
                    data_json: s(&self.data_json),
                }
            }
            fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
                Ok(Some($t {
                    req_id: p.req_id.unwrap_or(NO_VALID_ID),
                    data_json: text(&p.data_json),
                }))
            }
            fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
                w.$callback(p);
            }
        }
    )*};
}

json_form! {
    WshMetaData => WshMetaData, wsh_meta_data_proto_buf;
    WshEventDataMessage => WshEventData, wsh_event_data_proto_buf;
}

impl ProtoForm for TickNews {
    type Proto = proto::TickNews;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::TickNews {
            req_id: Some(self.ticker_id),
            timestamp: Some(self.time_stamp),
            provider_code: s(&self.provider_code),
            article_id: s(&self.article_id),
            headline: s(&self.headline),
            extra_data: s(&self.extra_data),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(TickNews {
            ticker_id: p.req_id.unwrap_or(NO_VALID_ID),
            time_stamp: p.timestamp.unwrap_or(0),
            provider_code: text(&p.provider_code),
            article_id: text(&p.article_id),
            headline: text(&p.headline),
            extra_data: text(&p.extra_data),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.tick_news_proto_buf(p);
    }
}
