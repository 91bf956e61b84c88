//! Length-prefixed frames: a `u32` big-endian payload length, then the payload.

use std::fmt;

/// The largest payload the official client accepts: 16 MiB − 1 (`0xFFFFFF`).
pub const MAX_MSG_LEN: usize = 0x00FF_FFFF;

/// Why a length prefix was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameError {
    /// The prefix announces more than [`MAX_MSG_LEN`] bytes. The stream cannot be
    /// resynchronised after this: the connection must be closed.
    TooLong(u32),
}

impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FrameError::TooLong(n) => {
                write!(f, "frame length {n} exceeds the maximum of {MAX_MSG_LEN}")
            }
        }
    }
}

impl std::error::Error for FrameError {}

/// Looks for one whole frame at the start of `buf`.
///
/// Returns `Ok(None)` while the frame is incomplete, `Ok(Some(total))` with the
/// frame's total size (prefix included) once all of it is there, and an error for
/// a length over [`MAX_MSG_LEN`], before any byte of the payload is needed, so a
/// hostile prefix never causes an allocation.
///
/// ```
/// use tws_api::wire::frame::frame_len;
/// assert_eq!(frame_len(&[0, 0]), Ok(None));
/// assert_eq!(frame_len(&[0, 0, 0, 2, b'a']), Ok(None));
/// assert_eq!(frame_len(&[0, 0, 0, 2, b'a', b'b', 9]), Ok(Some(6)));
/// assert!(frame_len(&[1, 0, 0, 0]).is_err());
/// ```
#[inline]
pub fn frame_len(buf: &[u8]) -> Result<Option<usize>, FrameError> {
    let Some(prefix) = buf.get(..4) else {
        return Ok(None);
    };
    let len = u32::from_be_bytes([prefix[0], prefix[1], prefix[2], prefix[3]]);
    if len as usize > MAX_MSG_LEN {
        return Err(FrameError::TooLong(len));
    }
    let total = 4 + len as usize;
    Ok(if buf.len() >= total {
        Some(total)
    } else {
        None
    })
}

/// Appends `payload` to `out` as one frame.
pub fn write_frame(out: &mut Vec<u8>, payload: &[u8]) {
    out.extend_from_slice(&(payload.len() as u32).to_be_bytes());
    out.extend_from_slice(payload);
}

/// Iterates over the payloads of the whole frames at the start of a buffer.
///
/// Stops at the first incomplete frame; [`Frames::consumed`] tells how many bytes
/// the yielded frames used, so a caller can keep the rest for the next read.
#[derive(Debug)]
pub struct Frames<'a> {
    buf: &'a [u8],
    pos: usize,
    error: Option<FrameError>,
}

impl<'a> Frames<'a> {
    /// Starts iterating over `buf`.
    pub fn new(buf: &'a [u8]) -> Self {
        Frames {
            buf,
            pos: 0,
            error: None,
        }
    }

    /// Bytes taken by the frames yielded so far.
    pub fn consumed(&self) -> usize {
        self.pos
    }

    /// The length error that stopped the iteration, if one did.
    pub fn error(&self) -> Option<FrameError> {
        self.error
    }
}

impl<'a> Iterator for Frames<'a> {
    type Item = &'a [u8];

    #[inline]
    fn next(&mut self) -> Option<&'a [u8]> {
        if self.error.is_some() {
            return None;
        }
        let rest = &self.buf[self.pos..];
        match frame_len(rest) {
            Ok(Some(total)) => {
                self.pos += total;
                Some(&rest[4..total])
            }
            Ok(None) => None,
            Err(e) => {
                self.error = Some(e);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_length_frame_is_a_whole_empty_frame() {
        assert_eq!(frame_len(&[0, 0, 0, 0]), Ok(Some(4)));
        let frames: Vec<_> = Frames::new(&[0, 0, 0, 0]).collect();
        assert_eq!(frames, vec![&b""[..]]);
    }

    #[test]
    fn max_len_is_accepted_and_one_more_refused() {
        let max = (MAX_MSG_LEN as u32).to_be_bytes();
        assert_eq!(frame_len(&max), Ok(None));
        let over = (MAX_MSG_LEN as u32 + 1).to_be_bytes();
        assert_eq!(
            frame_len(&over),
            Err(FrameError::TooLong(MAX_MSG_LEN as u32 + 1))
        );
        assert_eq!(
            frame_len(&[0xff, 0xff, 0xff, 0xff]),
            Err(FrameError::TooLong(u32::MAX))
        );
    }

    #[test]
    fn truncated_frames_wait_for_more() {
        let mut buf = Vec::new();
        write_frame(&mut buf, b"hello\0");
        for cut in 0..buf.len() {
            assert_eq!(frame_len(&buf[..cut]), Ok(None), "cut at {cut}");
        }
        assert_eq!(frame_len(&buf), Ok(Some(buf.len())));
    }

    #[test]
    fn frames_iterates_and_reports_consumed_and_errors() {
        let mut buf = Vec::new();
        write_frame(&mut buf, b"a\0");
        write_frame(&mut buf, b"bc\0");
        let whole = buf.len();
        buf.extend_from_slice(&[0, 0, 0, 9, b'x']);
        let mut it = Frames::new(&buf);
        assert_eq!(it.next(), Some(&b"a\0"[..]));
        assert_eq!(it.next(), Some(&b"bc\0"[..]));
        assert_eq!(it.next(), None);
        assert_eq!(it.consumed(), whole);
        assert_eq!(it.error(), None);

        let mut bad = Vec::new();
        write_frame(&mut bad, b"ok\0");
        bad.extend_from_slice(&[0x01, 0, 0, 0]);
        let mut it = Frames::new(&bad);
        assert_eq!(it.next(), Some(&b"ok\0"[..]));
        assert_eq!(it.next(), None);
        assert_eq!(it.error(), Some(FrameError::TooLong(0x0100_0000)));
    }
}
