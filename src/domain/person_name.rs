//! Given and family name read from a display name, for when no file or
//! user said which is which.

/// Forms of address written before a name ("Dr. Ada Lovelace").
const PREFIXES: [&str; 14] = [
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "herr", "frau", "mme", "mlle",
    "rev",
];

/// Suffixes written after a name ("Martin Luther King Jr.").
const SUFFIXES: [&str; 11] = [
    "jr", "sr", "ii", "iii", "iv", "phd", "md", "esq", "mba", "msc", "bsc",
];

/// Lower-case words that belong to the family name that follows them
/// ("Ludwig van Beethoven", "Leonardo da Vinci").
const PARTICLES: [&str; 14] = [
    "van", "von", "de", "der", "den", "da", "di", "del", "della", "du", "la", "le", "bin", "ter",
];

/// Words that make a name a firm's ("Acme, Inc."): it is not split.
const CORPORATE: [&str; 9] = [
    "inc", "ltd", "llc", "gmbh", "ag", "corp", "plc", "bv", "srl",
];

/// The given and the family name in `name`: `("Ada", Some("Lovelace"))`.
///
/// Forms of address and suffixes are dropped; "Family, Given" is read
/// family first; a Chinese, Japanese or Korean name is family first, split
/// at its one space or, without one, after the first character (the first
/// two of a four-character name). Middle names belong to neither part. A
/// single word, or a firm's name, is a given name.
pub fn split(name: &str) -> (&str, Option<&str>) {
    let name = name.trim();
    if name
        .split_whitespace()
        .skip(1)
        .any(|w| is_affix(w, &CORPORATE))
    {
        return (name, None);
    }
    if let Some((family, given)) = name.split_once(',')
        && !given.contains(',')
        && !given.trim().is_empty()
        && !family.trim().is_empty()
        && !is_affix(given, &SUFFIXES)
    {
        let (given, _) = split_words(given.trim());
        return (given, Some(family.trim()));
    }
    if name.chars().any(is_cjk) && !name.chars().any(|c| c.is_ascii_alphabetic()) {
        return split_cjk(name);
    }
    split_words(name)
}

/// Western order: first word given, last word (with its particles) family.
fn split_words(name: &str) -> (&str, Option<&str>) {
    let mut words: Vec<(usize, &str)> = word_spans(name);
    while words.len() > 1 && is_title(words[0].1) {
        words.remove(0);
    }
    while words.len() > 1 && is_affix(words[words.len() - 1].1, &SUFFIXES) {
        words.pop();
    }
    let Some(&(_, given)) = words.first() else {
        return (name, None);
    };
    if words.len() == 1 {
        return (given, None);
    }
    let mut family_from = words.len() - 1;
    while family_from > 1 && PARTICLES.contains(&words[family_from - 1].1) {
        family_from -= 1;
    }
    let (start, _) = words[family_from];
    let (end_at, last) = words[words.len() - 1];
    let family = name[start..end_at + last.len()].trim_end_matches(',');
    (given.trim_end_matches(','), Some(family))
}

/// Whether a word before the given name is a form of address or an
/// abbreviated title ("Dr.", "med.", "Dipl.-Ing."); an initial ("J.") is
/// a name.
fn is_title(word: &str) -> bool {
    is_affix(word, &PREFIXES) || (word.ends_with('.') && word.chars().count() > 2)
}

/// Each whitespace-separated word with its byte offset in `text`.
fn word_spans(text: &str) -> Vec<(usize, &str)> {
    text.split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
        .collect()
}

/// Whether `word` is one of `list`, ignoring case, dots and commas.
fn is_affix(word: &str, list: &[&str]) -> bool {
    let bare: String = word
        .trim()
        .chars()
        .filter(|c| !matches!(c, '.' | ','))
        .collect::<String>()
        .to_lowercase();
    list.contains(&bare.as_str())
}

fn split_cjk(name: &str) -> (&str, Option<&str>) {
    if let Some((family, given)) = name.split_once(char::is_whitespace) {
        let given = given.trim();
        if !given.is_empty() && !given.contains(char::is_whitespace) {
            return (given, Some(family));
        }
        return (name, None);
    }
    let count = name.chars().count();
    if count < 2 {
        return (name, None);
    }
    let family_chars = if count == 4 { 2 } else { 1 };
    let at = name
        .char_indices()
        .nth(family_chars)
        .map_or(name.len(), |(i, _)| i);
    (&name[at..], Some(&name[..at]))
}

/// Han ideographs, kana and Hangul: scripts whose names are family first.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x20000..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_the_way_people_are_addressed() {
        for (name, given, family) in [
            ("Ada Lovelace", "Ada", Some("Lovelace")),
            ("Mr. John Doe", "John", Some("Doe")),
            ("Prof. Dr. Heiko Mustermann", "Heiko", Some("Mustermann")),
            ("Dr. med. Hans Müller", "Hans", Some("Müller")),
            ("Dipl.-Ing. Eva Schmidt", "Eva", Some("Schmidt")),
            ("J. Robert Oppenheimer", "J.", Some("Oppenheimer")),
            ("Hans Müller, MBA", "Hans", Some("Müller")),
            ("Jean de la Fontaine", "Jean", Some("de la Fontaine")),
            ("Mustermann, Heiko", "Heiko", Some("Mustermann")),
            ("Wile E. Coyote", "Wile", Some("Coyote")),
            ("Ludwig van Beethoven", "Ludwig", Some("van Beethoven")),
            ("Martin Luther King, Jr.", "Martin", Some("King")),
            ("Martin Luther King Jr.", "Martin", Some("King")),
            ("山田 太郎", "太郎", Some("山田")),
            ("山田太郎", "太郎", Some("山田")),
            ("王芳", "芳", Some("王")),
            ("김민준", "민준", Some("김")),
            ("Cher", "Cher", None),
            ("Acme, Inc.", "Acme, Inc.", None),
            ("Analytical Engines Ltd", "Analytical Engines Ltd", None),
            ("Dr.", "Dr.", None),
            ("  ", "", None),
        ] {
            assert_eq!(split(name), (given, family), "{name}");
        }
    }
}
