use std::borrow::Cow;

use proptest::prelude::*;

use super::*;

fn is_borrowed(c: Cow<'_, str>) -> bool {
    matches!(c, Cow::Borrowed(_))
}

// --- sanitize -------------------------------------------------------------

#[test]
fn clean_text_is_borrowed_not_copied() {
    for s in [
        "Ada Lovelace",
        "王芳",
        "Zoë Ångström",
        "👩‍💻 dev",
        "🇫🇷",
        "e\u{301}",
        "",
    ] {
        assert!(is_borrowed(sanitize(s)), "{s:?} was copied");
    }
}

#[test]
fn escape_sequences_show_as_control_pictures() {
    assert_eq!(sanitize("\x1b[31mred\x1b[0m"), "␛[31mred␛[0m");
    assert_eq!(sanitize("\x1b]52;c;aGk=\x07"), "␛]52;c;aGk=␇");
    assert_eq!(sanitize("a\0b\x7f"), "a␀b␡");
    assert_eq!(sanitize("one\r\ntwo\tx"), "one␍␊two␉x");
}

#[test]
fn c1_controls_get_code_point_markers() {
    // U+009B is the one-byte CSI some terminals still obey.
    assert_eq!(sanitize("a\u{9b}31mb"), "a⟨U+009B⟩31mb");
    assert_eq!(sanitize("\u{85}"), "⟨U+0085⟩");
}

#[test]
fn bidi_controls_cannot_reorder_text() {
    assert_eq!(sanitize("invoice\u{202E}fdp.exe"), "invoice⟨U+202E⟩fdp.exe");
    assert_eq!(sanitize("\u{2067}x\u{2069}"), "⟨U+2067⟩x⟨U+2069⟩");
    assert_eq!(
        sanitize("a\u{200F}b\u{200E}c\u{61C}"),
        "a⟨U+200F⟩b⟨U+200E⟩c⟨U+061C⟩"
    );
}

#[test]
fn invisible_characters_become_visible() {
    assert_eq!(sanitize("A\u{200B}da"), "A⟨U+200B⟩da");
    assert_eq!(sanitize("\u{FEFF}Ada"), "⟨U+FEFF⟩Ada");
    assert_eq!(sanitize("Ada\u{2060}"), "Ada⟨U+2060⟩");
    assert_eq!(sanitize("Hoff\u{AD}mann"), "Hoff⟨U+00AD⟩mann");
    assert_eq!(sanitize("\u{3164}"), "⟨U+3164⟩");
}

#[test]
fn zwj_is_kept_inside_emoji_and_joining_scripts_only() {
    for s in ["👩‍💻", "👨‍👩‍👧", "🏳️‍🌈", "🧑🏽‍💻", "ශ්‍රී", "می‌خواهم"]
    {
        assert!(is_borrowed(sanitize(s)), "{s:?} lost its joiner");
    }
    assert_eq!(sanitize("A\u{200D}da"), "A⟨U+200D⟩da");
    assert_eq!(sanitize("\u{200D}👩"), "⟨U+200D⟩👩");
    assert_eq!(sanitize("👩\u{200D}"), "👩⟨U+200D⟩");
    assert_eq!(sanitize("a\u{200C}b"), "a⟨U+200C⟩b");
}

#[test]
fn emoji_tags_are_kept_only_in_a_flag() {
    let scotland = "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}";
    assert!(is_borrowed(sanitize(scotland)));
    // Stray tags spell invisible text ("hi").
    assert_eq!(sanitize("ok\u{E0068}\u{E0069}"), "ok⟨U+E0068⟩⟨U+E0069⟩");
    // A flag followed by tags that never end is not a flag sequence.
    assert_eq!(sanitize("🏴\u{E0068}\u{E0069}"), "🏴⟨U+E0068⟩⟨U+E0069⟩");
}

#[test]
fn sanitize_line_puts_a_multi_line_note_on_one_row() {
    assert_eq!(sanitize_line("line one\nline two\n"), "line one⏎line two");
    assert_eq!(sanitize_line("a\r\nb\rc\u{2028}d"), "a⏎b⏎c⏎d");
    assert_eq!(sanitize_line("name\tcompany"), "name company");
    assert_eq!(sanitize_line("\n\n"), "");
    assert_eq!(sanitize_line("\x1b[2J"), "␛[2J");
    assert!(is_borrowed(sanitize_line("plain")));
}

// --- columns --------------------------------------------------------------

#[test]
fn width_counts_columns_not_chars() {
    assert_eq!(width("Ada"), 3);
    assert_eq!(width("王芳"), 4);
    assert_eq!(width("👩‍💻"), 2);
    assert_eq!(width("🇫🇷"), 2);
    assert_eq!(width("❤️"), 2);
    assert_eq!(width("e\u{301}"), 1);
    assert_eq!(width("Zoë 王芳 🎉"), 4 + 4 + 1 + 2);
    assert_eq!(width(""), 0);
}

#[test]
fn truncate_leaves_short_text_alone() {
    assert!(is_borrowed(truncate("Ada", 3)));
    assert!(is_borrowed(truncate("王芳", 4)));
}

#[test]
fn truncate_ends_with_an_ellipsis() {
    assert_eq!(truncate("Ada Lovelace", 8), "Ada Lov…");
    assert_eq!(truncate("Ada Lovelace", 5), "Ada… ");
    assert_eq!(truncate("Ada Lovelace", 1), "…");
    assert_eq!(truncate("Ada Lovelace", 0), "");
}

#[test]
fn truncate_never_splits_a_wide_character() {
    assert_eq!(truncate("王芳王芳", 4), "王… ");
    assert_eq!(truncate("王芳王芳", 5), "王芳…");
    assert_eq!(truncate("👩‍💻👩‍💻👩‍💻", 4), "👩‍💻… ");
    assert_eq!(width(&truncate("王芳王芳", 4)), 4);
}

#[test]
fn truncate_keeps_accents_with_their_letters() {
    let decomposed = "Re\u{301}ne\u{301}e";
    assert_eq!(truncate(decomposed, 3), "Re\u{301}…");
    assert_eq!(truncate(decomposed, 4), "Re\u{301}n…");
}

#[test]
fn fit_gives_exact_columns() {
    assert_eq!(fit("Ada", 6), "Ada   ");
    assert_eq!(fit("王芳", 5), "王芳 ");
    assert_eq!(fit("王芳Zoë", 5), "王芳…");
    assert_eq!(fit_right("3d", 4), "  3d");
    assert_eq!(fit_right("王芳王芳", 4), "王… ");
    assert_eq!(pad("Ada Lovelace", 3), "Ada Lovelace");
    assert!(is_borrowed(fit("Ada", 3)));
}

#[test]
fn cell_is_safe_and_exact() {
    assert_eq!(cell("Ada\x1b[31m\nLovelace", 12), "Ada␛[31m⏎Lo…");
    assert_eq!(width(&cell("王芳\u{202E}", 8)), 8);
    assert!(is_borrowed(cell("Ada", 3)));
}

// --- properties -----------------------------------------------------------

/// Strings rich in the characters that make terminals misbehave, mixed with
/// arbitrary Unicode.
pub(super) fn nasty_string() -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec![
        '\x1b',
        '\x07',
        '\n',
        '\r',
        '\t',
        '\0',
        '\x7f',
        '\u{85}',
        '\u{9b}',
        '\u{202E}',
        '\u{2066}',
        '\u{200B}',
        '\u{200C}',
        '\u{200D}',
        '\u{FEFF}',
        '\u{AD}',
        '\u{E0067}',
        '\u{E007F}',
        '🏴',
        '👩',
        '💻',
        '\u{FE0F}',
        '\u{1F3FD}',
        '🇫',
        '王',
        '芳',
        'e',
        '\u{301}',
        'ශ',
        '\u{DCA}',
        ' ',
        '…',
        '\u{3000}',
        '\u{D4E}',
    ]);
    prop::collection::vec(prop_oneof![any::<char>(), special], 0..40)
        .prop_map(|chars| chars.into_iter().collect())
}

fn is_forbidden(c: char) -> bool {
    c < ' '
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{61C}')
}

proptest! {
    #[test]
    fn fit_is_always_exactly_n_columns(s in nasty_string(), n in 0usize..30) {
        let clean = sanitize(&s);
        prop_assert_eq!(width(&fit(&clean, n)), n);
        prop_assert_eq!(width(&fit_right(&clean, n)), n);
        prop_assert_eq!(width(&cell(&s, n)), n);
    }

    #[test]
    fn truncate_never_exceeds_the_limit(s in nasty_string(), n in 0usize..30) {
        let clean = sanitize(&s);
        let cut = truncate(&clean, n);
        prop_assert!(width(&cut) <= n);
        if width(&clean) > n {
            prop_assert_eq!(width(&cut), n);
        }
    }

    #[test]
    fn sanitized_text_has_no_controls_or_bidi(s in nasty_string()) {
        for out in [sanitize(&s), sanitize_line(&s)] {
            prop_assert!(!out.chars().any(is_forbidden), "{:?} -> {:?}", s, out);
        }
        let line = sanitize_line(&s);
        prop_assert!(!line.contains(['\u{2028}', '\u{2029}']), "{:?}", line);
    }

    #[test]
    fn sanitizing_twice_changes_nothing(s in nasty_string()) {
        let once = sanitize(&s).into_owned();
        prop_assert!(is_borrowed(sanitize(&once)), "{:?} -> {:?}", s, once);
        let line = sanitize_line(&s).into_owned();
        prop_assert!(is_borrowed(sanitize_line(&line)), "{:?} -> {:?}", s, line);
    }
}
