//! Auto-connect on start-up, as the auto-connect document describes it.
//!
//! `IBKR_AUTO_CONNECT=true` (default `false`) with `IBKR_HOST`, `IBKR_PORT`
//! and `IBKR_CLIENT_ID` (or the `IB_*` spellings; see [`crate::config`]) in
//! `.env` or the environment. When enabled, start-up connects; a failure logs a
//! warning with the cause and the fix, and does not abort the program — a
//! manual [`IBClient::connect`] stays possible.

use std::time::Duration;

use crate::client::IBClient;
use crate::config::{auto_connect_from_vars, env_then_dotenv, IBConfig};
use crate::errors::Error;

/// What [`IBClient::auto_connect`] did.
#[derive(Debug)]
pub enum AutoConnect {
    /// `IBKR_AUTO_CONNECT` is not `true`: nothing was tried.
    Disabled,
    /// Connected and ready (`next_valid_id` arrived); the message loop runs.
    Connected(IBConfig),
    /// The attempt failed; the program goes on and may connect manually.
    Failed(Error),
}

impl AutoConnect {
    /// `true` for [`AutoConnect::Connected`].
    pub fn is_connected(&self) -> bool {
        matches!(self, AutoConnect::Connected(_))
    }
}

/// How long auto-connect and the status endpoint wait for `next_valid_id`.
pub(crate) const READY_TIMEOUT: Duration = Duration::from_secs(10);

impl IBClient {
    /// Connects to `config`, starts the message loop and waits up to `timeout`
    /// for `next_valid_id`; on a timeout it disconnects again.
    pub(crate) fn connect_and_wait(
        &self,
        config: &IBConfig,
        timeout: Duration,
    ) -> Result<(), Error> {
        self.connect_config(config)?;
        self.start();
        if self.wait_for_connection(timeout) {
            Ok(())
        } else {
            self.disconnect();
            Err(Error::Timeout(
                "nextValidId (is TWS logged in, with no dialog waiting?)",
            ))
        }
    }

    /// The start-up step of the auto-connect document: reads the environment
    /// and `.env`; if `IBKR_AUTO_CONNECT` is true, connects, starts the message
    /// loop and waits (up to 10 s) for the connection to be ready. Logs what the
    /// document's log lines say. Never panics and never aborts: a failure is
    /// logged as a warning with its cause and returned.
    pub fn auto_connect(&self) -> AutoConnect {
        match env_then_dotenv() {
            Ok(get) => self.auto_connect_with(get),
            Err(e) => {
                log::warn!("✗ Auto-connect to IBKR failed: {e}");
                AutoConnect::Failed(e)
            }
        }
    }

    /// [`auto_connect`](IBClient::auto_connect) with the variables read through `get`.
    pub fn auto_connect_with(&self, get: impl Fn(&str) -> Option<String>) -> AutoConnect {
        let enabled = match auto_connect_from_vars(&get) {
            Ok(b) => b,
            Err(e) => {
                log::warn!("✗ Auto-connect to IBKR failed: {e}");
                return AutoConnect::Failed(e);
            }
        };
        if !enabled {
            log::info!("IBKR auto-connect disabled (set IBKR_AUTO_CONNECT=true in .env to enable)");
            return AutoConnect::Disabled;
        }
        let config = match IBConfig::from_vars(&get) {
            Ok(c) => c,
            Err(e) => {
                log::warn!("✗ Auto-connect to IBKR failed: {e}");
                return AutoConnect::Failed(e);
            }
        };
        log::info!(
            "Attempting to auto-connect to IBKR at {}:{}...",
            config.host,
            config.port
        );
        match self.connect_and_wait(&config, READY_TIMEOUT) {
            Ok(()) => {
                log::info!("✓ Connected to IBKR on port {}", config.port);
                log::info!(
                    "✓ Auto-connected to IBKR successfully on port {}",
                    config.port
                );
                AutoConnect::Connected(config)
            }
            Err(e) => {
                log::warn!("✗ Auto-connect to IBKR failed: {e}");
                log::info!("You can still connect manually (IBClient::connect)");
                AutoConnect::Failed(e)
            }
        }
    }
}
