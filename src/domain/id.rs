//! Stable identifiers. An id is minted once and never derived from data
//! that can change (names, URLs), so it survives edits and re-imports.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Lower-case letters and digits without look-alikes (no 0/o, 1/l), so an
/// id read aloud or typed from a screen survives.
const ALPHABET: &[u8] = b"23456789abcdefghijkmnpqrstuvwxyz";
const RANDOM_LEN: usize = 8;

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
                Self(mint($prefix, &mut fastrand::Rng::new()))
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
}
