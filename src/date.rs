//! Dates: the text of a `Sent:`/`Datum:` value or an attribution line in,
//! a [`Timestamp`] out.
//!
//! One tokenizer serves every language: it knows month names, weekday
//! names, filler words (`om`, `um … Uhr`, `a las`, `kl.`, `klo`) and zone
//! names from the tables in `lang`, so a new language adds rows, not code.
//!
//! # Supported forms
//! - names: `vrijdag 20 oktober 2023 12:19`, `Friday, October 20, 2023 12:19
//!   PM`, `Mi., 27. Okt. 2021 um 09:31 Uhr`, `torstaina, 28. lokakuuta 2021
//!   klo 12.06`, `środa, 1 marca 2023 12:00`, `2021. október 28. 12:46`;
//! - numeric: `28/10/2021 12:46`, `03/26/2001 10:20 AM`, `2020-05-05`,
//!   `01.09.20`, `27. 10. 2021`; day-first or month-first by the language's
//!   habit unless a part is over 12;
//! - RFC 2822: `Wed, 3 Nov 2021 15:51:30 +0100`;
//! - clocks: `12:19`, `9:40:44`, `7:02 AM`, `7:02pm`, `3:47 a.m.`, `14h30`;
//!   with a dot (`12.06`, `09.26.50`) once the date has been read, since
//!   `01.09.20` before it is a date. A meridiem counts only after the clock
//!   (German `Am Mo., 6. Jan. 2020` starts with "on"); a clock glued to the
//!   next word (`10:15Anna`) is still read; an impossible clock (`25:00`)
//!   makes the whole text unreadable;
//! - zones: names (`CET`, `CEST`, `MEZ`, `EST`, `PST`), `GMT+1`, `UTC+3`,
//!   `+0100`, `-05:00`, `−0500` (minus sign), `[+0300]`.
//!
//! Years are four digits or two (70-99 the 1900s, the rest the 2000s).
//! A weekday that is also a month name (`mar`, Tuesday in French) gives way
//! to a later month name.
//!
//! # Not supported
//! Relative dates (`yesterday`), dates without a day of the month, and
//! calendars other than the Gregorian.

use std::sync::LazyLock;

use chrono::{FixedOffset, NaiveDate, NaiveTime, TimeZone};

use crate::lang::TABLES;
use crate::model::Timestamp;

/// How to read numeric dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Order {
    /// Day first: `28/10/2021`.
    DayFirst,
    /// Month first: `10/28/2021`.
    MonthFirst,
}

/// A parsed date, with what the parser had to assume.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub timestamp: Timestamp,
    /// The date was numeric with both leading parts 12 or less, so the
    /// order came from the language, not from the text.
    pub ambiguous: bool,
}

/// What the tokenizer has read so far.
#[derive(Debug, Default)]
struct Parts {
    year: Option<i32>,
    month: Option<u32>,
    /// The month came from a word that is also a weekday (`mar`, Tuesday
    /// in French, Spanish and Italian), so a later month name replaces it.
    month_is_weekday: bool,
    day: Option<u32>,
    hour: Option<u32>,
    minute: Option<u32>,
    second: Option<u32>,
    pm: Option<bool>,
    offset: Option<i32>,
    /// Loose numbers with their digit count: day, year, or a two-digit year.
    numbers: Vec<(u32, usize)>,
    /// A numeric date (`28/10/2021`) as written, and the digit count of each
    /// part.
    numeric: Option<[u32; 3]>,
    numeric_lens: [usize; 3],
    /// A clock that is no time of day (`25:00`) was read.
    bad_clock: bool,
    unknown: usize,
}

impl Parts {
    /// Whether a date has been read already, so that a dotted number
    /// (`12.06`, `09.26.50`) is a clock and not a date.
    fn has_date(&self) -> bool {
        self.month.is_some()
            || self.numeric.is_some()
            || self.numbers.iter().any(|&(_, len)| len == 4)
    }

    /// Sets the clock from its parts; false if they are no time of day.
    fn set_clock(&mut self, nums: &[u32]) -> bool {
        let (h, m, s) = match *nums {
            [h, m] => (h, m, None),
            [h, m, s] => (h, m, Some(s)),
            _ => return false,
        };
        if self.hour.is_some() || h > 23 || m > 59 || s.is_some_and(|s| s > 59) {
            return false;
        }
        self.hour = Some(h);
        self.minute = Some(m);
        self.second = s;
        true
    }
}

/// Parses a date written in any supported form. `order` decides numeric
/// dates whose first two parts are both 12 or less; `default_year` fills a
/// missing year.
pub(crate) fn parse(s: &str, order: Order, default_year: Option<i32>) -> Option<Parsed> {
    let mut p = Parts::default();
    let mut lower = crate::text::lowercase(s);
    // `à(s) 10:53` (Apple Mail, Brazilian Portuguese): a plural in
    // parentheses is the word it extends.
    let b = lower.as_bytes();
    if memchr::memchr_iter(b'(', b).any(|i| b.get(i..i + 3) == Some(b"(s)")) {
        lower = lower.replace("(s)", "s");
    }
    for tok in cleaned(lower).split_whitespace() {
        if tok.len() > 40 {
            p.unknown += 1;
            continue;
        }
        read_token(tok, &mut p);
    }
    finish(p, order, default_year)
}

/// The lower-cased date with its punctuation made blanks, CJK date marks
/// made separators, and CJK words apart from numbers.
fn cleaned(lower: String) -> String {
    if lower.is_ascii() {
        // No CJK: only the ASCII punctuation becomes blanks, in place.
        let mut b = lower.into_bytes();
        for c in &mut b {
            if matches!(*c, b',' | b'(' | b')' | b'[' | b']' | b'\t' | b'"') {
                *c = b' ';
            }
        }
        // ASCII bytes are UTF-8: this never falls back.
        return String::from_utf8(b).unwrap_or_default();
    }
    let mut cleaned = String::with_capacity(lower.len() + 8);
    let mut prev_digit = false;
    for c in lower.chars() {
        let c = match c {
            ',' | '(' | ')' | '[' | ']' | '\u{a0}' | '\u{202f}' | '\t' | '"' | '、' | '于' => ' ',
            // Chinese and Japanese dates: `2017年8月2日` is `2017-8-2`;
            // Korean `2016년 11월 8일` likewise.
            '年' | '月' | '년' | '월' => '-',
            '日' | '일' => ' ',
            c => c,
        };
        // Words of scripts without blanks glued to numbers (`上午9:12写道`)
        // stand apart.
        let digit = c.is_ascii_digit();
        if (is_cjk(c) && prev_digit) || (digit && cleaned.ends_with(is_cjk)) {
            cleaned.push(' ');
        }
        prev_digit = digit;
        cleaned.push(c);
    }
    cleaned
}

/// Whether `c` is a CJK ideograph, kana or hangul: scripts whose words
/// stand glued to the numbers of a date.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}')
}

/// `am`/`pm` and their spellings: false for the morning, true for the
/// afternoon.
fn meridiem(t: &str) -> Option<bool> {
    match t {
        "am" | "a.m." | "a.m" | "a" | "vorm." | "vorm" | "上午" | "午前" | "오전" => {
            Some(false)
        }
        "pm" | "p.m." | "p.m" | "p" | "nachm." | "nachm" | "下午" | "午後" | "오후" => {
            Some(true)
        }
        _ => None,
    }
}

/// Whether some word of the date tables (zones, months, weekdays and
/// fillers) starts with an ASCII digit. None does: a token that does is a
/// number, read without looking it up.
static DIGIT_LED_WORDS: LazyLock<bool> = LazyLock::new(|| {
    let digit_led = |w: &&str| w.as_bytes().first().is_some_and(u8::is_ascii_digit);
    TABLES.zones.keys().any(digit_led)
        || TABLES.months.keys().any(digit_led)
        || TABLES.date_words.keys().any(digit_led)
});

fn read_token(tok: &str, p: &mut Parts) {
    // A number: no meridiem, offset (a sign or `gmt` first) or word of the
    // tables starts with a digit.
    if tok.as_bytes().first().is_some_and(u8::is_ascii_digit) && !*DIGIT_LED_WORDS {
        read_numeric(tok.trim_end_matches(['.', ':']), p);
        return;
    }
    // A meridiem marker counts only after the clock: German `Am Mo., 6.
    // Jan. 2020 um 12:22` starts with the word "on", not with "a.m.".
    if let Some(pm) = meridiem(tok).filter(|_| tok.len() >= 2) {
        // Chinese, Japanese and Korean write it before the clock
        // (`오후 12:39`, `午後 2:26`).
        if p.hour.is_some() || !tok.is_ascii() {
            p.pm = Some(pm);
        } else if let Some(&(n, len)) = p.numbers.last() {
            // `821 PM`, `1228 PM`: a clock whose colon OCR dropped, after
            // a named month (and, for four digits, after the year).
            let year_before = p.numbers.iter().rev().skip(1).any(|&(_, l)| l == 4);
            if p.month.is_some()
                && (len == 3 || (len == 4 && year_before))
                && p.set_clock(&[n / 100, n % 100])
            {
                p.numbers.pop();
                p.pm = Some(pm);
            }
        }
        return;
    }
    if let Some(off) = offset(tok) {
        p.offset = Some(off);
        return;
    }
    let t = tok.trim_end_matches(['.', ':']);
    let Some(first) = t.chars().next() else {
        return;
    };
    if let Some(&zone) = TABLES.zones.get(t) {
        // `de`, `a`, `o` are fillers elsewhere; zone names are longer.
        if t.len() >= 2 {
            p.offset = Some(zone);
            return;
        }
    }
    let is_weekday = TABLES.date_words.get(t).copied().unwrap_or(false);
    if let Some(&m) = TABLES.months.get(t) {
        // `mar` is March in five languages and Tuesday in three: a month
        // name that is not also a weekday replaces it.
        if p.month.is_none() || (p.month_is_weekday && !is_weekday) {
            p.month = Some(m);
            p.month_is_weekday = is_weekday;
        }
        return;
    }
    if TABLES.date_words.contains_key(t) {
        return;
    }
    if first.is_ascii_digit() {
        read_numeric(t, p);
        return;
    }
    p.unknown += 1;
}

fn read_numeric(t: &str, p: &mut Parts) {
    // The leading run of digits and clock or date separators; what follows
    // is a glued meridiem (`7:02pm`), an ordinal suffix (`28th`) or a glued
    // word (`10:15anna`, from `10:15Anna Andersson`).
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, ':' | '.' | '/' | '-')))
        .unwrap_or(t.len());
    // OK because `split` is where `find` found a char, or `t.len()`.
    let (head, tail) = t.split_at(split);
    let head = head.trim_end_matches(['.', ':', '/', '-']);
    // At most three parts are a clock or a date: with more, every reading
    // below fails, so the token is unknown without one.
    let mut split = head.split([':', '.', '/', '-']);
    let mut part_array = [""; 3];
    let mut n = 0;
    for x in split.by_ref().take(3) {
        part_array[n] = x;
        n += 1;
    }
    if split.next().is_some() {
        p.unknown += 1;
        return;
    }
    // OK because `n <= 3`, the arrays' length.
    let parts = &part_array[..n];
    let all_digits = parts
        .iter()
        .all(|x| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit()));
    let (mut num_array, mut len_array) = ([0u32; 3], [0usize; 3]);
    for (i, x) in parts.iter().enumerate() {
        num_array[i] = x.parse().unwrap_or(u32::MAX);
        len_array[i] = x.len();
    }
    let (nums, lens) = (&num_array[..n], &len_array[..n]);
    let short = lens.iter().all(|&l| l <= 2);
    let colon = head.contains(':');

    if !tail.is_empty() {
        if all_digits && parts.len() >= 2 && (colon || head.contains('.')) && short {
            // A clock with something glued on.
            if p.set_clock(nums) {
                if let Some(pm) = meridiem(tail) {
                    p.pm = Some(pm);
                }
                return;
            }
        }
        // `14h30`, `14h`, `12u`: French and Dutch clocks.
        if let (&[h], Some(min)) = (nums, tail.strip_prefix(['h', 'u'])) {
            let min = match min {
                "" => Some(0),
                m if m.len() == 2 => m.parse().ok(),
                _ => None,
            };
            if let Some(m) = min {
                if p.set_clock(&[h, m]) {
                    return;
                }
            }
        }
        // `1st`, `2nd`, `28th`, `1er`, `1º`
        if parts.len() == 1
            && all_digits
            && matches!(tail, "st" | "nd" | "rd" | "th" | "er" | "e" | "º" | "°")
        {
            p.numbers
                .extend(nums.first().zip(lens.first()).map(|(&n, &l)| (n, l)));
            return;
        }
        p.unknown += 1;
        return;
    }
    if !all_digits {
        p.unknown += 1;
        return;
    }
    // `12:19`, `9:40:44`; `12.06` or `09.26.50` once a date was read.
    let clock_shape = matches!(lens, &[l0, 2] | &[l0, 2, 2] if l0 <= 2);
    if clock_shape && (colon || p.has_date()) {
        if p.set_clock(nums) {
            return;
        }
        if colon && p.hour.is_none() {
            // `25:00`: a clock, but no time of day. The text is damaged.
            p.bad_clock = true;
            return;
        }
    }
    match (nums, lens) {
        // A plain number: a day or a year.
        (&[n], &[len]) => p.numbers.push((n, len)),
        // `28/10/2021`, `2020-05-05`, `01.09.20`
        (&[a, b, c], &[la, lb, lc]) if !colon && p.numeric.is_none() => {
            p.numeric = Some([a, b, c]);
            p.numeric_lens = [la, lb, lc];
        }
        // `27.10` without a year: day and month, read as numbers.
        (&[a, b], &[la, lb]) if !colon && head.contains('.') && short => {
            p.numbers.push((a, la));
            p.numbers.push((b, lb));
        }
        _ => p.unknown += 1,
    }
}

/// A numeric or named offset: `+0100`, `-05:00`, `−0500` (with a minus
/// sign), `gmt+1`, `utc+03:00`.
fn offset(tok: &str) -> Option<i32> {
    let t = tok.trim_end_matches('.');
    let rest = t
        .strip_prefix("gmt")
        .or_else(|| t.strip_prefix("utc"))
        .or_else(|| t.strip_prefix("ut"));
    let (body, named) = match rest {
        Some(r) if !r.is_empty() => (r, true),
        Some(_) => return None,
        None => (t, false),
    };
    let mut chars = body.chars();
    let sign = match chars.next()? {
        '+' => 1,
        '-' | '\u{2212}' | '\u{2013}' => -1,
        _ => return None,
    };
    let digits: String = chars.filter(|c| *c != ':').collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // OK because `digits` is ASCII only (checked just above), so every byte
    // index is a char boundary, and each arm slices within the length it
    // matched.
    let (h, m): (i32, i32) = match digits.len() {
        1 | 2 if named => (digits.parse().ok()?, 0),
        4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
        3 if named => (digits[..1].parse().ok()?, digits[1..].parse().ok()?),
        _ => return None,
    };
    if h > 14 || m > 59 {
        return None;
    }
    Some(sign * (h * 60 + m))
}

/// A year written with `len` digits: two-digit years 70-99 are the 1900s,
/// the rest the 2000s; four digits stand as written; other lengths are no
/// year.
fn full_year(y: u32, len: usize) -> Option<i32> {
    match len {
        1 | 2 if y >= 70 => i32::try_from(y).ok().and_then(|y| y.checked_add(1900)),
        1 | 2 => i32::try_from(y).ok().and_then(|y| y.checked_add(2000)),
        4 => i32::try_from(y).ok(),
        _ => None,
    }
}

fn finish(mut p: Parts, order: Order, default_year: Option<i32>) -> Option<Parsed> {
    let mut ambiguous = false;
    if let Some([a, b, c]) = p.numeric {
        let [la, lb, lc] = p.numeric_lens;
        if la == 4 && lb <= 2 && lc <= 2 {
            p.year = full_year(a, la);
            p.month = Some(b);
            p.day = Some(c);
        } else if la <= 2 && lb <= 2 && (lc == 2 || lc == 4) {
            p.year = full_year(c, lc);
            let day_first = if a > 12 {
                true
            } else if b > 12 {
                false
            } else {
                ambiguous = a != b;
                order == Order::DayFirst
            };
            if day_first {
                p.day = Some(a);
                p.month = Some(b);
            } else {
                p.month = Some(a);
                p.day = Some(b);
            }
        } else {
            // `070-123-4567`, `1.2.3`: not a date.
            return None;
        }
    } else if p.month.is_some() {
        // Named month: a 4-digit number is the year; of the short numbers,
        // the first is the day and a second one a two-digit year. Other
        // numbers (`123`, `12345`) are no part of a date.
        let mut short = Vec::new();
        for &(n, len) in &p.numbers {
            match len {
                4 if p.year.is_none() => p.year = i32::try_from(n).ok(),
                1 | 2 => short.push((n, len)),
                _ => p.unknown += 1,
            }
        }
        let mut it = short.into_iter();
        if let Some((d, _)) = it.next() {
            p.day = Some(d);
        }
        if p.year.is_none() {
            if let Some((y, len)) = it.next() {
                p.year = full_year(y, len);
            }
        }
    } else if p.numbers.len() >= 2 {
        // `27. 10. 2021`: day, month, year as separate numbers;
        // `2021. 10. 27.`: year first (Hungarian).
        match *p.numbers.as_slice() {
            [(y, 4), (m, _), (d, _), ..] => {
                p.year = i32::try_from(y).ok();
                p.month = Some(m);
                p.day = Some(d);
            }
            [(d, _), (m, _), (y, ylen), ..] => {
                p.day = Some(d);
                p.month = Some(m);
                p.year = full_year(y, ylen);
            }
            [(d, _), (m, _)] => {
                p.day = Some(d);
                p.month = Some(m);
            }
            _ => {}
        }
    }
    if p.bad_clock {
        return None;
    }
    // `2912` for `2012`: OCR reads a 0 as a 9; no mail is dated 29xx.
    if let Some(y) = p.year.filter(|y| (2900..=2999).contains(y)) {
        p.year = Some(y - 900);
    }
    let year = p.year.or(default_year)?;
    let date = NaiveDate::from_ymd_opt(year, p.month?, p.day?)?;
    if p.unknown > 3 {
        return None;
    }
    let timestamp = match p.hour {
        None => Timestamp::Date(date),
        Some(mut h) => {
            match p.pm {
                Some(true) if h < 12 => h += 12,
                Some(false) if h == 12 => h = 0,
                _ => {}
            }
            let time = NaiveTime::from_hms_opt(h, p.minute.unwrap_or(0), p.second.unwrap_or(0))?;
            let naive = date.and_time(time);
            match p.offset {
                Some(off) => {
                    let tz = FixedOffset::east_opt(off * 60)?;
                    Timestamp::Zoned(tz.from_local_datetime(&naive).single()?)
                }
                None => Timestamp::Local(naive),
            }
        }
    };
    Some(Parsed {
        timestamp,
        ambiguous,
    })
}

/// Whether `word` (lower case, without trailing dots) can stand inside a
/// date: a month or weekday name, a filler, a zone, a meridiem.
/// Whether `word` is a month or weekday name of the tables (`Marco`,
/// `June`, `Mo.`), in any case, without its trailing dot or comma.
pub(crate) fn names_month_or_weekday(word: &str) -> bool {
    if word.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    crate::text::with_lowercase(word.trim_end_matches(['.', ',']), |lower| {
        TABLES.months.contains_key(lower) || TABLES.date_words.get(lower) == Some(&true)
    })
}

/// Whether `word` holds a time of day: digits, a colon, two digits
/// (`11:59`, `11:59:39`, `9:12写道`, `12:39,`).
pub(crate) fn is_clock(word: &str) -> bool {
    let b = word.as_bytes();
    memchr::memchr_iter(b':', b).any(|i| {
        // OK because `i > 0` is checked first and `i < b.len()`.
        i > 0
            && b[i - 1].is_ascii_digit()
            && b.get(i + 1..i + 3)
                .is_some_and(|m| m.iter().all(u8::is_ascii_digit))
    })
}

pub(crate) fn is_date_word(word: &str) -> bool {
    let w = word.trim_end_matches(['.', ',']);
    TABLES.months.contains_key(w)
        || TABLES.date_words.contains_key(w)
        || TABLES.zones.contains_key(w)
        || matches!(w, "am" | "pm" | "a.m" | "p.m" | "uhr")
        || (!w.is_ascii() && meridiem(w).is_some())
        || offset(w).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// No word of the date tables starts with a digit, so numbers skip
    /// the lookups; and no meridiem or offset does either.
    #[test]
    fn numbers_are_no_words() {
        assert!(!*DIGIT_LED_WORDS);
        for t in ["1", "10:30", "2001", "31.", "12:00:05"] {
            assert_eq!(meridiem(t), None, "{t}");
            assert_eq!(offset(t), None, "{t}");
        }
    }

    #[track_caller]
    fn check(input: &str, order: Order, expected: &str) {
        let got = parse(input, order, None)
            .map(|p| p.timestamp.to_string())
            .unwrap_or_else(|| "(none)".to_string());
        assert_eq!(got, expected, "{input:?}");
    }

    #[test]
    fn table() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/fields/dates.tsv");
        let data = std::fs::read_to_string(path).expect("dates.tsv");
        let mut n = 0;
        for line in data.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 3, "{line:?}");
            let order = match cols[1] {
                "dmy" => Order::DayFirst,
                "mdy" => Order::MonthFirst,
                other => panic!("order {other:?}"),
            };
            check(cols[0], order, cols[2]);
            n += 1;
        }
        assert!(n >= 40, "only {n} rows");
    }

    #[test]
    fn ambiguity_is_reported() {
        let p = parse("03/04/2020 10:00", Order::MonthFirst, None).expect("a date");
        assert!(p.ambiguous);
        let p = parse("03/26/2001 10:20 AM", Order::DayFirst, None).expect("a date");
        assert!(!p.ambiguous);
        assert_eq!(p.timestamp.to_string(), "2001-03-26T10:20:00");
    }

    #[test]
    fn default_year_fills_a_missing_year() {
        let p = parse("27 okt. om 09:31", Order::DayFirst, Some(2021)).expect("a date");
        assert_eq!(p.timestamp.to_string(), "2021-10-27T09:31:00");
    }
}
