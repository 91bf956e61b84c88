//! Record a session once, replay it offline: capture and replay.
//!
//! Connects where `IB_HOST`/`IB_PORT` say (a paper account, say) or, with
//! `--sim`, to the simulated gateway, and runs a short session (the server's
//! time, AAPL's contract details, a day of hourly bars) with the capture on
//! (account ids masked). Then it replays the transcript with
//! `ReplayGateway` (what `tws-sim --replay FILE` runs) and runs the same
//! session against it: the same answers, with no TWS at all.
//!
//! ```text
//! cargo run --example record_replay -- --sim
//! cargo run --example record_replay -- --out tests/data/my_session.tws   # against your paper TWS
//! ```
//!
//! Commit the transcript and run your test against `tws-sim --replay` (or
//! `ReplayGateway::open`) in CI: see docs/replay.md.

mod common;

use std::path::PathBuf;
use std::time::Duration;

use tws_api::sim::replay::{ReplayConfig, ReplayGateway};
use tws_api::{Contract, IBClient};

const TIMEOUT: Duration = Duration::from_secs(20);

/// The session: what it prints, line by line.
fn session(client: &IBClient) -> Result<Vec<String>, tws_api::Error> {
    let mut lines = vec![format!("server time {}", client.current_time(TIMEOUT)?)];
    for d in client.contract_details(&Contract::stock("AAPL", "SMART", "USD"), TIMEOUT)? {
        lines.push(format!(
            "contract {} {} conId {} on {}",
            d.contract.symbol, d.long_name, d.contract.con_id, d.contract.primary_exchange
        ));
    }
    let aapl = Contract::stock("AAPL", "SMART", "USD");
    let bars = client.historical_data(&aapl, "", "1 D", "1 hour", "TRADES", 1, 1, TIMEOUT)?;
    for b in bars.iter().take(3) {
        lines.push(format!("bar {} close {}", b.date, b.close));
    }
    lines.push(format!("... {} bars", bars.len()));
    Ok(lines)
}

fn connect_and_run(
    host: &str,
    port: u16,
    client_id: i32,
    capture: Option<&PathBuf>,
) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let client = IBClient::new();
    if let Some(path) = capture {
        client.capture_to(path, true)?;
    }
    client.connect(host, port, client_id)?;
    client.start();
    if !client.wait_for_connection(Duration::from_secs(10)) {
        return Err("connection timeout".into());
    }
    let lines = session(&client);
    client.disconnect();
    Ok(lines?)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (config, _sim) = common::config()?;
    let args: Vec<String> = std::env::args().collect();
    let out = args
        .iter()
        .position(|a| a == "--out")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("tws-record-replay-example.tws"));

    println!("== recording against {config} to {}", out.display());
    let live = connect_and_run(&config.host, config.port, config.client_id, Some(&out))?;
    for l in &live {
        println!("  {l}");
    }
    let text = std::fs::read_to_string(&out)?;
    println!(
        "== the transcript ({} lines), its first frames:",
        text.lines().count()
    );
    for l in text.lines().take(12) {
        let cut: String = l.chars().take(110).collect();
        println!("  {cut}");
    }

    let replay = ReplayGateway::open(&out, ReplayConfig { time_scale: 0.0 })?;
    println!("== replaying it on {} (no TWS involved)", replay.addr());
    let again = connect_and_run("127.0.0.1", replay.port(), config.client_id, None)?;
    for l in &again {
        println!("  {l}");
    }
    if again == live {
        println!("== the replay gave the same answers");
        Ok(())
    } else {
        Err(format!("the replay differs: {:?}", replay.unmatched()).into())
    }
}
