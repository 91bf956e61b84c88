//! `tws-record`: a transparent recording proxy for any TWS API client.
//!
//! ```text
//! tws-record --listen 7496 --upstream 127.0.0.1:7497 --out session.tws [--mask]
//! ```
//!
//! Point the client (the official Python client, ib_async, another
//! language's) at the listen port instead of TWS: every byte goes through
//! unchanged, and each session's frames, both directions, with their time
//! and the negotiated server version, are written to the transcript
//! (`session.tws`, then `session-2.tws`, …), which `tws-sim --replay` plays
//! back (docs/replay.md).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use tws_api::transcript::proxy::RecordingProxy;

/// A transparent proxy between a TWS API client and TWS / IB Gateway that
/// writes every session to a transcript.
///
/// When it is ready it prints one line, `listening on HOST:PORT`.
#[derive(Debug, Parser)]
#[command(name = "tws-record", version)]
struct Args {
    /// Port to listen on for the client (0 picks a free one)
    #[arg(long, value_name = "PORT")]
    listen: u16,
    /// Address to bind (loopback unless told otherwise)
    #[arg(long, value_name = "HOST", default_value = "127.0.0.1")]
    host: String,
    /// TWS or IB Gateway to forward to
    #[arg(long, value_name = "HOST:PORT")]
    upstream: String,
    /// The transcript of the first session (later ones get -2, -3, … before
    /// the extension)
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Replace account ids with stable placeholders (DU0000001, …)
    #[arg(long)]
    mask: bool,
}

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    let args = Args::parse();
    let proxy = match RecordingProxy::start(
        (args.host.as_str(), args.listen),
        &args.upstream,
        args.out.clone(),
        args.mask,
    ) {
        Ok(p) => p,
        Err(e) => {
            eprintln!(
                "tws-record: cannot listen on {}:{}: {e}",
                args.host, args.listen
            );
            return ExitCode::FAILURE;
        }
    };
    println!("listening on {}", proxy.addr());
    proxy.wait();
    ExitCode::SUCCESS
}
