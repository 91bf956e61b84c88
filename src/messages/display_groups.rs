//! Display groups: query, subscribe, update, unsubscribe, and their answers.
