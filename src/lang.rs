//! Languages of people-facing text: [`Lang`], bilingual [`Text`] and the one plural rule
//! ([`Lang::is_plural`], [`Plural`]) every English/French word with a count goes through.

/// Language of people-facing text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// French.
    Fr,
}

impl Lang {
    /// `en` or `fr`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// Parses `en` or `fr`.
    pub fn parse(text: &str) -> Option<Lang> {
        match text {
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            _ => None,
        }
    }

    /// Picks the text of this language.
    pub fn pick<'a>(self, en: &'a str, fr: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Fr => fr,
        }
    }

    /// True if a noun counted by `count` (the number as shown) takes its plural: in French
    /// from 2 on ("1,5 million", "2 millions"), in English for anything but one.
    pub fn is_plural(self, count: f64) -> bool {
        match self {
            Lang::En => count.abs() != 1.0,
            Lang::Fr => count.abs() >= 2.0,
        }
    }
}

/// A text in both languages: owned (`Text`, read from files) or static (`Text<&'static str>`,
/// written in the code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Text<S = String> {
    /// English.
    pub en: S,
    /// French.
    pub fr: S,
}

impl<S: AsRef<str>> Text<S> {
    /// The text in a language.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => self.en.as_ref(),
            Lang::Fr => self.fr.as_ref(),
        }
    }
}

impl Text {
    /// The same text in both languages.
    pub fn both(text: &str) -> Text {
        Text {
            en: text.into(),
            fr: text.into(),
        }
    }
}

impl Text<&'static str> {
    /// A text written in the code.
    pub const fn new(en: &'static str, fr: &'static str) -> Self {
        Text { en, fr }
    }
}

impl<'a> Text<&'a str> {
    /// The text in a language, for as long as the borrowed texts live.
    pub fn pick(self, lang: Lang) -> &'a str {
        lang.pick(self.en, self.fr)
    }
}

/// A noun in its singular and plural forms, in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Plural {
    /// The form for one (French: below 2).
    pub one: Text<&'static str>,
    /// The form for many.
    pub many: Text<&'static str>,
}

impl Plural {
    /// A noun whose forms differ only in French (English "million" after a number, units).
    pub const fn french(en: &'static str, fr_one: &'static str, fr_many: &'static str) -> Self {
        Plural {
            one: Text::new(en, fr_one),
            many: Text::new(en, fr_many),
        }
    }

    /// A noun that never changes (a unit symbol).
    pub const fn invariant(en: &'static str, fr: &'static str) -> Self {
        Plural {
            one: Text::new(en, fr),
            many: Text::new(en, fr),
        }
    }

    /// The form for `count` (the number as shown), in a language.
    pub fn for_count(&self, count: f64, lang: Lang) -> &'static str {
        let form = if lang.is_plural(count) {
            self.many
        } else {
            self.one
        };
        form.pick(lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_plural_starts_at_two() {
        let million = Plural::french("million", "million", "millions");
        assert_eq!(million.for_count(1.2, Lang::Fr), "million");
        assert_eq!(million.for_count(1.99, Lang::Fr), "million");
        assert_eq!(million.for_count(2.0, Lang::Fr), "millions");
        assert_eq!(million.for_count(2.5, Lang::Fr), "millions");
        assert_eq!(million.for_count(2.5, Lang::En), "million");
        assert!(Lang::En.is_plural(1.5) && !Lang::En.is_plural(1.0));
    }

    #[test]
    fn texts_pick_their_language() {
        let text = Text::new("water", "eau");
        assert_eq!(text.get(Lang::Fr), "eau");
        assert_eq!(Text::both("PUE").get(Lang::En), "PUE");
        assert_eq!(Lang::parse("fr"), Some(Lang::Fr));
        assert_eq!(Lang::Fr.code(), "fr");
    }
}
