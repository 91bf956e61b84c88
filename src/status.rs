//! The auto-connect document's status endpoint: a tiny HTTP server that
//! reports whether an [`IBClient`] is connected, and lets a manual connect be
//! triggered — for health checks and dashboards of unattended programs.
//!
//! | request | answer |
//! |---|---|
//! | `GET /api/ibkr/status` | `{"connected": true, "available": true}` |
//! | `POST /api/ibkr/connect?host=H&port=P&client_id=C` | connects (parameters optional; missing ones come from [`IBConfig::from_env`]) and answers the status, with `"error"` when it failed |
//!
//! `available` says the API client is present and usable, as the document's
//! dashboard reports whether its IB library could be loaded; in this crate it
//! is always `true`. Plain HTTP/1.1, one request per connection, loopback by
//! default, standard library only.
//!
//! ```no_run
//! use std::sync::Arc;
//! use tws_api::status::StatusServer;
//! use tws_api::IBClient;
//!
//! let client = Arc::new(IBClient::new());
//! client.auto_connect(); // logs and goes on if it fails
//! let server = StatusServer::start("127.0.0.1:9101", Arc::clone(&client))?;
//! println!("status on http://{}/api/ibkr/status", server.addr());
//! # Ok::<(), std::io::Error>(())
//! ```

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

use crate::config::IBConfig;
use crate::IBClient;

/// What the status endpoint reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Status {
    /// Connected and ready (`next_valid_id` has arrived).
    pub connected: bool,
    /// The API client is present and usable (always `true` here).
    pub available: bool,
}

impl Status {
    /// The JSON body: `{"connected": true, "available": true}`.
    pub fn to_json(&self) -> String {
        format!(
            "{{\"connected\": {}, \"available\": {}}}",
            self.connected, self.available
        )
    }
}

impl IBClient {
    /// Connected and ready, for the status endpoint.
    pub fn status(&self) -> Status {
        Status {
            connected: self.is_connected() && self.connected_event().is_set(),
            available: true,
        }
    }
}

/// A running status endpoint. Dropping it stops it.
#[derive(Debug)]
pub struct StatusServer {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl StatusServer {
    /// Serves `client`'s status on `addr` (use `127.0.0.1:0` for a free port).
    pub fn start(addr: impl ToSocketAddrs, client: Arc<IBClient>) -> io::Result<StatusServer> {
        let listener = TcpListener::bind(addr)?;
        let addr = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let stop = Arc::clone(&stop);
            thread::Builder::new()
                .name("tws-api-status".into())
                .spawn(move || {
                    for stream in listener.incoming() {
                        if stop.load(Ordering::SeqCst) {
                            break;
                        }
                        if let Ok(s) = stream {
                            if let Err(e) = handle(s, &client) {
                                log::debug!("status request failed: {e}");
                            }
                        }
                    }
                })?
        };
        Ok(StatusServer {
            addr,
            stop,
            thread: Some(thread),
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
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Reads one request head (at most 8 KiB) and answers it.
fn handle(stream: TcpStream, client: &IBClient) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut first = String::new();
    reader.by_ref().take(8192).read_line(&mut first)?;
    // Skip the headers.
    let mut seen = first.len();
    loop {
        let mut line = String::new();
        let n = reader.by_ref().take(8192).read_line(&mut line)?;
        seen += n;
        if n == 0 || line == "\r\n" || line == "\n" || seen > 8192 {
            break;
        }
    }
    let mut parts = first.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("");
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let (code, body) = match (method, path) {
        ("GET", "/api/ibkr/status") => (200, client.status().to_json()),
        ("POST", "/api/ibkr/connect") => manual_connect(client, query),
        (_, "/api/ibkr/status") | (_, "/api/ibkr/connect") => {
            (405, "{\"error\": \"method not allowed\"}".to_owned())
        }
        _ => (404, "{\"error\": \"not found\"}".to_owned()),
    };
    let reason = match code {
        200 => "OK",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Error",
    };
    let mut out = stream;
    write!(
        out,
        "HTTP/1.1 {code} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    out.flush()
}

fn manual_connect(client: &IBClient, query: &str) -> (u16, String) {
    if client.status().connected {
        return (200, client.status().to_json());
    }
    let param = |name: &str| {
        query.split('&').find_map(|kv| {
            let (k, v) = kv.split_once('=')?;
            (k == name).then(|| v.to_owned())
        })
    };
    let result = IBConfig::from_env().and_then(|mut c| {
        if let Some(h) = param("host") {
            c.host = h;
        }
        if let Some(p) = param("port") {
            c.port = p
                .parse()
                .map_err(|_| crate::Error::Config(format!("port {p:?} is not a port number")))?;
        }
        if let Some(id) = param("client_id") {
            c.client_id = id
                .parse()
                .map_err(|_| crate::Error::Config(format!("client_id {id:?} is not a number")))?;
        }
        client.connect_and_wait(&c, crate::client::READY_TIMEOUT)
    });
    match result {
        Ok(()) => (200, client.status().to_json()),
        Err(e) => {
            let s = client.status();
            let msg = e.to_string().replace('\\', "\\\\").replace('"', "\\\"");
            (
                200,
                format!(
                    "{{\"connected\": {}, \"available\": {}, \"error\": \"{}\"}}",
                    s.connected,
                    s.available,
                    msg.replace('\n', " ")
                ),
            )
        }
    }
}
