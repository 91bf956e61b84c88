//! The HTTP side of the status service, on tiny_http with a pool of threads.

use std::io::{self, Read};
use std::net::{SocketAddr, TcpListener, ToSocketAddrs};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

use serde::Serialize;
use tiny_http::{Header, Method, Request, Response};

use super::{ConnectRequest, Service};
use crate::config::IBConfig;
use crate::IBClient;

/// The largest request body accepted (413 beyond).
pub const MAX_BODY: usize = 4096;

/// The dashboard page.
const PAGE: &str = include_str!("page.html");

/// How the HTTP server runs.
#[derive(Clone, Default)]
pub struct ServerOptions {
    /// The bearer token every API request must carry
    /// (`Authorization: Bearer <token>`); required to bind anywhere but
    /// loopback. `tws-status` reads it from `IBKR_STATUS_TOKEN`.
    pub token: Option<String>,
    /// Threads serving requests (default 8): a connect occupies one for its
    /// duration while the others go on answering.
    pub workers: Option<usize>,
}

/// Never prints the token.
impl std::fmt::Debug for ServerOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerOptions")
            .field("token", &self.token.as_ref().map(|_| "<set>"))
            .field("workers", &self.workers)
            .finish()
    }
}

/// A running status server. Dropping it stops it.
pub struct StatusServer {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    threads: Vec<JoinHandle<()>>,
}

impl std::fmt::Debug for StatusServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StatusServer")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl StatusServer {
    /// Serves `client` on `addr` (use `127.0.0.1:0` for a free port), with a
    /// [`Service`] whose target is [`IBConfig::from_env`] (or the defaults),
    /// no token, loopback only.
    pub fn start(addr: impl ToSocketAddrs, client: Arc<IBClient>) -> io::Result<StatusServer> {
        let target = IBConfig::from_env().unwrap_or_default();
        let service = Arc::new(Service::new(client, target));
        StatusServer::serve(addr, service, ServerOptions::default())
    }

    /// Serves `service` on `addr`. Binding to an address other than loopback
    /// without a token is refused (`InvalidInput`).
    pub fn serve(
        addr: impl ToSocketAddrs,
        service: Arc<Service>,
        options: ServerOptions,
    ) -> io::Result<StatusServer> {
        let token = options.token.filter(|t| !t.is_empty());
        let listener = TcpListener::bind(addr)?;
        let addr = listener.local_addr()?;
        if !addr.ip().is_loopback() && token.is_none() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "serving on {addr}, beyond this machine, needs a token: set IBKR_STATUS_TOKEN"
                ),
            ));
        }
        let server = tiny_http::Server::from_listener(listener, None)
            .map_err(|e| io::Error::other(e.to_string()))?;
        let server = Arc::new(server);
        let stop = Arc::new(AtomicBool::new(false));
        let ctx = Arc::new(Ctx {
            service,
            token,
            loopback: addr.ip().is_loopback(),
        });
        let workers = options.workers.unwrap_or(8).max(1);
        let mut threads = Vec::with_capacity(workers);
        for i in 0..workers {
            let server = Arc::clone(&server);
            let stop = Arc::clone(&stop);
            let ctx = Arc::clone(&ctx);
            threads.push(
                thread::Builder::new()
                    .name(format!("tws-api-status-{i}"))
                    .spawn(move || {
                        while !stop.load(Ordering::SeqCst) {
                            match server.recv_timeout(Duration::from_millis(100)) {
                                Ok(Some(rq)) => handle(&ctx, rq),
                                Ok(None) => {}
                                Err(e) => {
                                    log::debug!("status server: {e}");
                                    thread::sleep(Duration::from_millis(10));
                                }
                            }
                        }
                    })?,
            );
        }
        log::info!("status server on http://{addr}/");
        Ok(StatusServer {
            addr,
            stop,
            threads,
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
}

impl Drop for StatusServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

struct Ctx {
    service: Arc<Service>,
    token: Option<String>,
    loopback: bool,
}

/// An answer: status, JSON or HTML body, extra headers.
struct Answer {
    status: u16,
    body: Vec<u8>,
    content_type: &'static str,
    headers: Vec<(&'static str, String)>,
}

/// The content type of the JSON answers.
const JSON: &str = "application/json";
/// The content type of the page.
const HTML: &str = "text/html; charset=utf-8";
/// The content type of `/metrics` (the Prometheus text format).
const PROMETHEUS: &str = "text/plain; version=0.0.4; charset=utf-8";

impl Answer {
    fn json(status: u16, value: &impl Serialize) -> Answer {
        let body = serde_json::to_vec(value).unwrap_or_else(|_| b"{}".to_vec());
        Answer {
            status,
            body,
            content_type: JSON,
            headers: Vec::new(),
        }
    }

    fn error(status: u16, error: &str, detail: impl Into<String>) -> Answer {
        #[derive(Serialize)]
        struct E<'a> {
            error: &'a str,
            detail: String,
        }
        Answer::json(
            status,
            &E {
                error,
                detail: detail.into(),
            },
        )
    }

    fn with(mut self, name: &'static str, value: impl Into<String>) -> Answer {
        self.headers.push((name, value.into()));
        self
    }
}

fn header<'a>(rq: &'a Request, name: &'static str) -> Option<&'a str> {
    rq.headers()
        .iter()
        .find(|h| h.field.equiv(name))
        .map(|h| h.value.as_str())
}

/// Compares without stopping at the first difference, so that the time taken
/// does not tell how much of a guess was right.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let mut diff = (a.len() ^ b.len()) as u64;
    for i in 0..a.len().max(b.len()) {
        let x = a.get(i).copied().unwrap_or(0);
        let y = b.get(i).copied().unwrap_or(0xff);
        diff |= u64::from(x ^ y);
    }
    diff == 0
}

/// Decodes `%XX` escapes; `None` for a bad escape or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// `true` for a Host header naming this machine (any port).
fn host_is_local(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(h, _)| h)
    };
    matches!(
        name.to_ascii_lowercase().as_str(),
        "localhost" | "127.0.0.1" | "::1"
    )
}

fn handle(ctx: &Ctx, mut rq: Request) {
    let method = rq.method().clone();
    let answer = route(ctx, &mut rq);
    // Never the headers or the body: they may hold the token.
    log::info!(
        "{} {} -> {}",
        method.as_str(),
        rq.url().split('?').next().unwrap_or(""),
        answer.status
    );
    let content_type = answer.content_type;
    let mut response = Response::from_data(answer.body).with_status_code(answer.status);
    let mut headers = vec![
        ("Content-Type", content_type.to_owned()),
        ("Cache-Control", "no-store".to_owned()),
        ("X-Content-Type-Options", "nosniff".to_owned()),
    ];
    headers.extend(answer.headers);
    for (k, v) in headers {
        if let Ok(h) = Header::from_bytes(k.as_bytes(), v.as_bytes()) {
            response.add_header(h);
        }
    }
    if let Err(e) = rq.respond(response) {
        log::debug!("status server: answer not sent: {e}");
    }
}

fn route(ctx: &Ctx, rq: &mut Request) -> Answer {
    let Some(path) = percent_decode(rq.url().split('?').next().unwrap_or("")) else {
        return Answer::error(400, "bad request", "the URL does not decode");
    };
    // A page on another site must not reach this server through a DNS name
    // that points here (DNS rebinding): without a token, only local names.
    if ctx.token.is_none() && ctx.loopback {
        if let Some(host) = header(rq, "Host") {
            if !host_is_local(host) {
                return Answer::error(
                    403,
                    "forbidden",
                    "Host must be localhost or 127.0.0.1 (set IBKR_STATUS_TOKEN to serve other names)",
                );
            }
        }
    }
    let method = rq.method().clone();
    let allowed = match path.as_str() {
        "/" | "/index.html" => "GET, HEAD",
        "/api/ibkr/status" | "/metrics" => "GET, HEAD",
        "/api/ibkr/connect" | "/api/ibkr/disconnect" => "POST",
        _ => return Answer::error(404, "not found", format!("no such path: {path}")),
    };
    let is_page = matches!(path.as_str(), "/" | "/index.html");
    let method_ok = match allowed {
        "POST" => method == Method::Post,
        _ => method == Method::Get || method == Method::Head,
    };
    if !method_ok {
        return Answer::error(
            405,
            "method not allowed",
            format!("{path} accepts {allowed}"),
        )
        .with("Allow", allowed);
    }
    if is_page {
        // The page holds no data; the API calls it makes carry the token.
        return Answer {
            status: 200,
            body: PAGE.as_bytes().to_vec(),
            content_type: HTML,
            headers: vec![
                (
                    "Content-Security-Policy",
                    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; \
                     connect-src 'self'; img-src data:; frame-ancestors 'none'; form-action 'none'"
                        .to_owned(),
                ),
                ("X-Frame-Options", "DENY".to_owned()),
                ("Referrer-Policy", "no-referrer".to_owned()),
            ],
        };
    }
    if let Some(token) = &ctx.token {
        let given = header(rq, "Authorization")
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .unwrap_or("");
        if !constant_time_eq(given.as_bytes(), token.as_bytes()) {
            return Answer::error(
                401,
                "unauthorized",
                "send the token: Authorization: Bearer <IBKR_STATUS_TOKEN>",
            )
            .with("WWW-Authenticate", "Bearer");
        }
    }
    if path == "/api/ibkr/status" {
        return Answer::json(200, &ctx.service.status());
    }
    if path == "/metrics" {
        return Answer {
            status: 200,
            body: ctx.service.metrics_text().into_bytes(),
            content_type: PROMETHEUS,
            headers: Vec::new(),
        };
    }
    // POST: a JSON body, small. Requiring the JSON content type keeps other
    // sites' pages from posting here (their plain forms cannot send it).
    if rq.body_length().is_some_and(|n| n > MAX_BODY) {
        return Answer::error(
            413,
            "payload too large",
            format!("the body may be at most {MAX_BODY} bytes"),
        );
    }
    let json_type = header(rq, "Content-Type")
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .eq_ignore_ascii_case("application/json")
        })
        .unwrap_or(false);
    if !json_type {
        return Answer::error(
            415,
            "unsupported media type",
            "send Content-Type: application/json (the body may be {} or empty)",
        );
    }
    let mut body = Vec::new();
    if let Err(e) = rq
        .as_reader()
        .take(MAX_BODY as u64 + 1)
        .read_to_end(&mut body)
    {
        return Answer::error(
            400,
            "bad request",
            format!("the body could not be read: {e}"),
        );
    }
    if body.len() > MAX_BODY {
        return Answer::error(
            413,
            "payload too large",
            format!("the body may be at most {MAX_BODY} bytes"),
        );
    }
    let outcome = if path == "/api/ibkr/connect" {
        let req: ConnectRequest = if body.iter().all(u8::is_ascii_whitespace) {
            ConnectRequest::default()
        } else {
            match serde_json::from_slice(&body) {
                Ok(r) => r,
                Err(e) => {
                    return Answer::error(
                        400,
                        "bad request",
                        format!(
                            "the body is not {{\"host\": string, \"port\": number, \"client_id\": number}} (each optional): {e}"
                        ),
                    )
                }
            }
        };
        ctx.service.connect(&req)
    } else {
        ctx.service.disconnect()
    };
    match outcome {
        Ok(status) => Answer::json(200, &status),
        Err(f) => Answer::json(f.http_status, &f),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_comparison() {
        assert!(constant_time_eq(b"secret", b"secret"));
        assert!(!constant_time_eq(b"secret", b"secreT"));
        assert!(!constant_time_eq(b"secret", b"secret2"));
        assert!(!constant_time_eq(b"", b"x"));
        assert!(constant_time_eq(b"", b""));
    }

    #[test]
    fn decoding_and_hosts() {
        assert_eq!(percent_decode("/api%2Fibkr").as_deref(), Some("/api/ibkr"));
        assert_eq!(percent_decode("/%zz"), None);
        assert_eq!(percent_decode("/%ff"), None);
        assert!(host_is_local("localhost:9101"));
        assert!(host_is_local("127.0.0.1"));
        assert!(host_is_local("[::1]:80"));
        assert!(!host_is_local("evil.example:9101"));
    }
}
