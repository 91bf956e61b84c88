//! News: providers, articles, historical headlines and bulletins.
