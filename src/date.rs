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
//! - clocks: `12:19`, `12.06`, `09:26:50`, `7:02 AM`, `3:47 a.m.`;
//! - zones: names (`CET`, `CEST`, `MEZ`, `EST`, `PST`), `GMT+1`, `UTC+3`,
//!   `+0100`, `-05:00`, `[+0300]`.
//!
//! # Not supported
//! Relative dates (`yesterday`), dates without a day of the month, and
//! calendars other than the Gregorian.

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

#[derive(Debug, Default)]
struct Parts {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    hour: Option<u32>,
    minute: Option<u32>,
    second: Option<u32>,
    pm: Option<bool>,
    offset: Option<i32>,
    numbers: Vec<(u32, usize)>,
    numeric: Option<[u32; 3]>,
    numeric_lens: [usize; 3],
    unknown: usize,
}

/// Parses a date written in any supported form. `order` decides numeric
/// dates whose first two parts are both 12 or less; `default_year` fills a
/// missing year.
pub(crate) fn parse(s: &str, order: Order, default_year: Option<i32>) -> Option<Parsed> {
    let mut p = Parts::default();
    let lower = s.to_lowercase();
    let cleaned: String = lower
        .chars()
        .map(|c| match c {
            ',' | '(' | ')' | '[' | ']' | '\u{a0}' | '\t' | '"' => ' ',
            c => c,
        })
        .collect();
    let tokens: Vec<&str> = cleaned.split_whitespace().collect();
    let mut i = 0;
    while i < tokens.len() {
        let tok = tokens[i];
        i += 1;
        if tok.len() > 40 {
            p.unknown += 1;
            continue;
        }
        read_token(tok, &mut p);
    }
    finish(p, order, default_year)
}

fn read_token(tok: &str, p: &mut Parts) {
    // Meridiem markers, alone or glued to the clock.
    let meridiem = |t: &str| match t {
        "am" | "a.m." | "a.m" | "vorm." | "vorm" => Some(false),
        "pm" | "p.m." | "p.m" | "nachm." | "nachm" => Some(true),
        _ => None,
    };
    if let Some(pm) = meridiem(tok) {
        p.pm = Some(pm);
        return;
    }
    if let Some(off) = offset(tok) {
        p.offset = Some(off);
        return;
    }
    let t = tok.trim_end_matches(['.', ':']);
    if t.is_empty() {
        return;
    }
    if let Some(&zone) = TABLES.zones.get(t) {
        // `de`, `a`, `o` are fillers elsewhere; zone names are longer.
        if t.len() >= 2 {
            p.offset = Some(zone);
            return;
        }
    }
    if let Some(&m) = TABLES.months.get(t) {
        // `mar` is March in five languages and Tuesday in two: a month name
        // wins unless another month name is there too.
        if p.month.is_none() {
            p.month = Some(m);
            return;
        }
        if TABLES.date_words.contains_key(t) {
            return;
        }
    }
    if TABLES.date_words.contains_key(t) {
        return;
    }
    if t.as_bytes()[0].is_ascii_digit() {
        read_numeric(t, tok, p);
        return;
    }
    // Clock glued to a word (`10:15anna`) or a meridiem (`7:02pm`).
    if let Some(pos) = t.find(|c: char| !c.is_ascii_digit()) {
        if pos == 0 {
            p.unknown += 1;
        }
    }
}

fn read_numeric(t: &str, tok: &str, p: &mut Parts) {
    let bytes = t.as_bytes();
    // A clock with a glued meridiem: `7:02pm`.
    let (t, glued_pm) = match t.strip_suffix("pm").or(t.strip_suffix("p")) {
        Some(x) if x.contains(':') => (x, Some(true)),
        _ => match t.strip_suffix("am").or(t.strip_suffix("a")) {
            Some(x) if x.contains(':') => (x, Some(false)),
            _ => (t, None),
        },
    };
    if let Some(pm) = glued_pm {
        p.pm = Some(pm);
    }
    // Trailing `h` or `u` on a clock: `14h30`? `12u`.
    let parts: Vec<&str> = t.split([':', '.', '/', '-', 'h']).collect();
    let all_digits = parts.iter().all(|x| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit()));
    let has = |c: u8| bytes.contains(&c);
    if all_digits && parts.len() >= 2 {
        let nums: Vec<u32> = parts.iter().map(|x| x.parse().unwrap_or(u32::MAX)).collect();
        let is_clock = has(b':')
            || has(b'h')
            || (has(b'.')
                && parts.len() <= 3
                && parts[0].len() <= 2
                && parts[1].len() == 2
                && (p.year.is_some() || p.numeric.is_some())
                && p.hour.is_none());
        if is_clock && nums.len() <= 3 && parts[0].len() <= 2 {
            p.hour = Some(nums[0]);
            p.minute = nums.get(1).copied();
            p.second = nums.get(2).copied();
            return;
        }
        if nums.len() == 3 && p.numeric.is_none() {
            p.numeric = Some([nums[0], nums[1], nums[2]]);
            p.numeric_lens = [parts[0].len(), parts[1].len(), parts[2].len()];
            return;
        }
        if nums.len() == 2 && has(b'.') && parts[0].len() <= 2 && parts[1].len() <= 2 {
            // `27.10` without a year: day and month, read as numbers.
            p.numbers.push((nums[0], parts[0].len()));
            p.numbers.push((nums[1], parts[1].len()));
            return;
        }
        p.unknown += 1;
        return;
    }
    if t.bytes().all(|b| b.is_ascii_digit()) {
        let n: u32 = t.parse().unwrap_or(u32::MAX);
        p.numbers.push((n, t.len()));
        return;
    }
    // `1st`, `2nd`, `28th`
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    let suffix = &t[digits.len()..];
    if matches!(suffix, "st" | "nd" | "rd" | "th" | "er" | "e" | "º" | "°") {
        p.numbers.push((digits.parse().unwrap_or(u32::MAX), digits.len()));
        return;
    }
    let _ = tok;
    p.unknown += 1;
}

/// A numeric or named offset: `+0100`, `-05:00`, `gmt+1`, `utc+03:00`.
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
    let sign = match body.as_bytes().first()? {
        b'+' => 1,
        b'-' | 0xE2 => -1,
        _ => return None,
    };
    let digits: String = body[1..].chars().filter(|c| *c != ':').collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
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

fn full_year(y: u32, len: usize) -> i32 {
    if len <= 2 {
        // Two-digit years: 70-99 are the 1900s, the rest the 2000s.
        if y >= 70 {
            1900 + y as i32
        } else {
            2000 + y as i32
        }
    } else {
        y as i32
    }
}

fn finish(mut p: Parts, order: Order, default_year: Option<i32>) -> Option<Parsed> {
    let mut ambiguous = false;
    if let Some([a, b, c]) = p.numeric {
        let [la, _, lc] = p.numeric_lens;
        if la == 4 {
            p.year = Some(a as i32);
            p.month = Some(b);
            p.day = Some(c);
        } else {
            p.year = Some(full_year(c, lc));
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
        }
    } else if p.month.is_some() {
        // Named month: a 3- or 4-digit number is the year; of the short
        // numbers, the first is the day and a second one a two-digit year.
        let mut short = Vec::new();
        for &(n, len) in &p.numbers {
            if len >= 3 {
                if p.year.is_none() {
                    p.year = Some(n as i32);
                }
            } else {
                short.push((n, len));
            }
        }
        let mut it = short.into_iter();
        if let Some((d, _)) = it.next() {
            p.day = Some(d);
        }
        if p.year.is_none() {
            if let Some((y, len)) = it.next() {
                p.year = Some(full_year(y, len));
            }
        }
    } else if p.numbers.len() >= 2 {
        // `27. 10. 2021`: day, month, year as separate numbers.
        let n = &p.numbers;
        if n.len() >= 3 {
            p.day = Some(n[0].0);
            p.month = Some(n[1].0);
            p.year = Some(full_year(n[2].0, n[2].1));
        } else {
            p.day = Some(n[0].0);
            p.month = Some(n[1].0);
        }
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
    Some(Parsed { timestamp, ambiguous })
}

/// Whether `word` (lower case, without trailing dots) can stand inside a
/// date: a month or weekday name, a filler, a zone, a meridiem.
pub(crate) fn is_date_word(word: &str) -> bool {
    let w = word.trim_end_matches(['.', ',']);
    TABLES.months.contains_key(w)
        || TABLES.date_words.contains_key(w)
        || TABLES.zones.contains_key(w)
        || matches!(w, "am" | "pm" | "a.m" | "p.m" | "uhr")
        || offset(w).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

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
