//! News requests.
