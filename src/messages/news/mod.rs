//! News: providers, articles, historical headlines and bulletins.
//!
//! `reqNewsProviders` → `newsProviders`; `reqNewsArticle` → `newsArticle`;
//! `reqHistoricalNews` → `historicalNews`… then `historicalNewsEnd`;
//! `reqNewsBulletins` / `cancelNewsBulletins` → `updateNewsBulletin`.
//! (`tickNews`, through generic tick 292 of `reqMktData`, is market data.)

mod proto_forms;

use super::ids::{incoming, outgoing};
use super::layout::list;
use super::layout::refuse;
use super::layout::{Io, Layout};
use super::market_data::options;
use crate::model::{NewsProvider, TagValue};
use crate::server_versions::LATEST_OFFICIAL_FROM;
use crate::server_versions::{
    MIN_SERVER_VER_NEWS_QUERY_ORIGINS, MIN_SERVER_VER_REQ_HISTORICAL_NEWS,
    MIN_SERVER_VER_REQ_NEWS_ARTICLE, MIN_SERVER_VER_REQ_NEWS_PROVIDERS,
};
use crate::unit_message;
use crate::wire::{DecodeError, EncodeError};
use crate::{flat_message, layout_message};

flat_message! {
    /// `reqNewsBulletins` (message version 1): subscribe to IB's news bulletins.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct ReqNewsBulletins = outgoing::REQ_NEWS_BULLETINS {
        version 1;
        /// `true`: today's bulletins so far, then new ones; `false`: new ones only.
        pub all_msgs: bool = Bool,
    }
    impl { crate::protobuf_form!(outgoing::protobuf_since); }
}

/// `cancelNewsBulletins` (message version 1): stop the bulletins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CancelNewsBulletins;

unit_message!(CancelNewsBulletins = outgoing::CANCEL_NEWS_BULLETINS, version 1, impl { crate::protobuf_form!(outgoing::protobuf_since); });

flat_message! {
    /// `updateNewsBulletin` (incoming `NEWS_BULLETINS`, version 1). Every text
    /// field is escaped by the server from version 153 (the official decoder
    /// reads this message generically, all fields alike).
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct NewsBulletin = incoming::NEWS_BULLETINS {
        version 1;
        /// The bulletin's id.
        pub msg_id: i32 = Int,
        /// 1 news, 2 exchange available, 3 exchange unavailable (`model::news`).
        pub msg_type: i32 = Int,
        /// The text.
        pub news_message: String = Text,
        /// The exchange the bulletin is about.
        pub origin_exch: String = Text,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
}

/// `reqNewsProviders` (no fields, server version 115+): answered by
/// [`NewsProviders`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReqNewsProviders;

unit_message!(ReqNewsProviders = outgoing::REQ_NEWS_PROVIDERS,
    refuse MIN_SERVER_VER_REQ_NEWS_PROVIDERS,
    "  It does not support news providers request.", impl { crate::protobuf_form!(outgoing::protobuf_since); });

/// `newsProviders`: the news providers this login may use.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewsProviders {
    /// Code and name of each provider.
    pub news_providers: Vec<NewsProvider>,
}

impl Layout for NewsProviders {
    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        list(
            io,
            &mut self.news_providers,
            "number of news providers",
            |io, p| {
                io.text(&mut p.code, "provider code")?;
                io.text(&mut p.name, "provider name")
            },
        )
    }
}

layout_message!(NewsProviders = incoming::NEWS_PROVIDERS, impl { crate::protobuf_form!(incoming::protobuf_since); });

/// `reqNewsArticle` (server version 116+): the body of one article,
/// answered by [`NewsArticle`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReqNewsArticle {
    /// The request id.
    pub req_id: i32,
    /// Provider code (`BRFG`, …).
    pub provider_code: String,
    /// Article id, from a headline.
    pub article_id: String,
    /// Options (reserved), sent from server version 128.
    pub news_article_options: Vec<TagValue>,
}

impl Layout for ReqNewsArticle {
    fn check(&self, sv: i32) -> Result<(), EncodeError> {
        refuse(
            sv < MIN_SERVER_VER_REQ_NEWS_ARTICLE,
            "  It does not support news article request.",
        )
    }

    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        io.int(&mut self.req_id, "req id")?;
        io.ascii(&mut self.provider_code, "provider code")?;
        io.ascii(&mut self.article_id, "article id")?;
        if io.sv() >= MIN_SERVER_VER_NEWS_QUERY_ORIGINS {
            options(io, &mut self.news_article_options, "news article options")?;
        }
        Ok(())
    }
}

layout_message!(ReqNewsArticle = outgoing::REQ_NEWS_ARTICLE, impl { crate::protobuf_form!(outgoing::protobuf_since); });

flat_message! {
    /// `newsArticle`: an article's body.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct NewsArticle = incoming::NEWS_ARTICLE {
        /// The request id.
        pub req_id: i32 = Int,
        /// 0 text or HTML, 1 binary (Base64, e.g. a PDF).
        pub article_type: i32 = Int,
        /// The body.
        pub article_text: String = Raw,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
}

/// `reqHistoricalNews` (server version 117+): headlines of one contract,
/// answered by [`HistoricalNews`] rows and [`HistoricalNewsEnd`].
///
/// The official 10.37.2 client never sends its `historicalNewsOptions`: the
/// options field (server version 128+) is always empty, whatever the caller
/// passes; 10.51.1 sends them. This port sends them as the official client
/// of each version does: not below [`LATEST_OFFICIAL_FROM`], from it on as
/// `tag=value;` pairs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReqHistoricalNews {
    /// The request id.
    pub req_id: i32,
    /// The contract's id.
    pub con_id: i32,
    /// Provider codes joined with `+` (`"BRFG+DJNL"`).
    pub provider_codes: String,
    /// Earliest time, `yyyy-MM-dd HH:mm:ss.0`, or empty.
    pub start_date_time: String,
    /// Latest time, `yyyy-MM-dd HH:mm:ss.0`, or empty.
    pub end_date_time: String,
    /// Maximum number of headlines (1–300).
    pub total_results: i32,
    /// Internal options (sent from [`LATEST_OFFICIAL_FROM`] on).
    pub historical_news_options: Vec<TagValue>,
}

impl Layout for ReqHistoricalNews {
    fn check(&self, sv: i32) -> Result<(), EncodeError> {
        refuse(
            sv < MIN_SERVER_VER_REQ_HISTORICAL_NEWS,
            "  It does not support historical news request.",
        )
    }

    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        io.int(&mut self.req_id, "req id")?;
        io.int(&mut self.con_id, "con id")?;
        io.ascii(&mut self.provider_codes, "provider codes")?;
        io.ascii(&mut self.start_date_time, "start date time")?;
        io.ascii(&mut self.end_date_time, "end date time")?;
        io.int(&mut self.total_results, "total results")?;
        if io.sv() >= MIN_SERVER_VER_NEWS_QUERY_ORIGINS {
            if io.sv() >= LATEST_OFFICIAL_FROM {
                options(
                    io,
                    &mut self.historical_news_options,
                    "historical news options",
                )?;
            } else {
                io.skip("historical news options")?;
            }
        }
        Ok(())
    }
}

layout_message!(ReqHistoricalNews = outgoing::REQ_HISTORICAL_NEWS, impl { crate::protobuf_form!(outgoing::protobuf_since); });

flat_message! {
    /// `historicalNews`: one headline.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct HistoricalNews = incoming::HISTORICAL_NEWS {
        /// The request id.
        pub req_id: i32 = Int,
        /// When, `yyyy-MM-dd HH:mm:ss.0`.
        pub time: String = Raw,
        /// Provider code.
        pub provider_code: String = Raw,
        /// Article id, for [`ReqNewsArticle`].
        pub article_id: String = Raw,
        /// The headline.
        pub headline: String = Raw,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
}

flat_message! {
    /// `historicalNewsEnd`: the last headline was sent.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct HistoricalNewsEnd = incoming::HISTORICAL_NEWS_END {
        /// The request id.
        pub req_id: i32 = Int,
        /// More headlines exist than `total_results` allowed.
        pub has_more: bool = Bool,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{round_trip, VERSIONS};
    use super::super::to_frame;
    use super::*;

    #[test]
    fn requests_round_trip() {
        for sv in VERSIONS {
            for all_msgs in [true, false] {
                let m = ReqNewsBulletins { all_msgs };
                assert_eq!(round_trip(&m, sv), m);
            }
            assert_eq!(round_trip(&CancelNewsBulletins, sv), CancelNewsBulletins);
            if sv >= MIN_SERVER_VER_REQ_HISTORICAL_NEWS {
                assert_eq!(round_trip(&ReqNewsProviders, sv), ReqNewsProviders);
                let a = ReqNewsArticle {
                    req_id: 3,
                    provider_code: "BRFG".into(),
                    article_id: "BRFG$04fb9da2".into(),
                    news_article_options: vec![TagValue::new("k", "v")],
                };
                assert_eq!(round_trip(&a, sv), a);
                let h = ReqHistoricalNews {
                    req_id: 4,
                    con_id: 8314,
                    provider_codes: "BRFG+DJNL".into(),
                    start_date_time: "2026-01-01 00:00:00.0".into(),
                    end_date_time: String::new(),
                    total_results: 10,
                    historical_news_options: vec![],
                };
                assert_eq!(round_trip(&h, sv), h);
            }
        }
    }

    #[test]
    fn request_layouts() {
        let frame = to_frame(&ReqNewsProviders, 176).unwrap();
        assert_eq!(&frame[4..], b"85\x00");
        let h = ReqHistoricalNews {
            req_id: 4,
            con_id: 8314,
            provider_codes: "BRFG".into(),
            total_results: 5,
            ..Default::default()
        };
        let frame = to_frame(&h, 176).unwrap();
        assert_eq!(&frame[4..], b"86\x004\x008314\x00BRFG\x00\x00\x005\x00\x00");
        assert!(to_frame(&ReqNewsProviders, 100).is_err());
        // The options: sent as 10.51.1 sends them from 204 on, never before
        // (10.37.2).
        let h = ReqHistoricalNews {
            historical_news_options: vec![TagValue::new("a", "b")],
            ..h
        };
        let frame = to_frame(&h, 203).unwrap();
        assert!(frame.ends_with(b"5\x00\x00"));
        let frame = to_frame(&h, 204).unwrap();
        assert!(frame.ends_with(b"5\x00a=b;\x00"));
    }

    #[test]
    fn responses_round_trip() {
        for sv in VERSIONS {
            let b = NewsBulletin {
                msg_id: 1,
                msg_type: 2,
                news_message: "Trading halted — NYSE \\".into(),
                origin_exch: "NYSE".into(),
            };
            assert_eq!(round_trip(&b, sv), b);
            let p = NewsProviders {
                news_providers: vec![
                    NewsProvider {
                        code: "BRFG".into(),
                        name: "Briefing.com General Market Columns".into(),
                    },
                    NewsProvider {
                        code: "DJNL".into(),
                        name: "Dow Jones Newsletters".into(),
                    },
                ],
            };
            assert_eq!(round_trip(&p, sv), p);
            let a = NewsArticle {
                req_id: 1,
                article_type: 0,
                article_text: "<p>Text</p>".into(),
            };
            assert_eq!(round_trip(&a, sv), a);
            let h = HistoricalNews {
                req_id: 1,
                time: "2026-11-27 14:30:00.0".into(),
                provider_code: "BRFG".into(),
                article_id: "BRFG$1".into(),
                headline: "Headline".into(),
            };
            assert_eq!(round_trip(&h, sv), h);
            let e = HistoricalNewsEnd {
                req_id: 1,
                has_more: true,
            };
            assert_eq!(round_trip(&e, sv), e);
        }
    }
}

mod deliver {
    //! How the news messages reach the `EWrapper`.
    use super::*;
    use crate::messages::incoming::Incoming;
    use crate::messages::route::Route;
    use crate::EWrapper;

    impl Incoming for NewsBulletin {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.update_news_bulletin(
                self.msg_id,
                self.msg_type,
                &self.news_message,
                &self.origin_exch,
            );
            Ok(())
        }
    }

    impl Incoming for NewsProviders {
        const MAY_END: bool = true;
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.news_providers(&self.news_providers);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::requests(&[outgoing::REQ_NEWS_PROVIDERS]).ending()
        }
    }

    impl Incoming for NewsArticle {
        const MAY_END: bool = true;
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.news_article(self.req_id, self.article_type, &self.article_text);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id).ending()
        }
    }

    impl Incoming for HistoricalNews {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.historical_news(
                self.req_id,
                &self.time,
                &self.provider_code,
                &self.article_id,
                &self.headline,
            );
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id)
        }
    }

    impl Incoming for HistoricalNewsEnd {
        const MAY_END: bool = true;
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.historical_news_end(self.req_id, self.has_more);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id).ending()
        }
    }
}
