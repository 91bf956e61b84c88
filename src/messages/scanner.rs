//! Market scanners: parameters, subscriptions and their data.
