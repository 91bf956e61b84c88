//! Floats on the wire: parsing without allocation, printing as Python does.

/// Powers of ten exactly representable as f64.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Parses a float field. `Infinity` (the official spelling) and everything
/// `str::parse::<f64>` accepts are understood.
///
/// Plain decimals (`-123.45`) with at most 15 significant digits take a fast path
/// that is still correctly rounded: both the integer mantissa and the power of
/// ten are exact in an f64, so one division rounds once (Clinger's fast path).
#[inline]
pub(crate) fn parse_f64(b: &[u8]) -> Option<f64> {
    let (neg, body) = match b.first()? {
        b'-' => (true, &b[1..]),
        _ => (false, b),
    };
    let mut mantissa: u64 = 0;
    let mut digits = 0usize;
    let mut frac: Option<usize> = None;
    let mut fast = !body.is_empty() && body.len() <= 17;
    if fast {
        for &c in body {
            match c {
                b'0'..=b'9' => {
                    mantissa = mantissa * 10 + (c - b'0') as u64;
                    digits += 1;
                    if let Some(f) = frac.as_mut() {
                        *f += 1;
                    }
                }
                b'.' if frac.is_none() => frac = Some(0),
                _ => {
                    fast = false;
                    break;
                }
            }
        }
    }
    if fast && digits > 0 && digits <= 15 {
        let scale = frac.unwrap_or(0);
        let v = mantissa as f64 / POW10[scale];
        return Some(if neg { -v } else { v });
    }
    slow_parse(b)
}

#[cold]
fn slow_parse(b: &[u8]) -> Option<f64> {
    let s = std::str::from_utf8(b).ok()?;
    match s {
        "Infinity" => Some(f64::INFINITY),
        "-Infinity" => Some(f64::NEG_INFINITY),
        _ => s.parse::<f64>().ok(),
    }
}

/// Appends `v` as Python's `repr(float)` / `str(float)` prints it: the shortest
/// digits that round-trip, fixed notation when the decimal exponent is in
/// `-4..16`, otherwise `d.ddde+XX`; always a `.0` on integral values.
pub(crate) fn write_f64_python(out: &mut Vec<u8>, v: f64) {
    use std::io::Write;
    if v.is_nan() {
        out.extend_from_slice(b"nan");
        return;
    }
    if v.is_infinite() {
        out.extend_from_slice(if v > 0.0 { b"inf" } else { b"-inf" });
        return;
    }
    if v == 0.0 {
        out.extend_from_slice(if v.is_sign_negative() {
            b"-0.0"
        } else {
            b"0.0"
        });
        return;
    }
    // Rust's `{:e}` gives the shortest round-trip digits: "1.505e2", "-1e-5".
    let mut sci = Vec::with_capacity(32);
    let _ = write!(sci, "{:e}", v.abs());
    let epos = sci.iter().position(|&c| c == b'e').unwrap_or(sci.len());
    let exp: i32 = std::str::from_utf8(&sci[epos + 1..])
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut digits: Vec<u8> = sci[..epos].iter().copied().filter(|&c| c != b'.').collect();
    // On an exact tie between two shortest candidates (the value lies exactly
    // halfway between them and both read back as `v`), Rust's shortest mode
    // takes the upper one and Python the one with an even last digit:
    // 1000000000000000.25 is `…0.3` in Rust and `…0.2` in Python. Rust's
    // fixed-precision mode is exact and rounds ties to even, so printing `v`
    // again with the same number of digits gives Python's candidate; it is
    // taken when it still reads back as `v` (at a power of two the lower
    // neighbour may not). A tie needs a value whose exact expansion has one
    // digit more than its shortest form: only possible at 16 or more digits
    // for a normal f64 (its 53-bit precision), at any length for a subnormal;
    // and Rust then ends on an odd digit.
    let odd_end = digits.last().is_some_and(|d| (d - b'0') % 2 == 1);
    if odd_end && (digits.len() >= 16 || v.abs() < f64::MIN_POSITIVE) {
        sci.clear();
        let _ = write!(sci, "{:.*e}", digits.len() - 1, v.abs());
        let ties_even = std::str::from_utf8(&sci)
            .ok()
            .and_then(|s| s.parse::<f64>().ok())
            .is_some_and(|back| back == v.abs());
        if ties_even {
            let epos2 = sci.iter().position(|&c| c == b'e').unwrap_or(sci.len());
            let exp2: Option<i32> = std::str::from_utf8(&sci[epos2 + 1..])
                .ok()
                .and_then(|s| s.parse().ok());
            if exp2 == Some(exp) {
                digits = sci[..epos2]
                    .iter()
                    .copied()
                    .filter(|&c| c != b'.')
                    .collect();
                while digits.len() > 1 && digits.last() == Some(&b'0') {
                    digits.pop();
                }
            }
        }
    }
    let decpt = exp + 1; // value = 0.d1d2d3… × 10^decpt
    if v < 0.0 {
        out.push(b'-');
    }
    if decpt <= -4 || decpt > 16 {
        out.push(digits[0]);
        if digits.len() > 1 {
            out.push(b'.');
            out.extend_from_slice(&digits[1..]);
        }
        let _ = write!(out, "e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
    } else if decpt <= 0 {
        out.extend_from_slice(b"0.");
        out.extend(std::iter::repeat_n(b'0', (-decpt) as usize));
        out.extend_from_slice(&digits);
    } else {
        let d = decpt as usize;
        if d >= digits.len() {
            out.extend_from_slice(&digits);
            out.extend(std::iter::repeat_n(b'0', d - digits.len()));
            out.extend_from_slice(b".0");
        } else {
            out.extend_from_slice(&digits[..d]);
            out.push(b'.');
            out.extend_from_slice(&digits[d..]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn py(v: f64) -> String {
        let mut out = Vec::new();
        write_f64_python(&mut out, v);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn prints_like_python_repr() {
        let cases: &[(f64, &str)] = &[
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1.0, "1.0"),
            (150.5, "150.5"),
            (450.125, "450.125"),
            (0.25, "0.25"),
            (100.0, "100.0"),
            (1e16, "1e+16"),
            (1234567890123456.0, "1234567890123456.0"),
            (1e15, "1000000000000000.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (-2.5e100, "-2.5e+100"),
            (0.1 + 0.2, "0.30000000000000004"),
            (f64::MAX, "1.7976931348623157e+308"),
            (123456789.125, "123456789.125"),
            // Exact ties between two shortest candidates: Python takes the
            // even last digit. (Written as exact sums: clippy reads the
            // literal 1000000000000000.25 as too precise, by Rust's own
            // tie-up printing.)
            (1e15 + 0.25, "1000000000000000.2"),
            (123456789012345.0 + 0.125, "123456789012345.12"),
            (-(70368744177664.0 + 0.125), "-70368744177664.12"),
        ];
        for &(v, want) in cases {
            assert_eq!(py(v), want, "for {v:e}");
        }
    }

    /// `tests/data/python_floats.txt` holds `str(float)` from Python for ties,
    /// notation switches, subnormals and random bit patterns (written by
    /// `tools/gen_format_vectors.py`).
    #[test]
    fn prints_like_python_on_generated_vectors() {
        let data = include_str!("../../tests/data/python_floats.txt");
        let mut checked = 0;
        let mut wrong = Vec::new();
        for line in data
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let (bits, want) = line.split_once(' ').expect("bits and text");
            let v = f64::from_bits(u64::from_str_radix(bits, 16).expect("hex bits"));
            let got = py(v);
            if got != want {
                wrong.push(format!("{bits}: python {want}, ours {got}"));
            }
            checked += 1;
        }
        assert!(checked > 300, "only {checked} vectors");
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn parses_fast_and_slow_paths_identically() {
        for s in [
            "0",
            "1",
            "-1",
            "1.5",
            "123.456",
            "0.1",
            "99999.99999",
            "1e5",
            "1.7976931348623157E308",
            "123456789012345678",
            "0.30000000000000004",
            "-0.0",
            "5.",
        ] {
            let want: f64 = s.parse().unwrap();
            assert_eq!(parse_f64(s.as_bytes()), Some(want), "{s}");
        }
        assert_eq!(parse_f64(b"Infinity"), Some(f64::INFINITY));
        assert_eq!(parse_f64(b"-Infinity"), Some(f64::NEG_INFINITY));
        assert_eq!(parse_f64(b"abc"), None);
        assert_eq!(parse_f64(b"-"), None);
        assert_eq!(parse_f64(b"."), None);
        assert_eq!(parse_f64(b""), None);
    }
}
