//! Dropping what is not the article: share buttons, adverts, paywall and
//! subscription blocks, price lists, disclaimers; setting photo captions apart.
//!
//! Works on paragraphs (runs of lines). Rules are about the shape of web
//! boilerplate in general, not about particular articles.

/// The body split into kept paragraphs and photo captions.
#[derive(Debug, Default, PartialEq)]
pub struct Cleaned {
    pub paragraphs: Vec<String>,
    pub captions: Vec<String>,
}

/// Lines that are web furniture when they stand alone.
const FURNITURE: &[&str] = &[
    "share",
    "share this",
    "share this article",
    "advertisement",
    "advertising",
    "ad",
    "sponsored",
    "read more",
    "related",
    "related articles",
    "related stories",
    "continue reading",
    "comments",
    "print",
    "email",
    "tweet",
    "follow us",
    "listen to this article",
    "skip advertisement",
    "story continues below advertisement",
];

/// Phrases that start a paywall or subscription block: everything after is
/// dropped, as such blocks end the useful text.
const PAYWALL_STARTS: &[&str] = &[
    "you've reached your limit",
    "you’ve reached your limit",
    "you have reached your limit",
    "subscribe now for unlimited access",
    "subscribe to continue reading",
    "to continue reading, subscribe",
    "this content is for subscribers",
    "already a subscriber?",
    "already subscribed?",
    "sign up for our newsletter",
];

/// Phrases that mark a single line as boilerplate.
const BOILERPLATE_LINE: &[&str] = &[
    "disclaimer:",
    "all rights reserved",
    "(only the headline and picture of this report may have been reworked",
    "click here to",
    "follow us on",
    "subscribe to read",
    "renews automatically",
    "cookie",
];

/// Credits that end a photo caption.
const CAPTION_CREDITS: &[&str] = &[
    "afp photo",
    "photo:",
    "photo by",
    "(photo",
    "reuters/",
    "getty images",
    "ap photo",
    "/ afp",
    "photograph:",
    "image:",
    "file photo",
];

/// Splits `body` into paragraphs, drops noise, and sets captions apart.
pub fn clean(body: &str) -> Cleaned {
    Cleaner::default().clean(body)
}

/// Cleaning a body given in pieces (a long article read part by part): a
/// paywall stops the rest of the article, and a line repeated across the
/// cut is still dropped.
#[derive(Debug, Default)]
pub struct Cleaner {
    last: Option<String>,
    stopped: bool,
}

impl Cleaner {
    /// Cleans the next piece of the body (whole lines).
    pub fn clean(&mut self, body: &str) -> Cleaned {
        let mut cleaned = Cleaned::default();
        if self.stopped {
            return cleaned;
        }
        for raw in body.lines() {
            let line = raw.trim();
            if line.is_empty() {
                continue;
            }
            let lower = line.to_lowercase();
            if PAYWALL_STARTS.iter().any(|p| lower.starts_with(p)) {
                self.stopped = true;
                break;
            }
            if is_furniture(&lower) || is_price_or_term(line) {
                continue;
            }
            if BOILERPLATE_LINE.iter().any(|p| lower.contains(p)) {
                continue;
            }
            if is_caption(&lower) {
                cleaned.captions.push(line.to_string());
                continue;
            }
            // Pages often repeat the headline; keep one copy.
            let previous = cleaned.paragraphs.last().or(self.last.as_ref());
            if previous.map(String::as_str) == Some(line) {
                continue;
            }
            cleaned.paragraphs.push(line.to_string());
        }
        if let Some(last) = cleaned.paragraphs.last() {
            self.last = Some(last.clone());
        }
        cleaned
    }

    /// Whether a paywall ended the article: nothing more will be kept.
    pub fn stopped(&self) -> bool {
        self.stopped
    }
}

fn is_furniture(lower: &str) -> bool {
    let stripped = lower.trim_matches(|c: char| !c.is_alphanumeric() && c != ' ');
    FURNITURE.contains(&stripped)
}

/// "₹900", "$4.99/month", "3 Months", "1 Year": lines of a price table.
fn is_price_or_term(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > 3 {
        return false;
    }
    let has_currency = line.chars().any(|c| "₹$€£¥".contains(c));
    let has_digit = line.chars().any(|c| c.is_ascii_digit());
    let term = matches!(
        words.last().map(|w| w.to_lowercase()).as_deref(),
        Some("month" | "months" | "year" | "years" | "week" | "weeks")
    );
    (has_currency && has_digit) || (term && has_digit && words.len() == 2)
}

fn is_caption(lower: &str) -> bool {
    // A caption ends with (or is) a photo credit.
    let tail_start = lower.len().saturating_sub(60);
    let tail_start = (0..=tail_start)
        .rev()
        .find(|&i| lower.is_char_boundary(i))
        .unwrap_or(0);
    let tail = &lower[tail_start..];
    CAPTION_CREDITS.iter().any(|c| tail.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_furniture_and_keeps_text() {
        let body =
            "Share\n\nGovernment forces gain ground.\n\nAdvertisement\n\nThe army advanced.\n";
        let cleaned = clean(body);
        assert_eq!(
            cleaned.paragraphs,
            vec!["Government forces gain ground.", "The army advanced."]
        );
    }

    #[test]
    fn cuts_at_paywall_and_drops_prices() {
        let body = "Fighting continued.\nDisclaimer: No journalist was involved\nYou’ve reached your limit of {{free_limit}} free articles this month.\nSubscribe now.\nMore text.";
        assert_eq!(clean(body).paragraphs, vec!["Fighting continued."]);
        for line in ["₹900", "3 Months", "₹300/Month", "$4.99"] {
            assert!(is_price_or_term(line), "{line}");
        }
        for line in ["3 killed", "The army said 3 months ago it would."] {
            assert!(!is_price_or_term(line), "{line}");
        }
    }

    #[test]
    fn sets_captions_apart() {
        let body = "Destruction is seen in Aleppo on November 28, 2016. / AFP PHOTO / GEORGE OURFALIAN\n\nAleppo: warplanes pounded the city today.";
        let cleaned = clean(body);
        assert_eq!(cleaned.captions.len(), 1);
        assert_eq!(
            cleaned.paragraphs,
            vec!["Aleppo: warplanes pounded the city today."]
        );
    }

    #[test]
    fn keeps_one_copy_of_a_repeated_headline() {
        let cleaned = clean("Army pounds rebels\n\nArmy pounds rebels\nText.");
        assert_eq!(cleaned.paragraphs, vec!["Army pounds rebels", "Text."]);
    }
}
