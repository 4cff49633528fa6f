//! Accent- and case-folding, so "jose" finds "José" and "Café" = "cafe".

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds text for comparison and search: decomposes accented letters,
/// drops the combining marks, maps the few letters that do not decompose
/// (ø, ł, ß, æ …) to their usual ASCII spelling, and lower-cases.
///
/// Characters without a Latin base (王, 🙂) pass through unchanged, so
/// "王" still finds "王芳".
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    if text.is_ascii() {
        // Fast path: most names and topics are plain ASCII.
        out.extend(text.chars().map(|c| c.to_ascii_lowercase()));
        return out;
    }
    for c in text.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
            'ħ' | 'Ħ' => out.push('h'),
            'ı' => out.push('i'),
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'þ' | 'Þ' => out.push_str("th"),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Folds an interest label and squeezes its whitespace, so "Climate  Tech"
/// and "climate tech" are one interest.
pub fn fold_label(label: &str) -> String {
    fold(label).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_case_and_special_letters() {
        let cases = [
            ("José Núñez", "jose nunez"),
            ("Café", "cafe"),
            ("ÅNGSTRÖM", "angstrom"),
            ("Søren Kierkegaard", "soren kierkegaard"),
            ("Łukasz", "lukasz"),
            ("Straße", "strasse"),
            ("王芳", "王芳"),
            ("Ｆｕｌｌwidth", "fullwidth"),
            ("plain ascii", "plain ascii"),
        ];
        for (input, want) in cases {
            assert_eq!(fold(input), want, "fold({input:?})");
        }
    }

    #[test]
    fn labels_ignore_spacing() {
        assert_eq!(fold_label("  Climate   Tech "), "climate tech");
    }
}
