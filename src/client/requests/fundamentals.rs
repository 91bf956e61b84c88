//! Fundamental data and WSH requests.
