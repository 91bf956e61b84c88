//! Display group requests.
