//! How far a run of ordinary bytes inside a quoted string goes: the
//! inner loop of both plain readers (`record`, `entry`), which
//! between them look at every byte of a large network's files on a
//! launch with no snapshots.
//!
//! Eight bytes are checked at a time with integer arithmetic (no
//! platform intrinsics): most values (ids, names, dates, topics) are
//! shorter than 24 bytes, too short for a vector search to pay for its
//! set-up, and a byte at a time showed in such a launch.

const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);

/// The high bit of each byte of `word` that is below `n` (`n` ≤ 0x80).
/// A borrow only ever comes out of a byte that is flagged, so the lowest
/// flag is always right; flags above it may not be.
fn below(word: u64, n: u8) -> u64 {
    word.wrapping_sub(ONES * u64::from(n)) & !word & HIGHS
}

/// The high bit of each byte of `word` equal to `byte`, with the same
/// guarantee as [`below`].
fn equal(word: u64, byte: u8) -> u64 {
    below(word ^ (ONES * u64::from(byte)), 1)
}

/// The length of the run at the start of `bytes` that holds no control
/// character (below 0x20) and none of `stops`: the index of the first
/// such byte, or `bytes.len()`. The caller looks at that byte itself;
/// for it a tab, say, may be ordinary after all.
pub fn ordinary(bytes: &[u8], stops: [u8; 3]) -> usize {
    let [a, b, c] = stops;
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut words {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        // Little-endian, so the lowest flag is the first byte in text.
        let word = u64::from_le_bytes(word);
        let flags = below(word, 0x20) | equal(word, a) | equal(word, b) | equal(word, c);
        if flags != 0 {
            return at + (flags.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    let tail = words.remainder();
    at + tail
        .iter()
        .position(|&x| x < 0x20 || x == a || x == b || x == c)
        .unwrap_or(tail.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same answer a byte at a time.
    fn slowly(bytes: &[u8], stops: [u8; 3]) -> usize {
        bytes
            .iter()
            .position(|&x| x < 0x20 || stops.contains(&x))
            .unwrap_or(bytes.len())
    }

    #[test]
    fn finds_the_first_stop_wherever_it_lies() {
        let stops = [b'"', b'\\', 0x7f];
        // Every stop at every position of strings up to three words long,
        // among bytes that trip a careless borrow (0x00–0x22, 0x5b–0x5d,
        // 0x7e–0x81, 0xff) before and after it.
        let fillers = [b'a', 0x21, 0x23, 0x5b, 0x5d, 0x7e, 0x80, 0x81, 0xe4, 0xff];
        let hits = [b'"', b'\\', 0x7f, 0x00, 0x01, b'\t', b'\n', 0x1f];
        for len in 0..=24 {
            for &fill in &fillers {
                let plain = vec![fill; len];
                assert_eq!(ordinary(&plain, stops), slowly(&plain, stops));
                for at in 0..len {
                    for &hit in &hits {
                        let mut bytes = plain.clone();
                        bytes[at] = hit;
                        // A second stop later on must not move the first.
                        if at + 3 < len {
                            bytes[at + 3] = 0x00;
                        }
                        assert_eq!(ordinary(&bytes, stops), at, "{bytes:02x?} stops at {at}");
                    }
                }
            }
        }
    }

    #[test]
    fn agrees_with_a_byte_at_a_time_on_every_byte_pair() {
        // Every pair of byte values side by side, across a word boundary
        // and inside a word, for a single-quote string's stops.
        let stops = [b'\'', 0x7f, 0x7f];
        for x in 0..=255u8 {
            for y in 0..=255u8 {
                for at in [3, 7] {
                    let mut bytes = [b'a'; 12];
                    bytes[at] = x;
                    bytes[at + 1] = y;
                    assert_eq!(ordinary(&bytes, stops), slowly(&bytes, stops));
                }
            }
        }
    }
}
