//! Contract and reference-data requests.
