//! The connection guide's troubleshooting checklist, automated: the
//! `tws-doctor` program runs [`diagnose`] and prints each step with what it
//! found and the fix.
//!
//! The steps, in order; the first that fails ends the walk (the rest are
//! reported as not checked), except that a client id in use still looks for a
//! free one:
//!
//! 1. the host resolves;
//! 2. a TCP connection to the port is accepted (refused: which standard port
//!    is which, and which of them answer on that host);
//! 3. the API answers the hello within a few seconds (silence: "Enable ActiveX
//!    and Socket Clients", trusted IPs, a dialog open in TWS);
//! 4. the server version is one this client speaks;
//! 5. the client id is free (326: the first free one among 0–31 is suggested);
//! 6. `nextValidId` arrives (not: not logged in, or a dialog waiting);
//! 7. the data farms report OK (2104/2106/2158) rather than broken (2103/2105/2157);
//! 8. `reqCurrentTime` is answered, with the round trip and the clock skew.
//!
//! ```no_run
//! use tws_api::doctor::{diagnose, DoctorOptions};
//! let report = diagnose(&DoctorOptions::new("127.0.0.1", 7497, 0));
//! print!("{}", report.to_text());
//! std::process::exit(if report.ok { 0 } else { 1 });
//! ```

use std::io;
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crossbeam_channel::{Receiver, Sender};
use serde::Serialize;

use crate::config::{Port, MAX_CLIENT_ID};
use crate::errors::{Error, CLIENT_ID_IN_USE};
use crate::server_versions::{MAX_CLIENT_VER, MIN_CLIENT_VER};
use crate::status::{CLOSED_FIX, HELLO_SILENCE_FIX, NOT_READY_FIX, PORT_TABLE};
use crate::{EClient, EWrapper};

/// What to check and how long to wait at each step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoctorOptions {
    /// Host of TWS / IB Gateway.
    pub host: String,
    /// Its API port.
    pub port: u16,
    /// The client id to try.
    pub client_id: i32,
    /// How long the TCP connection and the hello answer may take.
    pub hello_timeout: Duration,
    /// How long `nextValidId` may take after the hello.
    pub ready_timeout: Duration,
    /// How long to collect farm status messages after `nextValidId`.
    pub farm_wait: Duration,
    /// How long `currentTime` may take.
    pub time_timeout: Duration,
    /// On 326, try the other ids 0–31 for a free one.
    pub find_free_id: bool,
}

impl DoctorOptions {
    /// Checks `host:port` with `client_id`: 5 s for the hello, 10 s for
    /// `nextValidId`, 2 s of farm messages, 5 s for the time.
    pub fn new(host: &str, port: u16, client_id: i32) -> DoctorOptions {
        DoctorOptions {
            host: host.to_owned(),
            port,
            client_id,
            hello_timeout: Duration::from_secs(5),
            ready_timeout: Duration::from_secs(10),
            farm_wait: Duration::from_secs(2),
            time_timeout: Duration::from_secs(5),
            find_free_id: true,
        }
    }
}

/// How one step went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Fine.
    Pass,
    /// Works, but worth a look (does not fail the run).
    Warn,
    /// The problem: its fix says what to do.
    Fail,
    /// Not checked, because an earlier step failed.
    Skip,
}

impl Outcome {
    /// ✓, !, ✗ or –.
    pub fn mark(self) -> &'static str {
        match self {
            Outcome::Pass => "✓",
            Outcome::Warn => "!",
            Outcome::Fail => "✗",
            Outcome::Skip => "–",
        }
    }
}

/// One step of the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    /// A stable name: `resolve`, `tcp`, `hello`, `server_version`,
    /// `client_id`, `next_valid_id`, `farms`, `current_time`.
    pub id: &'static str,
    /// What is checked, for people.
    pub title: &'static str,
    /// How it went.
    pub outcome: Outcome,
    /// What was found.
    pub found: String,
    /// What to do, when it did not pass.
    pub fix: Option<String>,
}

/// The whole walk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// `true` when no step failed.
    pub ok: bool,
    /// The host checked.
    pub host: String,
    /// The port checked.
    pub port: u16,
    /// The client id tried.
    pub client_id: i32,
    /// The server version, when the hello was answered.
    pub server_version: Option<i32>,
    /// A free client id, when the one tried was in use and one was found.
    pub suggested_client_id: Option<i32>,
    /// Every step, in order.
    pub steps: Vec<Step>,
}

impl Report {
    /// The step named `id`.
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }

    /// The report for people: one line per step with ✓/✗, what was found and
    /// the fix.
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "Checking {}:{} with client id {}\n\n",
            self.host, self.port, self.client_id
        );
        for s in &self.steps {
            out.push_str(&format!("{} {}: {}\n", s.outcome.mark(), s.title, s.found));
            if let Some(fix) = &s.fix {
                out.push_str(&format!("    fix: {fix}\n"));
            }
        }
        let failed = self
            .steps
            .iter()
            .filter(|s| s.outcome == Outcome::Fail)
            .count();
        out.push('\n');
        if failed == 0 {
            out.push_str("All checks passed: the API connection works.\n");
        } else {
            out.push_str(&format!(
                "{failed} check{} failed: see the fix above.\n",
                if failed == 1 { "" } else { "s" }
            ));
        }
        out
    }
}

const TITLES: [(&str, &str); 8] = [
    ("resolve", "host resolves"),
    ("tcp", "TCP connection"),
    ("hello", "API answers the hello"),
    ("server_version", "server version"),
    ("client_id", "client id free"),
    ("next_valid_id", "nextValidId arrives"),
    ("farms", "data farms"),
    ("current_time", "current time and clock"),
];

struct Walk {
    steps: Vec<Step>,
}

impl Walk {
    fn push(&mut self, id: &'static str, outcome: Outcome, found: String, fix: Option<String>) {
        let title = TITLES.iter().find(|(i, _)| *i == id).map_or(id, |(_, t)| t);
        self.steps.push(Step {
            id,
            title,
            outcome,
            found,
            fix,
        });
    }

    fn pass(&mut self, id: &'static str, found: String) {
        self.push(id, Outcome::Pass, found, None);
    }

    fn fail(&mut self, id: &'static str, found: String, fix: impl Into<String>) {
        self.push(id, Outcome::Fail, found, Some(fix.into()));
    }

    /// Marks every step not yet reported as skipped.
    fn skip_rest(&mut self) {
        for (id, _) in TITLES {
            if !self.steps.iter().any(|s| s.id == id) {
                self.push(
                    id,
                    Outcome::Skip,
                    "not checked: an earlier step failed".into(),
                    None,
                );
            }
        }
    }
}

/// What the probe's wrapper saw.
#[derive(Debug, Clone, PartialEq)]
enum Seen {
    NextValidId(i32),
    Accounts(String),
    Error(i32, String),
    Closed,
    Time(i64),
}

struct Probe(Sender<Seen>);

impl EWrapper for Probe {
    fn next_valid_id(&mut self, order_id: i32) {
        let _ = self.0.send(Seen::NextValidId(order_id));
    }
    fn managed_accounts(&mut self, accounts_list: &str) {
        let _ = self.0.send(Seen::Accounts(accounts_list.to_owned()));
    }
    fn error(&mut self, _req_id: i32, _t: i64, code: i32, text: &str, _json: &str) {
        let _ = self.0.send(Seen::Error(code, text.to_owned()));
    }
    fn connection_closed(&mut self) {
        let _ = self.0.send(Seen::Closed);
    }
    fn current_time(&mut self, time: i64) {
        let _ = self.0.send(Seen::Time(time));
    }
}

/// A connected client with its message loop on a thread; disconnects when dropped.
struct Session {
    client: EClient,
    rx: Receiver<Seen>,
    thread: Option<JoinHandle<()>>,
}

impl Session {
    fn start(client: EClient) -> Session {
        let (tx, rx) = crossbeam_channel::unbounded();
        let c = client.clone();
        let thread = thread::Builder::new()
            .name("tws-doctor-run".into())
            .spawn(move || c.run(&mut Probe(tx)))
            .ok();
        Session { client, rx, thread }
    }

    /// The next thing seen before `deadline`.
    fn next(&self, deadline: Instant) -> Option<Seen> {
        self.rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .ok()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        self.client.disconnect();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn port_name(p: u16) -> &'static str {
    match Port::from_number(p) {
        Some(Port::TwsPaper) => "TWS paper",
        Some(Port::TwsLive) => "TWS live",
        Some(Port::GatewayPaper) => "IB Gateway paper",
        Some(Port::GatewayLive) => "IB Gateway live",
        None => "not a standard port",
    }
}

/// Walks the checklist against `opts.host:opts.port` with `opts.client_id`.
pub fn diagnose(opts: &DoctorOptions) -> Report {
    let mut walk = Walk { steps: Vec::new() };
    let mut report = Report {
        ok: false,
        host: opts.host.clone(),
        port: opts.port,
        client_id: opts.client_id,
        server_version: None,
        suggested_client_id: None,
        steps: Vec::new(),
    };
    check(opts, &mut walk, &mut report);
    walk.skip_rest();
    report.ok = !walk.steps.iter().any(|s| s.outcome == Outcome::Fail);
    report.steps = walk.steps;
    report
}

fn check(opts: &DoctorOptions, walk: &mut Walk, report: &mut Report) {
    let at = format!("{}:{}", opts.host, opts.port);
    // 1. The host resolves.
    let addrs: Vec<SocketAddr> = match (opts.host.as_str(), opts.port).to_socket_addrs() {
        Ok(a) => a.collect(),
        Err(e) => {
            walk.fail(
                "resolve",
                format!("{:?} does not resolve: {e}", opts.host),
                "check the host name (IB_HOST / IBKR_HOST); use 127.0.0.1 when TWS runs on this machine",
            );
            return;
        }
    };
    let Some(first) = addrs.first().copied() else {
        walk.fail(
            "resolve",
            format!("{:?} resolves to no address", opts.host),
            "check the host name (IB_HOST / IBKR_HOST)",
        );
        return;
    };
    let list: Vec<String> = addrs.iter().map(|a| a.ip().to_string()).collect();
    walk.pass("resolve", format!("{} → {}", opts.host, list.join(", ")));

    // 2. TCP.
    let mut last: Option<io::Error> = None;
    let mut reached = None;
    for a in &addrs {
        match TcpStream::connect_timeout(a, opts.hello_timeout) {
            Ok(s) => {
                reached = Some(*a);
                drop(s);
                break;
            }
            Err(e) => last = Some(e),
        }
    }
    match (reached, last) {
        (Some(a), _) => walk.pass(
            "tcp",
            format!("{a} accepts connections ({})", port_name(opts.port)),
        ),
        (None, e) => {
            let e = e.unwrap_or_else(|| io::Error::other("no address"));
            if e.kind() == io::ErrorKind::ConnectionRefused {
                let others: Vec<String> = Port::ALL
                    .iter()
                    .map(|p| p.number())
                    .filter(|p| *p != opts.port)
                    .filter(|p| {
                        TcpStream::connect_timeout(
                            &SocketAddr::new(first.ip(), *p),
                            Duration::from_millis(300),
                        )
                        .is_ok()
                    })
                    .map(|p| format!("{p} ({})", port_name(p)))
                    .collect();
                let found = if others.is_empty() {
                    format!(
                        "connection to {at} refused: nothing listens there ({}), nor on the other standard ports",
                        port_name(opts.port)
                    )
                } else {
                    format!(
                        "connection to {at} refused: nothing listens there ({}); something listens on {}",
                        port_name(opts.port),
                        others.join(", ")
                    )
                };
                walk.fail(
                    "tcp",
                    found,
                    format!(
                        "start TWS or IB Gateway and log in, enable the API, and connect to its port. {PORT_TABLE}"
                    ),
                );
            } else {
                walk.fail(
                    "tcp",
                    format!("no TCP connection to {at}: {e}"),
                    "a firewall may drop the connection, or the host is down: allow the port in the firewall of both machines",
                );
            }
            return;
        }
    }

    // 3. The hello.
    let client = EClient::new();
    client.set_connect_timeout(opts.hello_timeout);
    let connected = client.connect(&opts.host, opts.port, opts.client_id);
    let mut closed_after_hello = false;
    match &connected {
        Ok(()) => {}
        Err(Error::UnsupportedServerVersion { .. }) => {}
        Err(Error::ConnectFailed { source, .. })
            if source.kind() == io::ErrorKind::ConnectionAborted =>
        {
            closed_after_hello = true;
        }
        Err(Error::ConnectFailed { source, .. })
            if matches!(
                source.kind(),
                io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock
            ) =>
        {
            walk.fail(
                "hello",
                format!(
                    "{at} accepted the connection but did not answer the API hello within {:?}",
                    opts.hello_timeout
                ),
                HELLO_SILENCE_FIX,
            );
            return;
        }
        Err(e) => {
            walk.fail(
                "hello",
                format!("{at} closed the connection during the hello: {e}"),
                "TWS accepts API connections only from trusted addresses: add this machine under \
                 Trusted IPs, or uncheck \"Allow connections from localhost only\"; check that \
                 this port is TWS's API port and not another program's",
            );
            return;
        }
    }
    let sv = match &connected {
        Err(Error::UnsupportedServerVersion { version }) => *version,
        _ => client.server_version(),
    };
    report.server_version = Some(sv);
    walk.pass(
        "hello",
        match client.tws_connection_time() {
            Some(t) => format!("answered with server version {sv}, TWS time {t}"),
            None => format!("answered with server version {sv}"),
        },
    );

    // 4. The server version.
    if !(MIN_CLIENT_VER..=MAX_CLIENT_VER).contains(&sv) {
        walk.fail(
            "server_version",
            format!("{sv}, outside the {MIN_CLIENT_VER}-{MAX_CLIENT_VER} this client speaks"),
            "update TWS / IB Gateway (or this client) so that their versions overlap",
        );
        return;
    }
    walk.pass(
        "server_version",
        format!("{sv}, within {MIN_CLIENT_VER}-{MAX_CLIENT_VER}"),
    );

    // 5. The client id, and 6. nextValidId.
    let session = Session::start(client);
    let ready_deadline = Instant::now() + opts.ready_timeout;
    let mut farms: Vec<(i32, String)> = Vec::new();
    let mut accounts = String::new();
    let mut next_id = None;
    let mut closed = closed_after_hello;
    let mut in_use = false;
    while next_id.is_none() && !closed && !in_use {
        match session.next(ready_deadline) {
            Some(Seen::NextValidId(id)) => next_id = Some(id),
            Some(Seen::Accounts(a)) => accounts = a,
            Some(Seen::Error(code, _)) if code == CLIENT_ID_IN_USE.code => in_use = true,
            Some(Seen::Error(code, text)) if is_farm(code) => farms.push((code, text)),
            Some(Seen::Error(..)) | Some(Seen::Time(_)) => {}
            Some(Seen::Closed) => closed = true,
            None => break,
        }
    }
    if in_use {
        drop(session);
        let free = if opts.find_free_id {
            find_free_id(opts)
        } else {
            None
        };
        report.suggested_client_id = free;
        let (found, fix) = match free {
            Some(id) => (
                format!(
                    "TWS refused client id {} (326: already in use); client id {id} is free",
                    opts.client_id
                ),
                format!("connect with client id {id} (--client-id {id}, or IBKR_CLIENT_ID={id} in .env)"),
            ),
            None => (
                format!(
                    "TWS refused client id {} (326: already in use){}",
                    opts.client_id,
                    if opts.find_free_id { "; no other id from 0 to 31 was accepted either" } else { "" }
                ),
                "close the other API connections (TWS: the API connections list) or use a client id that no other program uses".to_owned(),
            ),
        };
        walk.fail("client_id", found, fix);
        return;
    }
    if closed {
        walk.fail(
            "client_id",
            format!(
                "TWS closed the connection right after the hello, without an error (client id {})",
                opts.client_id
            ),
            CLOSED_FIX,
        );
        return;
    }
    let Some(order_id) = next_id else {
        walk.pass(
            "client_id",
            format!("client id {} was not refused", opts.client_id),
        );
        walk.fail(
            "next_valid_id",
            format!(
                "no nextValidId within {:?} after the hello",
                opts.ready_timeout
            ),
            NOT_READY_FIX,
        );
        return;
    };
    walk.pass(
        "client_id",
        format!("client id {} accepted", opts.client_id),
    );
    walk.pass(
        "next_valid_id",
        if accounts.is_empty() {
            format!("next order id {order_id}")
        } else {
            format!("next order id {order_id}; accounts {accounts}")
        },
    );

    // 7. The farms: collect for a while, or until every kind has reported.
    let farm_deadline = Instant::now() + opts.farm_wait;
    while !all_farm_kinds(&farms) {
        match session.next(farm_deadline) {
            Some(Seen::Error(code, text)) if is_farm(code) => farms.push((code, text)),
            Some(Seen::Closed) => {
                walk.fail(
                    "farms",
                    "TWS closed the connection".into(),
                    "see TWS's log (Help > Log Viewer)",
                );
                return;
            }
            Some(_) => {}
            None => break,
        }
    }
    let broken: Vec<String> = farms
        .iter()
        .filter(|(c, _)| is_broken_farm(*c))
        .map(|(c, t)| format!("{c} {t}"))
        .collect();
    let fine: Vec<String> = farms
        .iter()
        .filter(|(c, _)| !is_broken_farm(*c))
        .map(|(c, t)| format!("{c} {t}"))
        .collect();
    if !broken.is_empty() {
        walk.fail(
            "farms",
            format!("broken: {}", broken.join("; ")),
            "TWS has lost its connection to IB's data servers: check the internet connection of \
             the machine TWS runs on; TWS reconnects by itself (2104/2106/2158 follow), market \
             data and history fail until then",
        );
    } else if fine.is_empty() {
        walk.push(
            "farms",
            Outcome::Warn,
            format!("no farm status message within {:?}", opts.farm_wait),
            Some("TWS sends them after logging in; if market data fails, check TWS's connection to IB".into()),
        );
    } else {
        walk.pass("farms", format!("OK: {}", fine.join("; ")));
    }

    // 8. The time.
    let t0 = SystemTime::now();
    let sent = Instant::now();
    if let Err(e) = session.client.req_current_time() {
        walk.fail(
            "current_time",
            format!("reqCurrentTime could not be sent: {e}"),
            "the connection dropped: run the doctor again",
        );
        return;
    }
    let deadline = sent + opts.time_timeout;
    let mut answer = None;
    while answer.is_none() {
        match session.next(deadline) {
            Some(Seen::Time(t)) => answer = Some(t),
            Some(Seen::Closed) | None => break,
            Some(_) => {}
        }
    }
    let rtt = sent.elapsed();
    let Some(server) = answer else {
        walk.fail(
            "current_time",
            format!("no answer to reqCurrentTime within {:?}", opts.time_timeout),
            "TWS is busy or the connection stalls: close dialogs in TWS and check the network",
        );
        return;
    };
    let local_mid = t0
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
        + rtt.as_secs_f64() / 2.0;
    // TWS answers in whole seconds: up to one second of skew is rounding.
    let skew = server as f64 - local_mid.floor();
    let found = format!(
        "round trip {:.1} ms; TWS clock {:+.0} s from this machine's",
        rtt.as_secs_f64() * 1000.0,
        skew
    );
    let clock_fix = "synchronise the clocks of this machine and TWS's (NTP); times in requests \
                     (history end times, order GTD) are read by TWS's clock";
    if skew.abs() <= 2.0 {
        walk.pass("current_time", found);
    } else if skew.abs() <= 60.0 {
        walk.push("current_time", Outcome::Warn, found, Some(clock_fix.into()));
    } else {
        walk.fail("current_time", found, clock_fix);
    }
}

fn is_farm(code: i32) -> bool {
    crate::errors::farm_state(code).is_some()
}

fn is_broken_farm(code: i32) -> bool {
    crate::errors::farm_state(code) == Some(crate::errors::FarmState::Broken)
}

/// Market data, historical data and security definitions have each reported.
fn all_farm_kinds(farms: &[(i32, String)]) -> bool {
    let has = |codes: &[i32]| farms.iter().any(|(c, _)| codes.contains(c));
    has(&[2103, 2104, 2108]) && has(&[2105, 2106, 2107]) && has(&[2157, 2158])
}

/// The first client id from 0 to 31 (other than the one tried) that TWS accepts.
fn find_free_id(opts: &DoctorOptions) -> Option<i32> {
    let give_up = Instant::now() + Duration::from_secs(60);
    (0..=MAX_CLIENT_ID)
        .filter(|id| *id != opts.client_id)
        .take_while(|_| Instant::now() < give_up)
        .find(|id| {
            let client = EClient::new();
            client.set_connect_timeout(opts.hello_timeout);
            if client.connect(&opts.host, opts.port, *id).is_err() {
                return false;
            }
            let session = Session::start(client);
            let deadline = Instant::now() + opts.ready_timeout.min(Duration::from_secs(3));
            loop {
                match session.next(deadline) {
                    Some(Seen::NextValidId(_)) => return true,
                    Some(Seen::Error(code, _)) if code == CLIENT_ID_IN_USE.code => return false,
                    Some(Seen::Closed) | None => return false,
                    Some(_) => {}
                }
            }
        })
}
