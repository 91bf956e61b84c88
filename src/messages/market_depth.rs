//! Market depth: reqMktDepth, cancelMktDepth, and the order book updates they produce.
