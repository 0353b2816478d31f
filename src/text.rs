//! Small text helpers shared by error messages: "did you mean" suggestions (edit distance from
//! `strsim`), sentence case, spreadsheet-formula detection, and the one place where text bound
//! for a terminal is made safe ([`escape_control`], [`shorten`]) and where invisible characters
//! are recognised ([`invisible_character`], [`is_blank`]).

use std::borrow::Cow;

/// `text` with every control character (C0, DEL, C1: ESC, BEL, carriage return, newline, tab …)
/// and every invisible character (see [`invisible_character`]) shown escaped as `\u{1b}`, so
/// that nothing from the input can move the cursor, recolour the terminal, fake a line of
/// output or turn a line around. Borrowed when there is nothing to escape.
pub fn escape_control(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() || is_invisible(c);
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            shown.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            shown.push(c);
        }
    }
    Cow::Owned(shown)
}

/// At most `max` characters of `text`: a longer text keeps its start and ends with `…`, so a
/// message quoting a 2 MB value stays short.
pub fn shorten(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some((cut, _)) => {
            let keep = text[..cut]
                .char_indices()
                .nth(max.saturating_sub(1))
                .map_or(cut, |(i, _)| i);
            Cow::Owned(format!("{}…", &text[..keep]))
        }
    }
}

/// The first character of `text` that changes how text around it is shown without being seen
/// itself: a bidirectional control (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C),
/// which can make a title read backwards, or a zero-width character (U+200B–U+200D, U+2060,
/// U+FEFF), which hides inside a word.
pub fn invisible_character(text: &str) -> Option<char> {
    text.chars().find(|&c| is_invisible(c))
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{061c}'
            | '\u{200b}'..='\u{200d}'
            | '\u{2060}'
            | '\u{feff}'
    )
}

/// True if `text` shows nothing: only white space, control and invisible characters (see
/// [`invisible_character`]).
pub fn is_blank(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_whitespace() || c.is_control() || is_invisible(c))
}

/// "did you mean `x`? " for the closest candidate (see [`closest`]), or nothing: the start of
/// a hint that goes on with the list of what is known.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(word, candidates)
        .map(|candidate| format!("did you mean `{candidate}`? "))
        .unwrap_or_default()
}

/// The candidate closest to `word`, if it is close enough to be a plausible typo: at most a
/// third of the word's length in edits (at least one edit allowed; a swap of two neighbouring
/// characters is one edit), or sharing its first five characters. Ties go to the first
/// candidate.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    let prefix: String = word.chars().take(5).collect();
    candidates
        .into_iter()
        .map(|candidate| (strsim::osa_distance(word, candidate), candidate))
        .filter(|(distance, candidate)| {
            *distance <= limit || (prefix.chars().count() == 5 && candidate.starts_with(&prefix))
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// "on-site water" → "On-site water" (at the start of a line).
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "Average annual output…" → "average annual output…" (for use inside a sentence); names
/// and acronyms that start with two capitals (IEA, US, CO₂e) are kept.
pub fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.clone().next()) {
        (Some(first), second)
            if first.is_uppercase() && !second.is_some_and(char::is_uppercase) =>
        {
            first.to_lowercase().chain(chars).collect()
        }
        _ => text.to_string(),
    }
}

/// True if a text cell would be read as a formula by a spreadsheet (CSV injection).
pub fn looks_like_formula(text: &str) -> bool {
    matches!(
        text.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swaps_are_one_typo() {
        // Optimal string alignment: a swap of neighbours is one edit, so `peu` is close to `pue`.
        assert_eq!(closest("peu", ["wue", "pue"]), Some("pue"));
        assert_eq!(closest("form", ["from", "to"]), Some("from"));
    }

    #[test]
    fn suggestions() {
        assert_eq!(
            closest("carbon_intensty", ["carbon_intensity", "ewif"]),
            Some("carbon_intensity")
        );
        assert_eq!(closest("xyz", ["pue", "wue"]), None);
        assert_eq!(closest("wue", ["pue", "wue"]), Some("wue"));
    }

    #[test]
    fn sentence_case() {
        assert_eq!(capitalise("on-site water"), "On-site water");
        assert_eq!(capitalise("éau"), "Éau");
        assert_eq!(lowercase_first("Average output"), "average output");
        assert_eq!(lowercase_first("IEA figure"), "IEA figure");
    }

    #[test]
    fn control_characters_are_shown_escaped() {
        let cases = [
            ("plain", "plain"),
            ("a\u{1b}[31mb\u{7}", "a\\u{1b}[31mb\\u{7}"),
            ("line\nfake", "line\\u{a}fake"),
            ("\u{9b}", "\\u{9b}"),
            ("ab\u{202e}cd", "ab\\u{202e}cd"),
        ];
        for (text, shown) in cases {
            assert_eq!(escape_control(text), shown, "{text:?}");
        }
    }

    #[test]
    fn long_texts_are_shortened() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("exactly10!", 10), "exactly10!");
        assert_eq!(shorten("ééééééééééé", 10), "ééééééééé…");
        assert_eq!(shorten(&"x".repeat(2_000_000), 80).chars().count(), 80);
    }

    #[test]
    fn invisible_characters() {
        assert_eq!(invisible_character("abc\u{202e}def"), Some('\u{202e}'));
        assert_eq!(invisible_character("a\u{200b}b"), Some('\u{200b}'));
        assert_eq!(invisible_character("\u{61c}"), Some('\u{61c}'));
        assert_eq!(invisible_character("Émissions – 2030"), None);
        assert!(is_blank(" \u{200b}\u{feff}\u{a0}\t"));
        assert!(!is_blank(" a "));
    }

    #[test]
    fn formula_injection() {
        assert!(looks_like_formula("=HYPERLINK(\"x\")"));
        assert!(looks_like_formula("@SUM(A1)"));
        assert!(!looks_like_formula("IEA 2025"));
    }
}
