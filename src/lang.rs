//! Language data: the tables every stage reads its vocabulary from.
//!
//! Input: nothing. Output: one [`Lang`] entry per language, and lookups
//! built from them once (header labels, month names, subject prefixes, ...).
//!
//! Adding a language is adding an entry to [`LANGS`]; no stage names a
//! language in code. All words are lower case; month and weekday names are
//! written without trailing dots (the date tokenizer drops them). Sources for
//! each entry are in `domain.md` (header labels §1, separators §1c,
//! attribution lines §1d, dates §2, subject prefixes §3, closings §7).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// A header field a label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum HeaderField {
    From,
    /// Lotus Notes `Sent by:`: the delegate.
    Sender,
    Date,
    To,
    Cc,
    Bcc,
    Subject,
    ReplyTo,
    Attachments,
    Importance,
}

impl HeaderField {
    /// Whether the field's value is a list of people and addresses.
    pub(crate) fn holds_parties(self) -> bool {
        matches!(
            self,
            HeaderField::From
                | HeaderField::Sender
                | HeaderField::To
                | HeaderField::Cc
                | HeaderField::Bcc
                | HeaderField::ReplyTo
        )
    }
}

/// Everything mailthread knows about one language.
pub(crate) struct Lang {
    /// ISO 639-1 code (`pt` covers PT and BR).
    pub code: &'static str,
    /// Header labels (the text before the colon) and the field each names.
    pub labels: &'static [(&'static str, HeaderField)],
    /// Words between delegate and principal in a From value:
    /// `X namens Y`, `X On Behalf Of Y`.
    pub on_behalf: &'static [&'static str],
    /// Separator lines, without their dashes, underscores and colons:
    /// `-----Original Message-----` is `original message`.
    pub separators: &'static [&'static str],
    /// Words an attribution line starts with (`On`, `Op`, `Am`).
    pub attribution_starts: &'static [&'static str],
    /// Words that end the verb of an attribution line (`wrote`, `schreef`).
    pub attribution_verbs: &'static [&'static str],
    /// Words inside an attribution line that are neither date nor name
    /// (`heeft`, `het volgende`, `użytkownik`).
    pub attribution_fillers: &'static [&'static str],
    /// Month names in every form seen in dates (full, abbreviated,
    /// genitive, partitive), with the month number.
    pub months: &'static [(&'static str, u32)],
    /// Weekday names in every form seen in dates.
    pub weekdays: &'static [&'static str],
    /// Words inside dates that carry no value (`om`, `um`, `Uhr`, `de`,
    /// `kl`).
    pub date_fillers: &'static [&'static str],
    /// Whether numeric dates are day-first (`28/10/2021`).
    pub day_first: bool,
    /// Words a salutation starts with.
    pub greetings: &'static [&'static str],
    /// Closing formulas, without trailing punctuation.
    pub closings: &'static [&'static str],
    /// Reply and forward subject prefixes, without colon.
    pub subject_prefixes: &'static [&'static str],
    /// Labels before a case or reference number, without colon.
    pub case_labels: &'static [&'static str],
    /// Phrases a disclaimer paragraph starts with or contains.
    pub disclaimer_phrases: &'static [&'static str],
    /// Mobile-client footers (`Sent from my iPhone`).
    pub sent_from: &'static [&'static str],
}

use HeaderField::*;

/// Every language, in no particular order.
pub(crate) static LANGS: &[Lang] = &[
    Lang {
        code: "nl",
        labels: &[
            ("van", From),
            ("verzonden", Date),
            ("verstuurd", Date),
            ("datum", Date),
            ("aan", To),
            ("cc", Cc),
            ("kopie", Cc),
            ("bcc", Bcc),
            ("onderwerp", Subject),
            ("bijlagen", Attachments),
            ("bijlage", Attachments),
            ("urgentie", Importance),
            ("prioriteit", Importance),
            ("antwoord aan", ReplyTo),
        ],
        on_behalf: &["namens", "uit naam van"],
        separators: &[
            "oorspronkelijk bericht",
            "origineel bericht",
            "doorgestuurd bericht",
            "begin doorgestuurd bericht",
        ],
        attribution_starts: &["op"],
        attribution_verbs: &["schreef", "geschreven", "verzond"],
        attribution_fillers: &["heeft", "het volgende", "het volgende geschreven"],
        months: &[
            ("januari", 1),
            ("jan", 1),
            ("februari", 2),
            ("feb", 2),
            ("febr", 2),
            ("maart", 3),
            ("mrt", 3),
            ("mar", 3),
            ("april", 4),
            ("apr", 4),
            ("mei", 5),
            ("juni", 6),
            ("jun", 6),
            ("juli", 7),
            ("jul", 7),
            ("augustus", 8),
            ("aug", 8),
            ("september", 9),
            ("sep", 9),
            ("sept", 9),
            ("oktober", 10),
            ("okt", 10),
            ("november", 11),
            ("nov", 11),
            ("december", 12),
            ("dec", 12),
        ],
        weekdays: &[
            "zondag",
            "maandag",
            "dinsdag",
            "woensdag",
            "donderdag",
            "vrijdag",
            "zaterdag",
            "zo",
            "ma",
            "di",
            "wo",
            "do",
            "vr",
            "za",
        ],
        date_fillers: &["om", "u", "uur"],
        day_first: true,
        greetings: &[
            "geachte",
            "beste",
            "hallo",
            "hoi",
            "dag",
            "goedemorgen",
            "goedemiddag",
            "goedenavond",
            "lieve",
            "zeer geachte",
        ],
        closings: &[
            "met vriendelijke groet",
            "met vriendelijke groeten",
            "met hartelijke groet",
            "met hartelijke groeten",
            "met collegiale groet",
            "met vriendelijke en collegiale groet",
            "vriendelijke groet",
            "vriendelijke groeten",
            "hartelijke groet",
            "hartelijke groeten",
            "hartelijke dank",
            "groet",
            "groeten",
            "hoogachtend",
            "mvg",
            "gr",
            "bedankt",
            "dank u",
            "dank je",
            "alvast bedankt",
        ],
        subject_prefixes: &["antw", "doorst", "re", "fw", "fwd"],
        case_labels: &[
            "ons kenmerk",
            "uw kenmerk",
            "kenmerk",
            "onze referentie",
            "uw referentie",
            "zaaknummer",
            "zaaknr",
            "dossiernummer",
            "registratienummer",
        ],
        disclaimer_phrases: &[
            "dit bericht kan informatie bevatten die niet voor u is bestemd",
            "aanvaardt geen aansprakelijkheid",
            "disclaimer:",
            "waarschuwing:",
            "de informatie verzonden met dit e-mailbericht",
            "de informatie in dit e-mailbericht",
            "dit e-mailbericht is uitsluitend bestemd voor",
            "dit bericht is uitsluitend bestemd voor",
        ],
        sent_from: &[
            "verzonden vanaf mijn",
            "verstuurd vanaf mijn",
            "verzonden met",
            "verstuurd met",
        ],
    },
    Lang {
        code: "en",
        labels: &[
            ("from", From),
            ("sent", Date),
            ("date", Date),
            ("sent on", Date),
            ("to", To),
            ("cc", Cc),
            ("bcc", Bcc),
            ("subject", Subject),
            ("subj", Subject),
            ("attachments", Attachments),
            ("attachment", Attachments),
            ("importance", Importance),
            ("priority", Importance),
            ("reply-to", ReplyTo),
            ("reply to", ReplyTo),
            ("sent by", Sender),
        ],
        on_behalf: &["on behalf of"],
        separators: &[
            "original message",
            "reply message",
            "forwarded message",
            "forwarded by",
            "begin forwarded message",
            "message forwarded",
        ],
        attribution_starts: &["on"],
        attribution_verbs: &["wrote", "writes", "sent"],
        attribution_fillers: &[],
        months: &[
            ("january", 1),
            ("jan", 1),
            ("february", 2),
            ("feb", 2),
            ("march", 3),
            ("mar", 3),
            ("april", 4),
            ("apr", 4),
            ("may", 5),
            ("june", 6),
            ("jun", 6),
            ("july", 7),
            ("jul", 7),
            ("august", 8),
            ("aug", 8),
            ("september", 9),
            ("sep", 9),
            ("sept", 9),
            ("october", 10),
            ("oct", 10),
            ("november", 11),
            ("nov", 11),
            ("december", 12),
            ("dec", 12),
        ],
        weekdays: &[
            "sunday",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sun",
            "mon",
            "tue",
            "tues",
            "wed",
            "thu",
            "thur",
            "thurs",
            "fri",
            "sat",
        ],
        date_fillers: &["at", "the", "of"],
        day_first: false,
        greetings: &[
            "dear",
            "hi",
            "hello",
            "hey",
            "good morning",
            "good afternoon",
            "good evening",
            "greetings",
            "to whom it may concern",
        ],
        closings: &[
            "best regards",
            "kind regards",
            "warm regards",
            "warmest regards",
            "regards",
            "many thanks",
            "thanks",
            "thank you",
            "thanks again",
            "thanks in advance",
            "best",
            "best wishes",
            "all the best",
            "cheers",
            "sincerely",
            "yours sincerely",
            "sincerely yours",
            "yours faithfully",
            "yours truly",
            "respectfully",
            "with best regards",
            "with kind regards",
        ],
        subject_prefixes: &["re", "fw", "fwd"],
        case_labels: &[
            "our ref",
            "your ref",
            "our reference",
            "your reference",
            "case no",
            "case number",
            "file no",
            "ref",
        ],
        disclaimer_phrases: &[
            "this message may contain information that is not intended for you",
            "accepts no liability",
            "this e-mail and any attachments",
            "this email and any attachments",
            "this email and any files",
            "this e-mail and any files",
            "this message and any attachments",
            "the information contained in this",
            "the information in this e-mail",
            "the information in this email",
            "confidentiality notice",
            "confidential notice",
            "privileged and confidential",
            "disclaimer:",
            "caution:",
            "if you are not the intended recipient",
        ],
        sent_from: &[
            "sent from my",
            "get outlook for",
            "sent from outlook",
            "sent from mail for",
            "sent from yahoo mail",
            "sent from typeapp",
            "sent from bluemail",
            "sent from mailbird",
            "sent from protonmail",
            "sent from samsung",
            "sent via",
            "sent with",
        ],
    },
    Lang {
        code: "de",
        labels: &[
            ("von", From),
            ("gesendet", Date),
            ("datum", Date),
            ("an", To),
            ("cc", Cc),
            ("kopie", Cc),
            ("kopie (cc)", Cc),
            ("bcc", Bcc),
            ("blindkopie", Bcc),
            ("betreff", Subject),
            ("anlagen", Attachments),
            ("anhang", Attachments),
            ("wichtigkeit", Importance),
            ("antwort an", ReplyTo),
        ],
        on_behalf: &["im auftrag von"],
        separators: &[
            "ursprüngliche nachricht",
            "originalnachricht",
            "weitergeleitete nachricht",
            "anfang der weitergeleiteten nachricht",
            "antwort nachricht",
        ],
        attribution_starts: &["am"],
        attribution_verbs: &["schrieb", "geschrieben"],
        attribution_fillers: &[],
        months: &[
            ("januar", 1),
            ("jänner", 1),
            ("jan", 1),
            ("februar", 2),
            ("feb", 2),
            ("märz", 3),
            ("mär", 3),
            ("mrz", 3),
            ("april", 4),
            ("apr", 4),
            ("mai", 5),
            ("juni", 6),
            ("jun", 6),
            ("juli", 7),
            ("jul", 7),
            ("august", 8),
            ("aug", 8),
            ("september", 9),
            ("sep", 9),
            ("sept", 9),
            ("oktober", 10),
            ("okt", 10),
            ("november", 11),
            ("nov", 11),
            ("dezember", 12),
            ("dez", 12),
        ],
        weekdays: &[
            "sonntag",
            "montag",
            "dienstag",
            "mittwoch",
            "donnerstag",
            "freitag",
            "samstag",
            "sonnabend",
            "so",
            "mo",
            "di",
            "mi",
            "do",
            "fr",
            "sa",
        ],
        date_fillers: &["um", "uhr", "den"],
        day_first: true,
        greetings: &[
            "sehr geehrte",
            "sehr geehrter",
            "sehr geehrtes",
            "liebe",
            "lieber",
            "hallo",
            "guten tag",
            "guten morgen",
            "guten abend",
            "moin",
            "servus",
            "grüß gott",
        ],
        closings: &[
            "mit freundlichen grüßen",
            "mit freundlichen grüssen",
            "mit freundlichem gruß",
            "mit freundlichem gruss",
            "freundliche grüße",
            "freundliche grüsse",
            "viele grüße",
            "viele grüsse",
            "beste grüße",
            "beste grüsse",
            "liebe grüße",
            "liebe grüsse",
            "herzliche grüße",
            "gruß",
            "gruss",
            "grüße",
            "mfg",
            "vg",
            "lg",
        ],
        subject_prefixes: &["aw", "wg", "wtr"],
        case_labels: &[
            "aktenzeichen",
            "az",
            "unser zeichen",
            "ihr zeichen",
            "geschäftszeichen",
            "gz",
        ],
        disclaimer_phrases: &[
            "diese e-mail enthält vertrauliche",
            "diese nachricht enthält vertrauliche",
            "wichtiger hinweis:",
            "hinweis:",
            "achtung:",
            "dieses e-mail ist ausschliesslich",
        ],
        sent_from: &["gesendet von", "von meinem iphone gesendet", "von meinem"],
    },
    Lang {
        code: "fr",
        labels: &[
            ("de", From),
            ("expéditeur", From),
            ("envoyé", Date),
            ("envoyé le", Date),
            ("date", Date),
            ("message du", Date),
            ("à", To),
            ("a", To),
            ("pour", To),
            ("destinataire", To),
            ("cc", Cc),
            ("copie à", Cc),
            ("cci", Bcc),
            ("objet", Subject),
            ("sujet", Subject),
            ("pièces jointes", Attachments),
            ("importance", Importance),
            ("répondre à", ReplyTo),
        ],
        on_behalf: &["de la part de"],
        separators: &[
            "message d'origine",
            "message d’origine",
            "message original",
            "message transféré",
            "message transmis",
            "début du message réexpédié",
            "début du message transféré",
        ],
        attribution_starts: &["le"],
        attribution_verbs: &["a écrit", "écrit"],
        attribution_fillers: &[],
        months: &[
            ("janvier", 1),
            ("janv", 1),
            ("jan", 1),
            ("février", 2),
            ("févr", 2),
            ("fév", 2),
            ("fevrier", 2),
            ("mars", 3),
            ("avril", 4),
            ("avr", 4),
            ("mai", 5),
            ("juin", 6),
            ("juillet", 7),
            ("juil", 7),
            ("août", 8),
            ("aout", 8),
            ("septembre", 9),
            ("sept", 9),
            ("octobre", 10),
            ("oct", 10),
            ("novembre", 11),
            ("nov", 11),
            ("décembre", 12),
            ("déc", 12),
            ("decembre", 12),
        ],
        weekdays: &[
            "dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dim", "lun",
            "mar", "mer", "jeu", "ven", "sam",
        ],
        date_fillers: &["à", "le", "h"],
        day_first: true,
        greetings: &[
            "bonjour", "bonsoir", "madame", "monsieur", "cher", "chère", "chers", "salut",
        ],
        closings: &[
            "cordialement",
            "bien cordialement",
            "très cordialement",
            "salutations",
            "meilleures salutations",
            "sincères salutations",
            "bien à vous",
            "bonne journée",
            "bonne réception",
            "amicalement",
            "merci",
        ],
        subject_prefixes: &["re", "tr", "fwd"],
        case_labels: &[
            "notre référence",
            "votre référence",
            "n/réf",
            "v/réf",
            "réf",
            "dossier n°",
            "n° de dossier",
        ],
        disclaimer_phrases: &[
            "ce message et toutes les pièces jointes",
            "ce message et ses pièces jointes",
            "ce courriel et les documents",
            "ce message est confidentiel",
            "avertissement:",
            "avertissement :",
        ],
        sent_from: &["envoyé de mon", "envoyé depuis", "envoyé à partir de"],
    },
    Lang {
        code: "es",
        labels: &[
            ("de", From),
            ("remitente", From),
            ("enviado", Date),
            ("enviado el", Date),
            ("fecha", Date),
            ("para", To),
            ("cc", Cc),
            ("cco", Bcc),
            ("asunto", Subject),
            ("datos adjuntos", Attachments),
            ("importancia", Importance),
            ("responder a", ReplyTo),
        ],
        on_behalf: &["en nombre de"],
        separators: &[
            "mensaje original",
            "mensaje reenviado",
            "inicio del mensaje reenviado",
        ],
        attribution_starts: &["el"],
        attribution_verbs: &["escribió", "escribio", "ha escrit"],
        attribution_fillers: &[],
        months: &[
            ("enero", 1),
            ("ene", 1),
            ("febrero", 2),
            ("feb", 2),
            ("marzo", 3),
            ("mar", 3),
            ("abril", 4),
            ("abr", 4),
            ("mayo", 5),
            ("may", 5),
            ("junio", 6),
            ("jun", 6),
            ("julio", 7),
            ("jul", 7),
            ("agosto", 8),
            ("ago", 8),
            ("septiembre", 9),
            ("setiembre", 9),
            ("sep", 9),
            ("sept", 9),
            ("octubre", 10),
            ("oct", 10),
            ("noviembre", 11),
            ("nov", 11),
            ("diciembre", 12),
            ("dic", 12),
        ],
        weekdays: &[
            "domingo",
            "lunes",
            "martes",
            "miércoles",
            "miercoles",
            "jueves",
            "viernes",
            "sábado",
            "sabado",
            "dom",
            "lun",
            "mar",
            "mié",
            "mie",
            "jue",
            "vie",
            "sáb",
            "sab",
        ],
        date_fillers: &["de", "del", "a", "las", "la"],
        day_first: true,
        greetings: &[
            "estimado",
            "estimada",
            "estimados",
            "estimadas",
            "hola",
            "buenos días",
            "buenas tardes",
            "buenas noches",
            "querido",
            "querida",
        ],
        closings: &[
            "saludos",
            "saludos cordiales",
            "un saludo",
            "un cordial saludo",
            "atentamente",
            "cordialmente",
            "muchas gracias",
            "gracias",
        ],
        subject_prefixes: &["re", "rv", "reenviar"],
        case_labels: &[
            "expediente",
            "n.º de expediente",
            "nº de expediente",
            "nuestra referencia",
            "su referencia",
        ],
        disclaimer_phrases: &[
            "este mensaje y sus archivos adjuntos",
            "este mensaje se dirige exclusivamente",
            "aviso:",
            "confidencialidad:",
            "aviso legal",
        ],
        sent_from: &["enviado desde mi"],
    },
    Lang {
        code: "it",
        labels: &[
            ("da", From),
            ("mittente", From),
            ("inviato", Date),
            ("data", Date),
            ("a", To),
            ("destinatario", To),
            ("cc", Cc),
            ("ccn", Bcc),
            ("oggetto", Subject),
            ("allegati", Attachments),
            ("priorità", Importance),
            ("rispondi a", ReplyTo),
        ],
        on_behalf: &["per conto di"],
        separators: &[
            "messaggio originale",
            "messaggio inoltrato",
            "inizio messaggio inoltrato",
        ],
        attribution_starts: &["il giorno", "il"],
        attribution_verbs: &["ha scritto", "scritto"],
        attribution_fillers: &[],
        months: &[
            ("gennaio", 1),
            ("gen", 1),
            ("febbraio", 2),
            ("feb", 2),
            ("marzo", 3),
            ("mar", 3),
            ("aprile", 4),
            ("apr", 4),
            ("maggio", 5),
            ("mag", 5),
            ("giugno", 6),
            ("giu", 6),
            ("luglio", 7),
            ("lug", 7),
            ("agosto", 8),
            ("ago", 8),
            ("settembre", 9),
            ("set", 9),
            ("ottobre", 10),
            ("ott", 10),
            ("novembre", 11),
            ("nov", 11),
            ("dicembre", 12),
            ("dic", 12),
        ],
        weekdays: &[
            "domenica",
            "lunedì",
            "lunedi",
            "martedì",
            "martedi",
            "mercoledì",
            "mercoledi",
            "giovedì",
            "giovedi",
            "venerdì",
            "venerdi",
            "sabato",
            "dom",
            "lun",
            "mar",
            "mer",
            "gio",
            "ven",
            "sab",
        ],
        date_fillers: &["alle", "ore", "giorno", "il"],
        day_first: true,
        greetings: &[
            "gentile",
            "gentili",
            "egregio",
            "egregia",
            "caro",
            "cara",
            "cari",
            "buongiorno",
            "buonasera",
            "ciao",
            "salve",
        ],
        closings: &[
            "cordiali saluti",
            "distinti saluti",
            "saluti",
            "un saluto",
            "un cordiale saluto",
            "grazie",
            "cordialmente",
        ],
        subject_prefixes: &["r", "rif", "i"],
        case_labels: &["prot. n", "prot n", "protocollo", "rif"],
        disclaimer_phrases: &[
            "questo messaggio e i suoi allegati",
            "le informazioni contenute in questo messaggio",
            "questa e-mail e gli eventuali allegati",
        ],
        sent_from: &["inviato da"],
    },
    Lang {
        code: "pt",
        labels: &[
            ("de", From),
            ("enviada em", Date),
            ("enviada", Date),
            ("enviado", Date),
            ("enviado em", Date),
            ("data", Date),
            ("para", To),
            ("cc", Cc),
            ("cco", Bcc),
            ("assunto", Subject),
            ("anexos", Attachments),
            ("importância", Importance),
            ("responder a", ReplyTo),
        ],
        on_behalf: &["em nome de"],
        separators: &[
            "mensagem original",
            "mensagem encaminhada",
            "mensagem reencaminhada",
            "início da mensagem encaminhada",
            "início da mensagem reencaminhada",
        ],
        attribution_starts: &["em"],
        attribution_verbs: &["escreveu"],
        attribution_fillers: &[],
        months: &[
            ("janeiro", 1),
            ("jan", 1),
            ("fevereiro", 2),
            ("fev", 2),
            ("março", 3),
            ("marco", 3),
            ("mar", 3),
            ("abril", 4),
            ("abr", 4),
            ("maio", 5),
            ("mai", 5),
            ("junho", 6),
            ("jun", 6),
            ("julho", 7),
            ("jul", 7),
            ("agosto", 8),
            ("ago", 8),
            ("setembro", 9),
            ("set", 9),
            ("outubro", 10),
            ("out", 10),
            ("novembro", 11),
            ("nov", 11),
            ("dezembro", 12),
            ("dez", 12),
        ],
        weekdays: &[
            "domingo",
            "segunda-feira",
            "terça-feira",
            "quarta-feira",
            "quinta-feira",
            "sexta-feira",
            "sábado",
            "segunda",
            "terça",
            "quarta",
            "quinta",
            "sexta",
            "dom",
            "seg",
            "ter",
            "qua",
            "qui",
            "sex",
            "sáb",
        ],
        date_fillers: &["de", "às", "as", "à", "à(s)"],
        day_first: true,
        greetings: &[
            "prezado",
            "prezada",
            "prezados",
            "caro",
            "cara",
            "olá",
            "ola",
            "bom dia",
            "boa tarde",
            "boa noite",
            "exmo",
            "exma",
        ],
        closings: &[
            "atenciosamente",
            "cumprimentos",
            "melhores cumprimentos",
            "com os melhores cumprimentos",
            "abraço",
            "abraços",
            "obrigado",
            "obrigada",
        ],
        subject_prefixes: &["res", "enc", "encaminhar"],
        case_labels: &["processo nº", "processo n.º", "processo n", "referência"],
        disclaimer_phrases: &[
            "esta mensagem e seus anexos",
            "esta mensagem pode conter informação confidencial",
            "esta mensagem é destinada exclusivamente",
        ],
        sent_from: &["enviado do meu", "enviado de meu"],
    },
    Lang {
        code: "sv",
        labels: &[
            ("från", From),
            ("skickat", Date),
            ("datum", Date),
            ("till", To),
            ("kopia", Cc),
            ("hemlig kopia", Bcc),
            ("ämne", Subject),
            ("bifogade filer", Attachments),
            ("prioritet", Importance),
            ("svara till", ReplyTo),
        ],
        on_behalf: &["för", "för räkning av"],
        separators: &[
            "ursprungligt meddelande",
            "vidarebefordrat meddelande",
            "vidarebefordrat mejl",
        ],
        attribution_starts: &["den"],
        attribution_verbs: &["skrev"],
        attribution_fillers: &["följande"],
        months: &[
            ("januari", 1),
            ("jan", 1),
            ("februari", 2),
            ("feb", 2),
            ("mars", 3),
            ("mar", 3),
            ("april", 4),
            ("apr", 4),
            ("maj", 5),
            ("juni", 6),
            ("jun", 6),
            ("juli", 7),
            ("jul", 7),
            ("augusti", 8),
            ("aug", 8),
            ("september", 9),
            ("sep", 9),
            ("oktober", 10),
            ("okt", 10),
            ("november", 11),
            ("nov", 11),
            ("december", 12),
            ("dec", 12),
        ],
        weekdays: &[
            "söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "sön", "mån",
            "tis", "ons", "tor", "fre", "lör",
        ],
        date_fillers: &["den", "kl"],
        day_first: true,
        greetings: &["hej", "hejsan", "bästa", "kära", "god morgon", "hallå"],
        closings: &[
            "med vänliga hälsningar",
            "med vänlig hälsning",
            "vänliga hälsningar",
            "vänlig hälsning",
            "hälsningar",
            "mvh",
            "tack",
        ],
        subject_prefixes: &["sv", "vb"],
        case_labels: &["dnr", "diarienummer", "ärendenummer"],
        disclaimer_phrases: &["detta e-postmeddelande", "varning:", "observera:"],
        sent_from: &["skickat från min"],
    },
    Lang {
        code: "da",
        labels: &[
            ("fra", From),
            ("sendt", Date),
            ("dato", Date),
            ("til", To),
            ("cc", Cc),
            ("bcc", Bcc),
            ("emne", Subject),
            ("vedhæftede filer", Attachments),
            ("prioritet", Importance),
            ("svar til", ReplyTo),
        ],
        on_behalf: &["på vegne af"],
        separators: &[
            "oprindelig meddelelse",
            "oprindelig besked",
            "videresendt meddelelse",
            "videresendt besked",
            "start på videresendt besked",
        ],
        attribution_starts: &["d", "den"],
        attribution_verbs: &["skrev"],
        attribution_fillers: &[],
        months: &[
            ("januar", 1),
            ("jan", 1),
            ("februar", 2),
            ("feb", 2),
            ("marts", 3),
            ("mar", 3),
            ("april", 4),
            ("apr", 4),
            ("maj", 5),
            ("juni", 6),
            ("jun", 6),
            ("juli", 7),
            ("jul", 7),
            ("august", 8),
            ("aug", 8),
            ("september", 9),
            ("sep", 9),
            ("oktober", 10),
            ("okt", 10),
            ("november", 11),
            ("nov", 11),
            ("december", 12),
            ("dec", 12),
        ],
        weekdays: &[
            "søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søn", "man",
            "tir", "ons", "tor", "fre", "lør",
        ],
        date_fillers: &["den", "kl"],
        day_first: true,
        greetings: &["kære", "hej", "goddag", "god morgen"],
        closings: &[
            "med venlig hilsen",
            "venlig hilsen",
            "de bedste hilsner",
            "bedste hilsner",
            "hilsen",
            "mvh",
            "vh",
            "kh",
            "tak",
        ],
        subject_prefixes: &["sv", "vs", "vb"],
        case_labels: &["j.nr", "journalnummer", "sagsnr", "sagsnummer"],
        disclaimer_phrases: &["advarsel:", "bemærk:", "fortroligt:", "denne e-mail"],
        sent_from: &["sendt fra min", "hent outlook til"],
    },
    Lang {
        code: "no",
        labels: &[
            ("fra", From),
            ("sendt", Date),
            ("dato", Date),
            ("til", To),
            ("kopi", Cc),
            ("blindkopi", Bcc),
            ("emne", Subject),
            ("vedlegg", Attachments),
            ("svar til", ReplyTo),
        ],
        on_behalf: &["på vegne av"],
        separators: &[
            "opprinnelig melding",
            "videresendt melding",
            "videresendt e-post",
        ],
        attribution_starts: &["den"],
        attribution_verbs: &["skrev"],
        attribution_fillers: &["følgende"],
        months: &[
            ("januar", 1),
            ("jan", 1),
            ("februar", 2),
            ("feb", 2),
            ("mars", 3),
            ("mar", 3),
            ("april", 4),
            ("apr", 4),
            ("mai", 5),
            ("juni", 6),
            ("jun", 6),
            ("juli", 7),
            ("jul", 7),
            ("august", 8),
            ("aug", 8),
            ("september", 9),
            ("sep", 9),
            ("oktober", 10),
            ("okt", 10),
            ("november", 11),
            ("nov", 11),
            ("desember", 12),
            ("des", 12),
        ],
        weekdays: &[
            "søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søn", "man",
            "tir", "ons", "tor", "fre", "lør", "sø", "ma", "ti", "on", "to", "fr", "lø",
        ],
        date_fillers: &["den", "kl"],
        day_first: true,
        greetings: &["hei", "kjære", "god morgen", "hallo"],
        closings: &[
            "med vennlig hilsen",
            "vennlig hilsen",
            "mvh",
            "hilsen",
            "beste hilsen",
            "takk",
        ],
        subject_prefixes: &["sv", "vs", "videresend"],
        case_labels: &["saksnr", "saksnummer", "vår ref", "deres ref"],
        disclaimer_phrases: &["denne e-posten", "denne meldingen"],
        sent_from: &["sendt fra min"],
    },
    Lang {
        code: "fi",
        labels: &[
            ("lähettäjä", From),
            ("lähetetty", Date),
            ("päivämäärä", Date),
            ("päiväys", Date),
            ("vastaanottaja", To),
            ("kopio", Cc),
            ("piilokopio", Bcc),
            ("aihe", Subject),
            ("liitteet", Attachments),
            ("tärkeys", Importance),
            ("vastaus", ReplyTo),
        ],
        on_behalf: &["puolesta"],
        separators: &[
            "alkuperäinen viesti",
            "välitetty viesti",
            "välitetty viesti alkaa",
            "välitetty viesti / fwd.msg",
        ],
        attribution_starts: &[],
        attribution_verbs: &["kirjoitti"],
        attribution_fillers: &[],
        months: &[
            ("tammikuuta", 1),
            ("tammikuu", 1),
            ("tammi", 1),
            ("tammik", 1),
            ("helmikuuta", 2),
            ("helmikuu", 2),
            ("helmi", 2),
            ("helmik", 2),
            ("maaliskuuta", 3),
            ("maaliskuu", 3),
            ("maalis", 3),
            ("maalisk", 3),
            ("huhtikuuta", 4),
            ("huhtikuu", 4),
            ("huhti", 4),
            ("huhtik", 4),
            ("toukokuuta", 5),
            ("toukokuu", 5),
            ("touko", 5),
            ("toukok", 5),
            ("kesäkuuta", 6),
            ("kesäkuu", 6),
            ("kesä", 6),
            ("kesäk", 6),
            ("heinäkuuta", 7),
            ("heinäkuu", 7),
            ("heinä", 7),
            ("heinäk", 7),
            ("elokuuta", 8),
            ("elokuu", 8),
            ("elo", 8),
            ("elok", 8),
            ("syyskuuta", 9),
            ("syyskuu", 9),
            ("syys", 9),
            ("syysk", 9),
            ("lokakuuta", 10),
            ("lokakuu", 10),
            ("loka", 10),
            ("lokak", 10),
            ("marraskuuta", 11),
            ("marraskuu", 11),
            ("marras", 11),
            ("marrask", 11),
            ("joulukuuta", 12),
            ("joulukuu", 12),
            ("joulu", 12),
            ("jouluk", 12),
        ],
        weekdays: &[
            "sunnuntai",
            "maanantai",
            "tiistai",
            "keskiviikko",
            "torstai",
            "perjantai",
            "lauantai",
            "sunnuntaina",
            "maanantaina",
            "tiistaina",
            "keskiviikkona",
            "torstaina",
            "perjantaina",
            "lauantaina",
            "su",
            "ma",
            "ti",
            "ke",
            "to",
            "pe",
            "la",
        ],
        date_fillers: &["klo", "kello"],
        day_first: true,
        greetings: &["hei", "moi", "hyvä", "terve", "arvoisa"],
        closings: &[
            "ystävällisin terveisin",
            "parhain terveisin",
            "terveisin",
            "kiitos",
        ],
        subject_prefixes: &["vs", "vl"],
        case_labels: &["dnro", "diaarinumero", "asianumero"],
        disclaimer_phrases: &["tämä viesti", "tämä sähköposti"],
        sent_from: &["lähetetty iphonesta", "lähetetty laitteesta"],
    },
    Lang {
        code: "pl",
        labels: &[
            ("od", From),
            ("nadawca", From),
            ("wysłano", Date),
            ("wysłane", Date),
            ("data", Date),
            ("do", To),
            ("adresat", To),
            ("dw", Cc),
            ("kopia", Cc),
            ("udw", Bcc),
            ("temat", Subject),
            ("załączniki", Attachments),
            ("ważność", Importance),
            ("odpowiedź-do", ReplyTo),
        ],
        on_behalf: &["w imieniu"],
        separators: &[
            "wiadomość oryginalna",
            "oryginalna wiadomość",
            "treść przekazanej wiadomości",
            "przekazana wiadomość",
            "początek przekazywanej wiadomości",
        ],
        attribution_starts: &["dnia", "w dniu"],
        attribution_verbs: &["napisał(a)", "napisał", "napisała", "pisze"],
        attribution_fillers: &["użytkownik"],
        months: &[
            ("stycznia", 1),
            ("styczeń", 1),
            ("sty", 1),
            ("lutego", 2),
            ("luty", 2),
            ("lut", 2),
            ("marca", 3),
            ("marzec", 3),
            ("mar", 3),
            ("kwietnia", 4),
            ("kwiecień", 4),
            ("kwi", 4),
            ("maja", 5),
            ("maj", 5),
            ("czerwca", 6),
            ("czerwiec", 6),
            ("cze", 6),
            ("lipca", 7),
            ("lipiec", 7),
            ("lip", 7),
            ("sierpnia", 8),
            ("sierpień", 8),
            ("sie", 8),
            ("września", 9),
            ("wrzesień", 9),
            ("wrz", 9),
            ("października", 10),
            ("październik", 10),
            ("paź", 10),
            ("listopada", 11),
            ("listopad", 11),
            ("lis", 11),
            ("grudnia", 12),
            ("grudzień", 12),
            ("gru", 12),
        ],
        weekdays: &[
            "niedziela",
            "poniedziałek",
            "wtorek",
            "środa",
            "czwartek",
            "piątek",
            "sobota",
            "niedz",
            "nie",
            "pon",
            "wt",
            "wto",
            "śr",
            "śro",
            "czw",
            "pt",
            "pią",
            "sob",
        ],
        date_fillers: &["o", "godz"],
        day_first: true,
        greetings: &[
            "szanowny",
            "szanowna",
            "szanowni",
            "dzień dobry",
            "witam",
            "cześć",
            "drogi",
            "droga",
        ],
        closings: &[
            "z poważaniem",
            "z powazaniem",
            "pozdrawiam",
            "pozdrawiam serdecznie",
            "serdecznie pozdrawiam",
            "z wyrazami szacunku",
            "dziękuję",
        ],
        subject_prefixes: &["odp", "pd", "prz"],
        case_labels: &["znak sprawy", "sygnatura", "nr sprawy"],
        disclaimer_phrases: &["uwaga:", "ta wiadomość"],
        sent_from: &["wysłano z", "wysłane z"],
    },
    Lang {
        code: "cs",
        labels: &[
            ("od", From),
            ("odesláno", Date),
            ("datum", Date),
            ("komu", To),
            ("kopie", Cc),
            ("skrytá kopie", Bcc),
            ("předmět", Subject),
            ("přílohy", Attachments),
            ("důležitost", Importance),
            ("odpověď na", ReplyTo),
        ],
        on_behalf: &["jménem"],
        separators: &[
            "původní zpráva",
            "přeposlaná zpráva",
            "začátek přeposílané zprávy",
        ],
        attribution_starts: &["dne"],
        attribution_verbs: &["napsal(a)", "napsal", "napsala"],
        attribution_fillers: &[],
        months: &[
            ("ledna", 1),
            ("leden", 1),
            ("led", 1),
            ("února", 2),
            ("únor", 2),
            ("úno", 2),
            ("března", 3),
            ("březen", 3),
            ("bře", 3),
            ("dubna", 4),
            ("duben", 4),
            ("dub", 4),
            ("května", 5),
            ("květen", 5),
            ("kvě", 5),
            ("června", 6),
            ("červen", 6),
            ("čer", 6),
            ("čen", 6),
            ("července", 7),
            ("červenec", 7),
            ("čec", 7),
            ("srpna", 8),
            ("srpen", 8),
            ("srp", 8),
            ("září", 9),
            ("zář", 9),
            ("října", 10),
            ("říjen", 10),
            ("říj", 10),
            ("listopadu", 11),
            ("listopad", 11),
            ("lis", 11),
            ("prosince", 12),
            ("prosinec", 12),
            ("pro", 12),
        ],
        weekdays: &[
            "neděle",
            "pondělí",
            "úterý",
            "středa",
            "čtvrtek",
            "pátek",
            "sobota",
            "ne",
            "po",
            "út",
            "st",
            "čt",
            "pá",
            "so",
        ],
        date_fillers: &["v"],
        day_first: true,
        greetings: &[
            "vážený",
            "vážená",
            "vážení",
            "dobrý den",
            "ahoj",
            "milý",
            "milá",
        ],
        closings: &["s pozdravem", "s přátelským pozdravem", "s úctou", "děkuji"],
        subject_prefixes: &["odp", "fw"],
        case_labels: &["č.j", "č. j", "číslo jednací", "spisová značka", "sp. zn"],
        disclaimer_phrases: &["upozornění:", "důvěrné:"],
        sent_from: &["odesláno z mého"],
    },
    Lang {
        code: "hu",
        labels: &[
            ("feladó", From),
            ("dátum", Date),
            ("elküldve", Date),
            ("küldve", Date),
            ("címzett", To),
            ("másolatot kap", Cc),
            ("másolat", Cc),
            ("titkos másolat", Bcc),
            ("tárgy", Subject),
            ("mellékletek", Attachments),
            ("fontosság", Importance),
        ],
        on_behalf: &["nevében"],
        separators: &["eredeti üzenet", "továbbított üzenet"],
        attribution_starts: &[],
        attribution_verbs: &["ezt írta", "írta"],
        attribution_fillers: &["időpontban"],
        months: &[
            ("január", 1),
            ("jan", 1),
            ("február", 2),
            ("febr", 2),
            ("március", 3),
            ("márc", 3),
            ("április", 4),
            ("ápr", 4),
            ("május", 5),
            ("máj", 5),
            ("június", 6),
            ("jún", 6),
            ("július", 7),
            ("júl", 7),
            ("augusztus", 8),
            ("aug", 8),
            ("szeptember", 9),
            ("szept", 9),
            ("október", 10),
            ("okt", 10),
            ("november", 11),
            ("nov", 11),
            ("december", 12),
            ("dec", 12),
        ],
        weekdays: &[
            "vasárnap",
            "hétfő",
            "kedd",
            "szerda",
            "csütörtök",
            "péntek",
            "szombat",
        ],
        date_fillers: &[],
        day_first: true,
        greetings: &["kedves", "tisztelt", "szia", "jó napot"],
        closings: &["üdvözlettel", "tisztelettel", "köszönöm"],
        subject_prefixes: &["vá", "továbbítás"],
        case_labels: &["ügyszám", "iktatószám"],
        disclaimer_phrases: &[],
        sent_from: &[],
    },
    Lang {
        code: "ru",
        labels: &[
            ("от", From),
            ("отправлено", Date),
            ("дата", Date),
            ("кому", To),
            ("копия", Cc),
            ("скрытая копия", Bcc),
            ("тема", Subject),
            ("вложения", Attachments),
            ("важность", Importance),
        ],
        on_behalf: &["от имени"],
        separators: &[
            "исходное сообщение",
            "пересылаемое сообщение",
            "пересланное сообщение",
        ],
        attribution_starts: &[],
        attribution_verbs: &["написал(а)", "написал", "написала", "пишет"],
        attribution_fillers: &["пользователь"],
        months: &[
            ("января", 1),
            ("январь", 1),
            ("янв", 1),
            ("февраля", 2),
            ("февраль", 2),
            ("фев", 2),
            ("марта", 3),
            ("март", 3),
            ("мар", 3),
            ("апреля", 4),
            ("апрель", 4),
            ("апр", 4),
            ("мая", 5),
            ("май", 5),
            ("июня", 6),
            ("июнь", 6),
            ("июн", 6),
            ("июля", 7),
            ("июль", 7),
            ("июл", 7),
            ("августа", 8),
            ("август", 8),
            ("авг", 8),
            ("сентября", 9),
            ("сентябрь", 9),
            ("сен", 9),
            ("октября", 10),
            ("октябрь", 10),
            ("окт", 10),
            ("ноября", 11),
            ("ноябрь", 11),
            ("ноя", 11),
            ("декабря", 12),
            ("декабрь", 12),
            ("дек", 12),
        ],
        weekdays: &[
            "воскресенье",
            "понедельник",
            "вторник",
            "среда",
            "четверг",
            "пятница",
            "суббота",
            "вс",
            "пн",
            "вт",
            "ср",
            "чт",
            "пт",
            "сб",
        ],
        date_fillers: &["г", "в"],
        day_first: true,
        greetings: &[
            "здравствуйте",
            "уважаемый",
            "уважаемая",
            "добрый день",
            "привет",
        ],
        closings: &["с уважением", "с наилучшими пожеланиями", "спасибо"],
        subject_prefixes: &["ответ", "пересл"],
        case_labels: &["исх. №", "номер дела"],
        disclaimer_phrases: &[],
        sent_from: &[],
    },
    Lang {
        code: "uk",
        labels: &[
            ("від", From),
            ("надіслано", Date),
            ("дата", Date),
            ("кому", To),
            ("копія", Cc),
            ("тема", Subject),
        ],
        on_behalf: &["від імені"],
        separators: &["оригінальне повідомлення", "переслане повідомлення"],
        attribution_starts: &[],
        attribution_verbs: &["написав(ла)", "написав", "написала", "пише"],
        attribution_fillers: &["користувач"],
        months: &[
            ("січня", 1),
            ("лютого", 2),
            ("березня", 3),
            ("квітня", 4),
            ("травня", 5),
            ("червня", 6),
            ("липня", 7),
            ("серпня", 8),
            ("вересня", 9),
            ("жовтня", 10),
            ("листопада", 11),
            ("грудня", 12),
            ("січ", 1),
            ("лют", 2),
            ("бер", 3),
            ("квіт", 4),
            ("трав", 5),
            ("черв", 6),
            ("лип", 7),
            ("серп", 8),
            ("вер", 9),
            ("жовт", 10),
            ("лист", 11),
            ("груд", 12),
        ],
        weekdays: &[
            "неділя",
            "понеділок",
            "вівторок",
            "середа",
            "четвер",
            "пʼятниця",
            "пятниця",
            "субота",
            "нд",
            "пн",
            "вт",
            "ср",
            "чт",
            "пт",
            "сб",
        ],
        date_fillers: &["р", "р.", "о", "об"],
        day_first: true,
        greetings: &[
            "доброго дня",
            "добрий день",
            "шановний",
            "шановна",
            "вітаю",
            "привіт",
        ],
        closings: &["з повагою", "дякую"],
        subject_prefixes: &["відп", "пересл"],
        case_labels: &[],
        disclaimer_phrases: &[],
        sent_from: &[],
    },
    Lang {
        code: "zh",
        labels: &[
            ("发件人", From),
            ("寄件者", From),
            ("发送时间", Date),
            ("日期", Date),
            ("时间", Date),
            ("收件人", To),
            ("抄送", Cc),
            ("密送", Bcc),
            ("主题", Subject),
            ("主旨", Subject),
            ("附件", Attachments),
        ],
        on_behalf: &["代表"],
        separators: &["原始邮件", "转发邮件"],
        attribution_starts: &[],
        attribution_verbs: &["写道"],
        attribution_fillers: &[],
        months: &[],
        weekdays: &[
            "星期一",
            "星期二",
            "星期三",
            "星期四",
            "星期五",
            "星期六",
            "星期日",
            "周一",
            "周二",
            "周三",
            "周四",
            "周五",
            "周六",
            "周日",
        ],
        date_fillers: &[],
        day_first: false,
        greetings: &["您好", "你好"],
        closings: &["此致", "谢谢"],
        subject_prefixes: &["回复", "答复", "转发"],
        case_labels: &[],
        disclaimer_phrases: &[],
        sent_from: &[],
    },
    Lang {
        code: "ja",
        labels: &[
            ("差出人", From),
            ("送信者", From),
            ("送信日時", Date),
            ("日付", Date),
            ("宛先", To),
            ("cc", Cc),
            ("bcc", Bcc),
            ("件名", Subject),
            ("添付ファイル", Attachments),
            ("重要度", Importance),
        ],
        on_behalf: &["の代理"],
        separators: &["元のメッセージ", "転送されたメッセージ", "転送メッセージ"],
        attribution_starts: &[],
        attribution_verbs: &["のメッセージ", "さんは書きました", "書きました"],
        attribution_fillers: &[],
        months: &[],
        weekdays: &[
            "月",
            "火",
            "水",
            "木",
            "金",
            "土",
            "日",
            "月曜日",
            "火曜日",
            "水曜日",
            "木曜日",
            "金曜日",
            "土曜日",
            "日曜日",
        ],
        date_fillers: &[],
        day_first: false,
        greetings: &["お世話になっております", "お疲れ様です"],
        closings: &[
            "よろしくお願いいたします",
            "よろしくお願いします",
            "以上、よろしくお願いいたします",
        ],
        subject_prefixes: &["返信", "転送"],
        case_labels: &[],
        disclaimer_phrases: &[],
        sent_from: &["iphoneから送信"],
    },
    Lang {
        code: "ko",
        labels: &[
            ("보낸 사람", From),
            ("보낸사람", From),
            ("보낸 날짜", Date),
            ("날짜", Date),
            ("받는 사람", To),
            ("받는사람", To),
            ("참조", Cc),
            ("숨은 참조", Bcc),
            ("제목", Subject),
            ("첨부", Attachments),
            ("중요도", Importance),
        ],
        on_behalf: &["대신"],
        separators: &["원본 메시지", "전달된 메시지", "전달된 메일"],
        attribution_starts: &[],
        attribution_verbs: &["작성", "님이 작성"],
        attribution_fillers: &[],
        months: &[],
        weekdays: &[
            "월",
            "화",
            "수",
            "목",
            "금",
            "토",
            "일",
            "월요일",
            "화요일",
            "수요일",
            "목요일",
            "금요일",
            "토요일",
            "일요일",
        ],
        date_fillers: &[],
        day_first: false,
        greetings: &["안녕하세요"],
        closings: &["감사합니다", "감사합니다 드림"],
        subject_prefixes: &["회신", "전달", "답장"],
        case_labels: &[],
        disclaimer_phrases: &[],
        sent_from: &["iphone에서 보냄"],
    },
    Lang {
        code: "tr",
        labels: &[
            ("kimden", From),
            ("gönderildi", Date),
            ("tarih", Date),
            ("kime", To),
            ("bilgi", Cc),
            ("gizli", Bcc),
            ("konu", Subject),
            ("ekler", Attachments),
            ("önem", Importance),
        ],
        on_behalf: &["adına"],
        separators: &["özgün ileti", "orijinal mesaj", "iletilen ileti"],
        attribution_starts: &[],
        attribution_verbs: &["şunu yazdı", "yazdı"],
        attribution_fillers: &["tarihinde"],
        months: &[
            ("ocak", 1),
            ("oca", 1),
            ("şubat", 2),
            ("şub", 2),
            ("mart", 3),
            ("mar", 3),
            ("nisan", 4),
            ("nis", 4),
            ("mayıs", 5),
            ("may", 5),
            ("haziran", 6),
            ("haz", 6),
            ("temmuz", 7),
            ("tem", 7),
            ("ağustos", 8),
            ("ağu", 8),
            ("eylül", 9),
            ("eyl", 9),
            ("ekim", 10),
            ("eki", 10),
            ("kasım", 11),
            ("kas", 11),
            ("aralık", 12),
            ("ara", 12),
        ],
        weekdays: &[
            "pazar",
            "pazartesi",
            "salı",
            "çarşamba",
            "perşembe",
            "cuma",
            "cumartesi",
        ],
        date_fillers: &[],
        day_first: true,
        greetings: &["sayın", "merhaba", "iyi günler", "değerli"],
        closings: &["saygılarımla", "iyi çalışmalar", "teşekkürler"],
        subject_prefixes: &["ynt", "ilt", "i̇lt", "yml"],
        case_labels: &["dosya no"],
        disclaimer_phrases: &[],
        sent_from: &[],
    },
];

/// Time-zone abbreviations seen in mail dates, with their offset from UTC in
/// minutes.
pub(crate) static ZONES: &[(&str, i32)] = &[
    ("ut", 0),
    ("utc", 0),
    ("gmt", 0),
    ("z", 0),
    ("wet", 0),
    ("west", 60),
    ("bst", 60),
    ("cet", 60),
    ("cest", 120),
    ("met", 60),
    ("mest", 120),
    ("mez", 60),
    ("mesz", 120),
    ("eet", 120),
    ("eest", 180),
    ("oez", 120),
    ("oesz", 180),
    ("seč", 60),
    ("sel", 120),
    ("msk", 180),
    ("est", -300),
    ("edt", -240),
    ("cst", -360),
    ("cdt", -300),
    ("mst", -420),
    ("mdt", -360),
    ("pst", -480),
    ("pdt", -420),
    ("akst", -540),
    ("akdt", -480),
    ("hst", -600),
    ("ist", 330),
    ("jst", 540),
    ("kst", 540),
    ("aest", 600),
    ("aedt", 660),
];

/// Subject prefixes every client writes whatever its language.
static COMMON_SUBJECT_PREFIXES: &[&str] = &[
    "re",
    "fw",
    "fwd",
    "aw",
    "wg",
    "antw",
    "doorst",
    "tr",
    "rv",
    "sv",
    "vs",
    "vb",
    "odp",
    "pd",
    "res",
    "enc",
    "r",
    "rif",
    "i",
    "vl",
    "ynt",
    "ilt",
    "redir",
    "videresend",
    "atb",
    "bls",
    "ref",
    "fs",
    "trs",
    "rcpt",
    "回复",
    "转发",
    "回覆",
    "轉寄",
];

/// A map of the tables: their keys are the crate's own words, so a fast
/// hash that no one can be fed collisions for does.
pub(crate) type Map<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// A set of the tables' words, hashed as [`Map`] is.
pub(crate) type Set<K> = HashSet<K, BuildHasherDefault<WordHasher>>;

/// The FxHash function (rustc's): a multiply and a rotate per eight
/// bytes, where the standard SipHash takes several rounds.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct WordHasher(u64);

impl WordHasher {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(Self::SEED);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0; 8];
            // OK because `rest` holds fewer than eight bytes.
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The lookups built from [`LANGS`], once per process.
pub(crate) struct Tables {
    /// Header label (lower case, single spaces) to field and language.
    pub labels: Map<&'static str, (HeaderField, &'static str)>,
    /// The longest label, in bytes.
    pub longest_label: usize,
    /// The ASCII bytes a label ends with (labels are lower case): text
    /// that ends with another ASCII byte ends with no label.
    pub label_last_bytes: [bool; 128],
    /// Month name to number.
    pub months: Map<&'static str, u32>,
    /// Weekday names and date filler words, with a flag set for weekdays.
    pub date_words: Map<&'static str, bool>,
    /// Time-zone abbreviations to offsets in minutes.
    pub zones: Map<&'static str, i32>,
    /// Separator phrases.
    pub separators: Map<&'static str, &'static str>,
    /// The longest separator phrase, in bytes.
    pub longest_separator: usize,
    /// Subject prefixes.
    pub subject_prefixes: Map<&'static str, ()>,
}

/// Header labels as OCR damages them, and the label each stands for
/// (lower case). Seen in the RIVM Woo OCR (`domain.md` §1, "RIVM Woo
/// OCR": `ce` for `Cc:`, `rrom:` for `From:`) and the State Department
/// OCR; the generic confusions (`rn` for `m`, `0` for `o`, `1` for `l`) and
/// one-letter slips in longer labels are repaired in `split` without an
/// entry here.
pub(crate) static OCR_LABELS: &[(&str, &str)] = &[
    ("rrom", "from"),
    ("frorn", "from"),
    ("fron", "from"),
    ("frem", "from"),
    ("ce", "cc"),
    ("cc;", "cc"),
    ("bec", "bcc"),
    ("sont", "sent"),
    ("seni", "sent"),
    ("subj", "subject"),
    ("aau", "aan"),
    ("aun", "aan"),
    ("vau", "van"),
    ("prom", "from"),
    ("var", "van"),
    ("cco", "cc"),
];

/// The ASCII bytes, lower case, that the phrases of a table start with:
/// a test on a line's first byte that rules most lines out before any
/// lower-casing or search.
pub(crate) struct FirstBytes([bool; 128]);

impl FirstBytes {
    pub(crate) fn of<'a>(phrases: impl IntoIterator<Item = &'a str>) -> FirstBytes {
        let mut set = [false; 128];
        for phrase in phrases {
            if let Some(&b) = phrase.as_bytes().first().filter(|b| b.is_ascii()) {
                // OK because an ASCII byte is below 128, the table's length.
                set[usize::from(b.to_ascii_lowercase())] = true;
            }
        }
        FirstBytes(set)
    }

    /// Whether a phrase may start with the byte `b`, in either case; a
    /// non-ASCII byte always may (it may lower-case to anything).
    pub(crate) fn may_start(&self, b: u8) -> bool {
        // OK because an ASCII byte is below 128, the table's length.
        !b.is_ascii() || self.0[usize::from(b.to_ascii_lowercase())]
    }
}

/// The ASCII pairs of bytes, lower case, that the phrases of a table start
/// with: a sharper test than [`FirstBytes`] for a table whose phrases
/// start with common letters.
pub(crate) struct FirstPairs {
    first: FirstBytes,
    /// Bit `a * 128 + b` is set when a phrase starts with the ASCII bytes
    /// `a`, `b`.
    pairs: Vec<u64>,
}

impl FirstPairs {
    pub(crate) fn of<'a>(phrases: impl IntoIterator<Item = &'a str> + Clone) -> FirstPairs {
        let mut pairs = vec![0u64; 128 * 128 / 64];
        for phrase in phrases.clone() {
            match phrase.as_bytes() {
                [a, b, ..] if a.is_ascii() && b.is_ascii() => {
                    let bit = usize::from(a.to_ascii_lowercase()) * 128
                        + usize::from(b.to_ascii_lowercase());
                    // OK because both bytes are below 128: `bit < 128 * 128`.
                    pairs[bit / 64] |= 1 << (bit % 64);
                }
                // A phrase of one byte starts a text whatever follows.
                [a] if a.is_ascii() => {
                    let row = usize::from(a.to_ascii_lowercase()) * 128 / 64;
                    // OK because `a < 128`: the row's two words are in range.
                    pairs[row] = u64::MAX;
                    pairs[row + 1] = u64::MAX;
                }
                _ => {}
            }
        }
        FirstPairs {
            first: FirstBytes::of(phrases),
            pairs,
        }
    }

    /// Whether a phrase may start with `s`, in any case. A non-ASCII
    /// first byte always may (it may lower-case to anything); a non-ASCII
    /// second byte may follow any first byte a phrase starts with (`K`,
    /// the Kelvin sign, lower-cases to `k`). A phrase that starts with an
    /// ASCII byte and then a non-ASCII one never starts an `s` whose
    /// second byte is ASCII, which lower-cases to ASCII.
    pub(crate) fn may_start(&self, s: &str) -> bool {
        match s.as_bytes() {
            [] => true,
            [a] => self.first.may_start(*a),
            [a, b, ..] if a.is_ascii() && b.is_ascii() => {
                let bit =
                    usize::from(a.to_ascii_lowercase()) * 128 + usize::from(b.to_ascii_lowercase());
                // OK because both bytes are below 128: `bit < 128 * 128`.
                self.pairs[bit / 64] >> (bit % 64) & 1 == 1
            }
            [a, ..] => self.first.may_start(*a),
        }
    }
}

/// The shared lookups.
pub(crate) static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let mut labels = Map::default();
    let mut months = Map::default();
    let mut date_words = Map::default();
    let mut separators = Map::default();
    let mut subject_prefixes = Map::default();
    for lang in LANGS {
        for &(label, field) in lang.labels {
            labels.entry(label).or_insert((field, lang.code));
        }
        for &(name, n) in lang.months {
            months.entry(name).or_insert(n);
        }
        for &w in lang.weekdays {
            date_words.insert(w, true);
        }
        for &w in lang.date_fillers {
            date_words.entry(w).or_insert(false);
        }
        for &s in lang.separators {
            separators.entry(s).or_insert(lang.code);
        }
        for &p in lang.subject_prefixes {
            subject_prefixes.insert(p, ());
        }
    }
    for &p in COMMON_SUBJECT_PREFIXES {
        subject_prefixes.insert(p, ());
    }
    let longest_label = labels.keys().map(|k| k.len()).max().unwrap_or(0);
    let mut label_last_bytes = [false; 128];
    for last in labels.keys().filter_map(|k| k.as_bytes().last()) {
        if let Some(entry) = label_last_bytes.get_mut(usize::from(*last)) {
            *entry = true;
        }
    }
    let longest_separator = separators.keys().map(|k| k.len()).max().unwrap_or(0);
    Tables {
        labels,
        longest_label,
        label_last_bytes,
        months,
        date_words,
        zones: ZONES.iter().copied().collect(),
        separators,
        longest_separator,
        subject_prefixes,
    }
});

/// The entry for a language code.
pub(crate) fn lang(code: &str) -> Option<&'static Lang> {
    LANGS.iter().find(|l| l.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every label ends with a byte of the table, and the table holds no
    /// byte that no label ends with: a time's digit ends none.
    #[test]
    fn label_last_bytes_are_the_last_bytes_of_the_labels() {
        for b in 0u8..128 {
            let ends_one = TABLES
                .labels
                .keys()
                .any(|k| k.as_bytes().last() == Some(&b));
            assert_eq!(
                TABLES.label_last_bytes[usize::from(b)],
                ends_one,
                "{:?}",
                char::from(b)
            );
        }
        assert!(TABLES.label_last_bytes[usize::from(b'm')]);
        assert!(!TABLES.label_last_bytes[usize::from(b'7')]);
    }

    /// A text may start with a phrase exactly when its first two bytes
    /// could be the phrase's, in any case; a phrase of one byte starts any
    /// text that opens with it.
    #[test]
    fn first_pairs_admit_what_a_phrase_may_start() {
        let pairs = FirstPairs::of(["ab", "x", "éa", "cé"]);
        for (text, may) in [
            ("ab", true),
            ("AB cd", true),
            ("aB", true),
            ("ac", false),
            ("ba", false),
            ("x", true),
            ("xyz", true),
            ("Xé", true),
            ("Éa", true),
            ("c", true),
            ("cé", true),
            ("ca", false),
            ("d", false),
            ("", true),
        ] {
            assert_eq!(pairs.may_start(text), may, "{text:?}");
        }
    }

    #[test]
    fn every_word_is_lower_case_and_trimmed() {
        for lang in LANGS {
            let words = lang
                .labels
                .iter()
                .map(|l| l.0)
                .chain(lang.months.iter().map(|m| m.0))
                .chain(lang.weekdays.iter().copied())
                .chain(lang.closings.iter().copied())
                .chain(lang.greetings.iter().copied())
                .chain(lang.separators.iter().copied())
                .chain(lang.on_behalf.iter().copied())
                .chain(lang.attribution_verbs.iter().copied())
                .chain(lang.sent_from.iter().copied());
            for w in words {
                assert_eq!(w, w.to_lowercase(), "{}: {w:?}", lang.code);
                assert_eq!(w, w.trim(), "{}: {w:?}", lang.code);
                assert!(!w.ends_with('.'), "{}: {w:?}", lang.code);
            }
        }
    }

    #[test]
    fn a_label_names_one_field_in_every_language() {
        let mut seen: HashMap<&str, HeaderField> = HashMap::new();
        for lang in LANGS {
            for &(label, field) in lang.labels {
                if let Some(&f) = seen.get(label) {
                    assert_eq!(f, field, "{label:?} in {}", lang.code);
                }
                seen.insert(label, field);
            }
        }
    }

    #[test]
    fn a_month_name_names_one_month_in_every_language() {
        let mut seen: HashMap<&str, u32> = HashMap::new();
        for lang in LANGS {
            for &(name, n) in lang.months {
                if let Some(&m) = seen.get(name) {
                    assert_eq!(m, n, "{name:?} in {}", lang.code);
                }
                seen.insert(name, n);
            }
        }
    }

    #[test]
    fn the_required_languages_are_there() {
        for code in [
            "nl", "en", "de", "fr", "es", "it", "pt", "sv", "da", "no", "fi", "pl", "cs", "hu",
            "ru", "tr",
        ] {
            assert!(lang(code).is_some(), "{code}");
        }
    }
}
