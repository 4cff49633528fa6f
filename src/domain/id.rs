//! Stable identifiers. An id is minted once and never derived from data
//! that can change (names, URLs), so it survives edits and re-imports.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Lower-case letters and digits without look-alikes (no 0/o, 1/l), so an
/// id read aloud or typed from a screen survives.
pub(crate) const ALPHABET: &[u8] = b"23456789abcdefghijkmnpqrstuvwxyz";
const RANDOM_LEN: usize = 8;
/// The longest id a file may hold. Minted ids are 9 bytes; hand-made ones
/// (`ada-lovelace`) get room, but not room to hide a paragraph.
pub const MAX_LEN: usize = 64;

/// The rule for every id read from a file: 1 to [`MAX_LEN`] ASCII letters,
/// digits, `-`, `_` or `.`, starting with a letter or digit (so it never
/// reads as an option on the command line). Minted ids always pass; a
/// hand edit or another tool may use any id that does. Ids are printed in
/// listings and error messages, so nothing else may reach them.
///
/// Returns what is wrong, for a `path:line:col:` message.
pub fn check(id: &str) -> Result<(), String> {
    let bytes = id.as_bytes();
    let Some(first) = bytes.first() else {
        return Err("an id must not be empty".into());
    };
    if bytes.len() > MAX_LEN {
        return Err(format!(
            "id {:?}… is longer than {MAX_LEN} characters",
            id.chars().take(12).collect::<String>()
        ));
    }
    if !first.is_ascii_alphanumeric() {
        return Err(format!("id {id:?} must start with a letter or digit"));
    }
    if let Some(c) = id
        .chars()
        .find(|&c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        return Err(format!(
            "id {id:?} holds {c:?}; an id may hold only ASCII letters, digits, '-', '_' and '.'"
        ));
    }
    Ok(())
}

/// The contact id a vCard's `UID` stands for, so a card keeps naming
/// the same contact however often it goes back and forth: the UID itself
/// when it is a valid id (netwerk's own cards, most UUIDs), once a
/// `urn:uuid:` in front is dropped; else a `u` and 16 letters made from
/// a hash of it, the same every time.
pub fn from_uid(uid: &str) -> String {
    let uid = uid.trim();
    let bare = uid
        .get(..9)
        .filter(|p| p.eq_ignore_ascii_case("urn:uuid:"))
        .map_or(uid, |_| &uid[9..]);
    if check(bare).is_ok() {
        return bare.to_string();
    }
    let mut hash = xxhash_rust::xxh3::xxh3_64(uid.as_bytes());
    let mut id = String::from("u");
    for _ in 0..16 {
        id.push(ALPHABET[(hash % ALPHABET.len() as u64) as usize] as char);
        hash /= ALPHABET.len() as u64;
        if hash == 0 {
            hash = xxhash_rust::xxh3::xxh3_64(id.as_bytes());
        }
    }
    id
}

thread_local! {
    /// The generator fresh ids come from, seeded once per thread from the
    /// operating system's entropy. fastrand's own default seed is a hash of
    /// the monotonic clock and the thread id; two netwerk processes started
    /// together (a cron job and a hook) were seen to mint the same id with
    /// it, so it is not used for ids.
    static IDS: std::cell::RefCell<fastrand::Rng> = std::cell::RefCell::new(fastrand::Rng::with_seed(os_seed()));
}

/// 64 bits from the operating system; if it cannot give them (it always
/// can on Linux and macOS), std's per-process random hash keys mixed with
/// the process id and the time.
fn os_seed() -> u64 {
    let mut bytes = [0u8; 8];
    if getrandom::fill(&mut bytes).is_ok() {
        return u64::from_ne_bytes(bytes);
    }
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u32(std::process::id());
    if let Ok(t) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        h.write_u128(t.as_nanos());
    }
    h.finish()
}

fn mint(prefix: char, rng: &mut fastrand::Rng) -> String {
    let mut id = String::with_capacity(RANDOM_LEN + 1);
    id.push(prefix);
    for _ in 0..RANDOM_LEN {
        id.push(ALPHABET[rng.usize(..ALPHABET.len())] as char);
    }
    id
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// Mints a fresh random id.
            pub fn new() -> Self {
                Self(IDS.with(|rng| mint($prefix, &mut rng.borrow_mut())))
            }

            /// Mints an id from a seeded generator, for reproducible
            /// sample data.
            pub fn from_rng(rng: &mut fastrand::Rng) -> Self {
                Self(mint($prefix, rng))
            }

            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_string())
            }
        }

        // An id is compared with the text of one, as a history entry
        // holds it (see `Entry::contact`).
        impl PartialEq<$name> for &str {
            fn eq(&self, id: &$name) -> bool {
                *self == id.0
            }
        }
    };
}

id_type!(
    /// Identifies a contact, e.g. `c7k2mq9xa`.
    ContactId,
    'c'
);
id_type!(
    /// Identifies a content item, e.g. `i3hv8pz2c`.
    ItemId,
    'i'
);
id_type!(
    /// Identifies a history entry, e.g. `h9dnw4e6r`.
    EntryId,
    'h'
);
id_type!(
    /// Identifies a change in the undo journal, e.g. `u4x8kq2mz`.
    ChangeId,
    'u'
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_have_prefix_and_safe_alphabet() {
        let id = ContactId::new();
        assert!(id.as_str().starts_with('c'));
        assert_eq!(id.as_str().len(), 9);
        assert!(id.as_str()[1..].bytes().all(|b| ALPHABET.contains(&b)));
        assert_ne!(ContactId::new(), ContactId::new());
    }

    #[test]
    fn a_uid_names_the_same_contact_every_time() {
        assert_eq!(from_uid("ckpmawr6j"), "ckpmawr6j");
        let uuid = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
        assert_eq!(from_uid(&format!("urn:uuid:{uuid}")), uuid);
        let odd = from_uid("{3F2504E0}@example.com");
        assert_eq!(odd, from_uid("{3F2504E0}@example.com"));
        assert_eq!(odd.len(), 17);
        assert_eq!(check(&odd), Ok(()));
        assert_ne!(odd, from_uid("{3F2504E1}@example.com"));
    }

    #[test]
    fn the_id_rule() {
        for ok in [
            "c1",
            "ckpmawr6j",
            "ada-lovelace",
            "A.b_c-9",
            &"x".repeat(MAX_LEN),
        ] {
            assert_eq!(check(ok), Ok(()), "{ok}");
        }
        for bad in [
            "",
            "-c1",
            ".hidden",
            "c 1",
            "c\u{1b}]52;c;eA==\u{7}",
            "c\u{9b}1",
            "c\u{202e}1",
            "c\u{200b}1",
            "josé",
            &"x".repeat(MAX_LEN + 1),
        ] {
            assert!(check(bad).is_err(), "{bad:?}");
        }
        assert_eq!(check(ContactId::new().as_str()), Ok(()));
    }

    #[test]
    fn threads_mint_different_ids() {
        let minted: Vec<Vec<EntryId>> = (0..4)
            .map(|_| std::thread::spawn(|| (0..5_000).map(|_| EntryId::new()).collect()))
            .collect::<Vec<_>>()
            .into_iter()
            .map(|t| t.join().unwrap())
            .collect();
        let mut all: Vec<&EntryId> = minted.iter().flatten().collect();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), 20_000);
    }
}
