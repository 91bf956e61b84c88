//! [`TagValue`]: a named string parameter, used for algo parameters and request options.

use std::fmt;

/// A tag and its value, both text. Lists of these carry extra parameters
/// (algo parameters, misc options, …) with requests and orders.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct TagValue {
    /// Parameter name.
    pub tag: String,
    /// Parameter value.
    pub value: String,
}

impl TagValue {
    /// A tag/value pair.
    pub fn new(tag: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            tag: tag.into(),
            value: value.into(),
        }
    }
}

/// `tag=value;`, the form in which option lists are joined into one wire field.
impl fmt::Display for TagValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={};", self.tag, self.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_as_wire_pair() {
        assert_eq!(
            TagValue::new("maxPctVol", "0.1").to_string(),
            "maxPctVol=0.1;"
        );
    }
}
