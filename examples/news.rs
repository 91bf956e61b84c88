//! News: the providers, the latest headlines of IBM, and the first article.
//!
//! ```text
//! cargo run --example news           # TWS / Gateway from .env
//! cargo run --example news -- --sim  # the simulated gateway
//! ```

#[path = "common/mod.rs"]
mod common;

use std::sync::mpsc;
use std::time::Duration;

use tws_api::{EWrapper, IBClient, NewsProvider};

enum Note {
    Providers(Vec<String>),
    Headline(String, String),
    HeadlinesDone,
    Article,
    Failed,
}

struct Printer {
    notes: mpsc::Sender<Note>,
}

impl EWrapper for Printer {
    fn news_providers(&mut self, providers: &[NewsProvider]) {
        println!("News providers:");
        for p in providers {
            println!("  {:<8} {}", p.code, p.name);
        }
        let codes = providers.iter().map(|p| p.code.clone()).collect();
        let _ = self.notes.send(Note::Providers(codes));
    }

    fn historical_news(
        &mut self,
        _request_id: i32,
        time: &str,
        provider_code: &str,
        article_id: &str,
        headline: &str,
    ) {
        println!("  {time}  [{provider_code}] {headline}");
        let _ = self
            .notes
            .send(Note::Headline(provider_code.into(), article_id.into()));
    }

    fn historical_news_end(&mut self, _request_id: i32, has_more: bool) {
        println!("  (more available: {has_more})");
        let _ = self.notes.send(Note::HeadlinesDone);
    }

    fn news_article(&mut self, _request_id: i32, article_type: i32, article_text: &str) {
        let kind = if article_type == 0 { "text" } else { "binary" };
        println!(
            "Article ({kind}, {} bytes):\n{article_text}",
            article_text.len()
        );
        let _ = self.notes.send(Note::Article);
    }

    fn error(&mut self, req_id: i32, _time: i64, code: i32, text: &str, _json: &str) {
        if !tws_api::errors::is_informational(code) {
            println!("Error {code} (request {req_id}): {text}");
            let _ = self.notes.send(Note::Failed);
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (config, _sim) = common::config()?;
    let (notes, inbox) = mpsc::channel();
    let client = IBClient::with_wrapper(Printer { notes });
    client.connect_config(&config)?;
    client.start();
    if !client.wait_for_connection(Duration::from_secs(10)) {
        return Err("connection timeout".into());
    }
    let wait = Duration::from_secs(30);

    client.req_news_providers()?;
    let codes = loop {
        match inbox.recv_timeout(wait)? {
            Note::Providers(codes) => break codes,
            Note::Failed => return Err("no news providers".into()),
            _ => {}
        }
    };

    let ibm = 8314;
    println!("Latest IBM headlines:");
    client.req_historical_news(1, ibm, &codes.join("+"), "", "", 10, &[])?;
    let mut first = None;
    loop {
        match inbox.recv_timeout(wait)? {
            Note::Headline(provider, id) if first.is_none() => first = Some((provider, id)),
            Note::HeadlinesDone | Note::Failed => break,
            _ => {}
        }
    }
    if let Some((provider, article_id)) = first {
        client.req_news_article(2, &provider, &article_id, &[])?;
        while !matches!(inbox.recv_timeout(wait)?, Note::Article | Note::Failed) {}
    }
    client.disconnect();
    Ok(())
}
