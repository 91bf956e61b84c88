//! Fundamental data and Wall Street Horizon (WSH) meta and event data.
