//! News: providers, articles, historical headlines and bulletins.
//!
//! `reqNewsProviders` → `newsProviders`; `reqNewsArticle` → `newsArticle`;
//! `reqHistoricalNews` → `historicalNews`… then `historicalNewsEnd`;
//! `reqNewsBulletins` / `cancelNewsBulletins` → `updateNewsBulletin`.
//! (`tickNews`, through generic tick 292 of `reqMktData`, is market data.)

use super::ids::{incoming, outgoing};
use super::scanner::{parse_tag_values, tag_values_field};
use super::{read_text, write_text, Message};
use crate::model::{NewsProvider, TagValue};
use crate::server_versions::{
    MIN_SERVER_VER_NEWS_QUERY_ORIGINS, MIN_SERVER_VER_REQ_HISTORICAL_NEWS,
    MIN_SERVER_VER_REQ_NEWS_ARTICLE, MIN_SERVER_VER_REQ_NEWS_PROVIDERS,
};
use crate::wire::{DecodeError, EncodeError, FieldReader, FieldWriter};

/// `reqNewsBulletins` (message version 1): subscribe to IB's news bulletins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReqNewsBulletins {
    /// `true`: today's bulletins so far, then new ones; `false`: new ones only.
    pub all_msgs: bool,
}

impl Message for ReqNewsBulletins {
    const ID: u32 = outgoing::REQ_NEWS_BULLETINS;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(1);
        w.put_bool(self.all_msgs);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(ReqNewsBulletins {
            all_msgs: r.read_bool("all msgs")?,
        })
    }
}

/// `cancelNewsBulletins` (message version 1): stop the bulletins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CancelNewsBulletins;

impl Message for CancelNewsBulletins {
    const ID: u32 = outgoing::CANCEL_NEWS_BULLETINS;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(1);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(CancelNewsBulletins)
    }
}

/// `updateNewsBulletin` (incoming `NEWS_BULLETINS`, version 1). Every text
/// field is escaped by the server from version 153 (the official decoder
/// reads this message generically, all fields alike).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewsBulletin {
    /// The bulletin's id.
    pub msg_id: i32,
    /// 1 news, 2 exchange available, 3 exchange unavailable (`model::news`).
    pub msg_type: i32,
    /// The text.
    pub news_message: String,
    /// The exchange the bulletin is about.
    pub origin_exch: String,
}

impl Message for NewsBulletin {
    const ID: u32 = incoming::NEWS_BULLETINS;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(1);
        w.put_int(self.msg_id);
        w.put_int(self.msg_type);
        write_text(sv, w, &self.news_message);
        write_text(sv, w, &self.origin_exch);
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(NewsBulletin {
            msg_id: r.read_int_named("msg id")?,
            msg_type: r.read_int_named("msg type")?,
            news_message: read_text(sv, r, "news message")?,
            origin_exch: read_text(sv, r, "origin exch")?,
        })
    }
}

/// `reqNewsProviders` (no fields, server version 115+): answered by
/// [`NewsProviders`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReqNewsProviders;

impl Message for ReqNewsProviders {
    const ID: u32 = outgoing::REQ_NEWS_PROVIDERS;

    fn encode(&self, sv: i32, _w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        if sv < MIN_SERVER_VER_REQ_NEWS_PROVIDERS {
            return Err(EncodeError::UpdateTws(
                "  It does not support news providers request.",
            ));
        }
        Ok(())
    }

    fn decode(_sv: i32, _r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        Ok(ReqNewsProviders)
    }
}

/// `newsProviders`: the news providers this login may use.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewsProviders {
    /// Code and name of each provider.
    pub news_providers: Vec<NewsProvider>,
}

impl Message for NewsProviders {
    const ID: u32 = incoming::NEWS_PROVIDERS;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(self.news_providers.len() as i64);
        for p in &self.news_providers {
            w.put_str_raw(&p.code);
            w.put_str_raw(&p.name);
        }
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        let n: i32 = r.read_int_named("number of news providers")?;
        let mut news_providers =
            Vec::with_capacity((n.max(0) as usize).min(r.remaining_fields() / 2));
        for _ in 0..n.max(0) {
            news_providers.push(NewsProvider {
                code: r.read_string("provider code")?,
                name: r.read_string("provider name")?,
            });
        }
        Ok(NewsProviders { news_providers })
    }
}

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

impl Message for ReqNewsArticle {
    const ID: u32 = outgoing::REQ_NEWS_ARTICLE;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        if sv < MIN_SERVER_VER_REQ_NEWS_ARTICLE {
            return Err(EncodeError::UpdateTws(
                "  It does not support news article request.",
            ));
        }
        w.put_int(self.req_id);
        w.put_str(&self.provider_code);
        w.put_str(&self.article_id);
        if sv >= MIN_SERVER_VER_NEWS_QUERY_ORIGINS {
            w.put_str(&tag_values_field(&self.news_article_options));
        }
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        let req_id = r.read_int_named("req id")?;
        let provider_code = r.read_string("provider code")?;
        let article_id = r.read_string("article id")?;
        let news_article_options = if sv >= MIN_SERVER_VER_NEWS_QUERY_ORIGINS {
            parse_tag_values(r.read_str("news article options")?)
        } else {
            Vec::new()
        };
        Ok(ReqNewsArticle {
            req_id,
            provider_code,
            article_id,
            news_article_options,
        })
    }
}

/// `newsArticle`: an article's body.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewsArticle {
    /// The request id.
    pub req_id: i32,
    /// 0 text or HTML, 1 binary (Base64, e.g. a PDF).
    pub article_type: i32,
    /// The body.
    pub article_text: String,
}

impl Message for NewsArticle {
    const ID: u32 = incoming::NEWS_ARTICLE;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(self.req_id);
        w.put_int(self.article_type);
        w.put_str_raw(&self.article_text);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        Ok(NewsArticle {
            req_id: r.read_int_named("req id")?,
            article_type: r.read_int_named("article type")?,
            article_text: r.read_string("article text")?,
        })
    }
}

/// `reqHistoricalNews` (server version 117+): headlines of one contract,
/// answered by [`HistoricalNews`] rows and [`HistoricalNewsEnd`].
///
/// The official 10.37.2 client never sends its `historicalNewsOptions`: the
/// options field (server version 128+) is always empty, whatever the caller
/// passes. This port sends exactly the same bytes, so the options are not
/// part of the message.
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
}

impl Message for ReqHistoricalNews {
    const ID: u32 = outgoing::REQ_HISTORICAL_NEWS;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        if sv < MIN_SERVER_VER_REQ_HISTORICAL_NEWS {
            return Err(EncodeError::UpdateTws(
                "  It does not support historical news request.",
            ));
        }
        w.put_int(self.req_id);
        w.put_int(self.con_id);
        w.put_str(&self.provider_codes);
        w.put_str(&self.start_date_time);
        w.put_str(&self.end_date_time);
        w.put_int(self.total_results);
        if sv >= MIN_SERVER_VER_NEWS_QUERY_ORIGINS {
            w.put_str("");
        }
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        let m = ReqHistoricalNews {
            req_id: r.read_int_named("req id")?,
            con_id: r.read_int_named("con id")?,
            provider_codes: r.read_string("provider codes")?,
            start_date_time: r.read_string("start date time")?,
            end_date_time: r.read_string("end date time")?,
            total_results: r.read_int_named("total results")?,
        };
        if sv >= MIN_SERVER_VER_NEWS_QUERY_ORIGINS {
            r.skip("historical news options")?;
        }
        Ok(m)
    }
}

/// `historicalNews`: one headline.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HistoricalNews {
    /// The request id.
    pub req_id: i32,
    /// When, `yyyy-MM-dd HH:mm:ss.0`.
    pub time: String,
    /// Provider code.
    pub provider_code: String,
    /// Article id, for [`ReqNewsArticle`].
    pub article_id: String,
    /// The headline.
    pub headline: String,
}

impl Message for HistoricalNews {
    const ID: u32 = incoming::HISTORICAL_NEWS;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(self.req_id);
        w.put_str_raw(&self.time);
        w.put_str_raw(&self.provider_code);
        w.put_str_raw(&self.article_id);
        w.put_str_raw(&self.headline);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        Ok(HistoricalNews {
            req_id: r.read_int_named("req id")?,
            time: r.read_string("time")?,
            provider_code: r.read_string("provider code")?,
            article_id: r.read_string("article id")?,
            headline: r.read_string("headline")?,
        })
    }
}

/// `historicalNewsEnd`: the last headline was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HistoricalNewsEnd {
    /// The request id.
    pub req_id: i32,
    /// More headlines exist than `total_results` allowed.
    pub has_more: bool,
}

impl Message for HistoricalNewsEnd {
    const ID: u32 = incoming::HISTORICAL_NEWS_END;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(self.req_id);
        w.put_bool(self.has_more);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        Ok(HistoricalNewsEnd {
            req_id: r.read_int_named("req id")?,
            has_more: r.read_bool("has more")?,
        })
    }
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
