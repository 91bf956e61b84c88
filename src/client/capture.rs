//! `EClient`'s session capture: every frame of its sessions, both
//! directions, to a transcript (the format: [`crate::transcript`]).

use std::path::Path;

use crate::{EClient, Error};

impl EClient {
    /// Captures every frame of this client's sessions, both directions, with
    /// its time, to the transcript file `path` (created or truncated), which
    /// `tws-sim --replay` and [`ReplayGateway`](crate::sim::replay::ReplayGateway)
    /// play back. `mask` replaces account ids with stable placeholders
    /// ([`Masker`](crate::transcript::Masker)).
    ///
    /// Called before [`connect`](EClient::connect), the transcript begins
    /// with the handshake; called while connected, it begins now (and a
    /// replay answers the hello with its server version). A reconnect starts
    /// a new file beside the first (`session-2.tws`, …; see
    /// [`session_path`](crate::transcript::session_path)).
    /// `IB_CAPTURE=path` (and `IB_CAPTURE_MASK=1`) set it for
    /// [`IBClient::connect_config`](crate::IBClient::connect_config). With
    /// no capture the socket paths pay one atomic load and allocate nothing.
    ///
    /// ```no_run
    /// let client = tws_api::EClient::new();
    /// client.capture_to("session.tws", true)?;
    /// client.connect("127.0.0.1", 7497, 0)?;
    /// # Ok::<(), tws_api::Error>(())
    /// ```
    pub fn capture_to(&self, path: impl AsRef<Path>, mask: bool) -> Result<(), Error> {
        let open = self
            .is_connected()
            .then(|| (self.server_version(), self.client_id()));
        self.inner
            .capture
            .start(path.as_ref().to_path_buf(), mask, open)
            .map_err(Error::Io)
    }

    /// Stops capturing; the transcript so far is flushed to its file.
    pub fn stop_capture(&self) {
        self.inner.capture.stop();
    }
}
