//! Conversations across a mailbox: every message of every document,
//! grouped into threads, each message once with every place it was seen.
//!
//! Input: [`Document`]s, one at a time ([`Threader::add`]), in any order.
//! Output: [`Conversation`]s ([`Threader::finish`]). Only a compact key of
//! each message is kept (sender, minute, subject, ids and a short body
//! fingerprint), so memory grows with the number of messages, not with
//! their text.
//!
//! Two messages are the same message when they carry the same
//! `Message-ID`, or when one is a quoted copy of the other: same sender,
//! same sent time to the minute (as wall-clock time or in UTC, since a
//! quoting client may print either), subjects that agree where both have
//! one, and bodies that agree after quote and whitespace normalisation
//! where both have one. Messages are linked into one conversation by
//! `In-Reply-To` and `References` (JWZ: an id that was referenced but
//! never seen still links the messages that name it), and by quoting:
//! each quoted message is the parent of the message that quotes it.

use std::collections::HashMap;

use serde::Serialize;

use crate::model::{Document, Message, Party, Source, Timestamp};
use crate::subject;

/// One conversation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conversation {
    /// The `Message-ID` of its earliest message that has one, else the
    /// sender and time of its earliest message.
    pub id: String,
    /// The normalised subject of its earliest message with a subject.
    pub subject: Option<String>,
    /// Every address (or, without one, name) that sent or received a
    /// message, in order of appearance.
    pub participants: Vec<String>,
    /// Its messages, oldest first (messages without a date last).
    pub messages: Vec<ConversationMessage>,
}

/// One message of a conversation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConversationMessage {
    /// When it was sent.
    pub sent: Option<Timestamp>,
    /// Its sender.
    pub from: Option<Party>,
    /// Its subject, as written.
    pub subject: Option<String>,
    /// Its `Message-ID`, when some copy of it had one.
    pub message_id: Option<String>,
    /// Every place it was seen: the document and the message's index in
    /// it, in the order the documents were added.
    pub seen_in: Vec<Seen>,
}

/// Where a message was seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Seen {
    /// The document.
    pub source: Source,
    /// The message's index in the document.
    pub message: usize,
}

/// One distinct message (or a referenced id never seen).
#[derive(Debug, Default)]
struct Node {
    message_id: Option<String>,
    sent: Option<Timestamp>,
    from: Option<Party>,
    subject: Option<String>,
    normalized_subject: Option<String>,
    fingerprint: String,
    seen_in: Vec<Seen>,
    /// Order of first sight, for stable output.
    first: usize,
}

/// Groups messages into conversations. Add documents, then finish.
#[derive(Debug, Default)]
pub struct Threader {
    nodes: Vec<Node>,
    parent: Vec<usize>,
    by_id: HashMap<String, usize>,
    by_key: HashMap<String, Vec<usize>>,
    seen: usize,
}

/// The body fingerprint: the first 120 letters and digits, lower case.
fn fingerprint(body: &str) -> String {
    body.lines()
        .map(|l| l.trim_start_matches(['>', ' ', '\t']))
        .flat_map(str::chars)
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .take(120)
        .collect()
}

/// The sender as a key: the address, else the name, lower case.
fn sender_key(p: &Party) -> Option<String> {
    p.address
        .as_deref()
        .or(p.name.as_deref())
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty())
}

/// The content keys of a message: sender (by address and by name, since
/// an attribution line often gives only the name) and minute, as
/// wall-clock time and, when the offset is known, in UTC.
fn content_keys(from: Option<&Party>, sent: Option<&Timestamp>) -> Vec<String> {
    let (Some(from), Some(when)) = (from, sent) else {
        return Vec::new();
    };
    let whos: Vec<String> = [from.address.as_deref(), from.name.as_deref()]
        .into_iter()
        .flatten()
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty())
        .collect();
    let minutes: Vec<String> = match when {
        Timestamp::Date(_) => Vec::new(),
        Timestamp::Local(t) => vec![t.format("%Y-%m-%dT%H:%M").to_string()],
        Timestamp::Zoned(t) => vec![
            t.naive_local().format("%Y-%m-%dT%H:%M").to_string(),
            t.naive_utc().format("%Y-%m-%dT%H:%M").to_string(),
        ],
    };
    let mut keys = Vec::with_capacity(whos.len() * minutes.len());
    for who in &whos {
        for minute in &minutes {
            keys.push(format!("{who}|{minute}"));
        }
    }
    keys
}

/// Whether two copies agree where both say something.
fn agree(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x.is_empty() || y.is_empty() || x == y,
        _ => true,
    }
}

/// Whether two body fingerprints agree: their first 60 letters and
/// digits (or all of the shorter) are the same. A quoted copy is often
/// cut short or trimmed at the end, rarely at the start.
fn fingerprints_agree(a: &str, b: &str) -> bool {
    let n = a.chars().count().min(b.chars().count()).min(60);
    a.chars().take(n).eq(b.chars().take(n))
}

impl Threader {
    /// An empty threader.
    pub fn new() -> Threader {
        Threader::default()
    }

    fn find(&mut self, mut n: usize) -> usize {
        while self.parent[n] != n {
            self.parent[n] = self.parent[self.parent[n]];
            n = self.parent[n];
        }
        n
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The older root stays the root: deterministic ids.
            let (keep, join) = if self.nodes[ra].first <= self.nodes[rb].first {
                (ra, rb)
            } else {
                (rb, ra)
            };
            self.parent[join] = keep;
        }
    }

    fn new_node(&mut self) -> usize {
        let n = self.nodes.len();
        self.nodes.push(Node {
            first: self.seen,
            ..Node::default()
        });
        self.parent.push(n);
        self.seen += 1;
        n
    }

    /// The node of a referenced id, made empty when never seen.
    fn id_node(&mut self, id: &str) -> usize {
        if let Some(&n) = self.by_id.get(id) {
            return n;
        }
        let n = self.new_node();
        self.nodes[n].message_id = Some(id.to_string());
        self.by_id.insert(id.to_string(), n);
        n
    }

    /// The node a message is a copy of, or a new one.
    fn node_for(&mut self, m: &Message, subject: &Option<String>, fp: &str) -> usize {
        if let Some(id) = m.message_id.as_deref().filter(|s| !s.is_empty()) {
            if let Some(&n) = self.by_id.get(id) {
                return n;
            }
        }
        let keys = content_keys(m.from.as_ref(), m.sent.as_ref());
        let candidate = keys.iter().find_map(|k| {
            self.by_key.get(k).and_then(|ns| {
                ns.iter().copied().find(|&n| {
                    let node = &self.nodes[n];
                    agree(&node.normalized_subject, subject)
                        && fingerprints_agree(&node.fingerprint, fp)
                        && match (&node.message_id, &m.message_id) {
                            (Some(a), Some(b)) => a == b,
                            _ => true,
                        }
                })
            })
        });
        let n = match candidate {
            Some(n) => n,
            None => self.new_node(),
        };
        for k in keys {
            let list = self.by_key.entry(k).or_default();
            if !list.contains(&n) {
                list.push(n);
            }
        }
        if let Some(id) = m.message_id.as_deref().filter(|s| !s.is_empty()) {
            self.by_id.insert(id.to_string(), n);
        }
        n
    }

    /// Adds every message of `doc`.
    pub fn add(&mut self, doc: &Document) {
        let mut previous: Option<usize> = None;
        for m in &doc.messages {
            let subject = m
                .normalized_subject
                .clone()
                .or_else(|| m.subject.as_deref().map(subject::normalize))
                .map(|s| s.to_lowercase());
            let fp = fingerprint(&m.body);
            let n = self.node_for(m, &subject, &fp);
            let node = &mut self.nodes[n];
            node.seen_in.push(Seen {
                source: doc.source.clone(),
                message: m.index,
            });
            // Fill in what this copy knows and the others did not.
            if node.message_id.is_none() {
                node.message_id.clone_from(&m.message_id);
            }
            if node.sent.is_none() || matches!(node.sent, Some(Timestamp::Local(_))) {
                if let Some(t @ Timestamp::Zoned(_)) = m.sent {
                    node.sent = Some(t);
                }
            }
            if node.sent.is_none() {
                node.sent = m.sent;
            }
            if node.from.as_ref().is_none_or(|p| p.address.is_none()) && m.from.is_some() {
                node.from.clone_from(&m.from);
            }
            if node.subject.is_none() {
                node.subject.clone_from(&m.subject);
                node.normalized_subject.clone_from(&subject);
            }
            if node.fingerprint.len() < fp.len() {
                node.fingerprint = fp;
            }
            // Quoting: the quoted message answers nothing, the quoting one
            // answers it.
            if let Some(p) = previous {
                self.union(p, n);
            }
            previous = Some(n);
            let refs: Vec<String> = m
                .in_reply_to
                .iter()
                .chain(m.references.iter())
                .cloned()
                .collect();
            for r in refs {
                let rn = self.id_node(&r);
                self.union(n, rn);
            }
        }
    }

    /// The conversations, in order of their first message seen.
    pub fn finish(mut self) -> Vec<Conversation> {
        let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
        for n in 0..self.nodes.len() {
            if self.nodes[n].seen_in.is_empty() {
                // An id that was referenced but never seen.
                continue;
            }
            let root = self.find(n);
            groups.entry(root).or_default().push(n);
        }
        let mut groups: Vec<Vec<usize>> = groups.into_values().collect();
        for g in &mut groups {
            let nodes = &self.nodes;
            g.sort_by(|&a, &b| {
                let (x, y) = (&nodes[a], &nodes[b]);
                let key = |n: &Node| n.sent.map(|t| order_time(&t));
                match (key(x), key(y)) {
                    (Some(p), Some(q)) => p.cmp(&q),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                }
                .then(x.first.cmp(&y.first))
            });
        }
        groups.sort_by_key(|g| g.iter().map(|&n| self.nodes[n].first).min());
        let mut nodes: Vec<Option<Node>> = self.nodes.into_iter().map(Some).collect();
        groups
            .into_iter()
            .map(|g| {
                let messages: Vec<ConversationMessage> = g
                    .iter()
                    .filter_map(|&n| nodes[n].take())
                    .map(|n| ConversationMessage {
                        sent: n.sent,
                        from: n.from,
                        subject: n.subject,
                        message_id: n.message_id,
                        seen_in: n.seen_in,
                    })
                    .collect();
                conversation(messages)
            })
            .collect()
    }
}

/// A time to sort by: UTC where the offset is known, else wall-clock.
fn order_time(t: &Timestamp) -> chrono::NaiveDateTime {
    match t {
        Timestamp::Zoned(z) => z.naive_utc(),
        other => other.naive(),
    }
}

fn conversation(messages: Vec<ConversationMessage>) -> Conversation {
    let id = messages
        .iter()
        .find_map(|m| m.message_id.clone())
        .unwrap_or_else(|| {
            let first = messages.first();
            let who = first
                .and_then(|m| m.from.as_ref())
                .and_then(sender_key)
                .unwrap_or_default();
            let when = first
                .and_then(|m| m.sent)
                .map(|t| t.to_string())
                .unwrap_or_default();
            format!("{who}|{when}")
        });
    let subject = messages
        .iter()
        .find_map(|m| m.subject.as_deref())
        .map(subject::normalize);
    let mut participants: Vec<String> = Vec::new();
    for m in &messages {
        if let Some(p) = m.from.as_ref().and_then(sender_key) {
            if !participants.contains(&p) {
                participants.push(p);
            }
        }
    }
    Conversation {
        id,
        subject,
        participants,
        messages,
    }
}

/// Groups every message of `docs` into conversations.
///
/// # Example
/// ```
/// let a = mailthread::parse_transcript(
///     "Yes.\n\nOn Fri, Feb 24, 2012 at 10:19 AM, Ann <ann@x.org> wrote:\n> Lunch?\n",
/// );
/// let b = mailthread::parse_transcript(
///     "From: Ann <ann@x.org>\nSent: Friday, February 24, 2012 10:19 AM\nSubject: Lunch\n\nLunch?\n",
/// );
/// let threads = mailthread::conversation::group([&a, &b]);
/// assert_eq!(threads.len(), 1);
/// assert_eq!(threads[0].messages.len(), 2);
/// assert_eq!(threads[0].messages[0].seen_in.len(), 2);
/// ```
pub fn group<'a>(docs: impl IntoIterator<Item = &'a Document>) -> Vec<Conversation> {
    let mut t = Threader::new();
    for d in docs {
        t.add(d);
    }
    t.finish()
}
