//! The news messages (none decoded yet).

use super::Frames;

pub fn frames(_f: &mut Frames) {}
