//! Shared by the examples: where to connect.
//!
//! Every example reads `IBConfig::from_env()` (IB_HOST / IB_PORT / IB_CLIENT_ID,
//! or `.env`) and connects to a real TWS or IB Gateway there
//! (`IB_CAPTURE=session.tws` records the session: docs/replay.md). Pass `--sim` to
//! start the simulated gateway in-process instead and connect to it.

use tws_api::sim::{SimConfig, SimGateway};
use tws_api::IBConfig;

/// The configuration to use, and the simulated gateway when `--sim` was given
/// (keep it alive as long as the example runs).
pub fn config() -> Result<(IBConfig, Option<SimGateway>), Box<dyn std::error::Error>> {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let mut config = IBConfig::from_env()?;
    if std::env::args().any(|a| a == "--sim") {
        let gateway = SimGateway::start(SimConfig::default())?;
        config.host = "127.0.0.1".into();
        config.port = gateway.port();
        println!("(--sim: simulated gateway on {})", gateway.addr());
        return Ok((config, Some(gateway)));
    }
    Ok((config, None))
}

/// Connects an [`IBClient`](tws_api::IBClient) with `wrapper` where
/// [`config`] says (the simulated gateway with `--sim`), starts its reader and
/// waits up to 10 s for the connection. Returns the client and the gateway
/// (keep it alive as long as the example runs).
#[allow(dead_code)] // Not every example uses it.
pub fn connect(
    wrapper: impl tws_api::EWrapper + 'static,
) -> Result<(tws_api::IBClient, Option<SimGateway>), Box<dyn std::error::Error>> {
    let (config, sim) = config()?;
    let client = tws_api::IBClient::with_wrapper(wrapper);
    // connect_config applies IB_MAX_SERVER_VERSION and IB_CAPTURE too.
    client.connect_config(&config)?;
    client.start();
    if !client.wait_for_connection(std::time::Duration::from_secs(10)) {
        return Err("connection timeout".into());
    }
    Ok((client, sim))
}
