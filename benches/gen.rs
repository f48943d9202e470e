//! Deterministic benchmark input, shared by the benchmarks: reply chains in
//! several languages and client forms, with a known number of messages.

#![allow(dead_code)]

/// One quoted level of a reply chain: the header block or attribution
/// line that opens it, in the form of one client and language.
fn opener(form: usize, k: usize) -> String {
    let day = 1 + k % 28;
    match form % 6 {
        0 => format!(
            "-----Original Message-----\nFrom: Ann Smith {k} <ann{k}@example.org>\nSent: Monday, March {day}, 2021 10:{:02} AM\nTo: Bob Jones <bob@example.org>\nCc: Team <team@example.org>\nSubject: RE: budget {k}\n\n",
            k % 60
        ),
        1 => format!(
            "Van: Jan de Vries {k} <jan{k}@example.nl>\nVerzonden: maandag {day} maart 2021 10:{:02}\nAan: Piet <piet@example.nl>\nOnderwerp: RE: begroting [23.000{k:04}]\n\n",
            k % 60
        ),
        2 => format!("Am {day}.03.2021 um 10:{:02} schrieb Klaus {k} <klaus{k}@example.de>:\n", k % 60),
        3 => format!("Le lun. {day} mars 2021 à 10:{:02}, Marie {k} <marie{k}@example.fr> a écrit :\n", k % 60),
        4 => format!("On Mon, Mar {day}, 2021 at 10:{:02} AM Sam {k} <sam{k}@example.com> wrote:\n", k % 60),
        _ => format!(
            "________________________________\nDe: Ana {k} <ana{k}@example.es>\nEnviado: lunes, {day} de marzo de 2021 10:{:02}\nPara: Luis <luis@example.es>\nAsunto: RE: presupuesto\n\n",
            k % 60
        ),
    }
}

fn body(form: usize, k: usize) -> String {
    match form % 6 {
        1 => format!(
            "Beste Piet,\n\nHierbij de cijfers voor kwartaal {k}. Zie ook aanbeveling (3) van het rapport;\n10.2.e staat bij de namen. [GELAKT: 5.1.2e]\n\nMet vriendelijke groet,\n\nJan de Vries\nMinisterie van Justitie en Veiligheid\nT 070 123 4567\n"
        ),
        2 => format!("Hallo,\n\nanbei die Zahlen für Quartal {k}.\n\nMit freundlichen Grüßen\nKlaus\n"),
        3 => format!("Bonjour,\n\nvoici les chiffres du trimestre {k}.\n\nCordialement,\nMarie\n"),
        5 => format!("Hola Luis,\n\nte envío las cifras del trimestre {k}.\n\nSaludos,\nAna\n"),
        _ => format!(
            "Hi Bob,\n\nThe numbers for quarter {k} are attached; (b)(6) was withheld.\nLet me know what you think.\n\nBest regards,\nAnn\n"
        ),
    }
}

/// A reply chain of `depth + 1` messages (the top one and `depth` quoted
/// levels); attribution levels are `>`-quoted like a real client does.
pub fn thread(seed: usize, depth: usize) -> String {
    let mut out = body(seed, seed);
    let mut quote = String::new();
    for level in 1..=depth {
        let form = seed + level;
        let open = opener(form, seed * 7 + level);
        let text = body(form, seed * 7 + level);
        let prefix = quote.clone();
        out.push('\n');
        for line in open.lines() {
            out.push_str(&prefix);
            out.push_str(line);
            out.push('\n');
        }
        // An attribution line quotes what follows one level deeper.
        if matches!(form % 6, 2..=4) {
            quote.push_str("> ");
        }
        for line in text.lines() {
            out.push_str(&quote);
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// `n` threads of depth 0 to 4 one after another, as one long transcript,
/// and the number of messages it holds.
pub fn transcript(n: usize) -> (String, usize) {
    let mut text = String::new();
    let mut messages = 0;
    for i in 0..n {
        let depth = i % 5;
        text.push_str(&thread(i, depth));
        text.push('\n');
        messages += depth + 1;
    }
    (text, messages)
}

/// An mbox of `n` emails whose bodies are reply chains, and the number of
/// messages it holds (each email's own, plus its quoted ones).
pub fn mbox(n: usize) -> (Vec<u8>, usize) {
    let mut out = Vec::new();
    let mut messages = 0;
    for i in 0..n {
        let depth = i % 5;
        let body = thread(i + 1, depth);
        out.extend_from_slice(
            format!(
                "From bench@example.org Mon Mar  1 10:00:00 2021\nMessage-ID: <{i}@bench.invalid>\nFrom: Top {i} <top{i}@example.org>\nTo: Bob <bob@example.org>\nSubject: RE: budget {i}\nDate: Mon, 1 Mar 2021 10:{:02}:00 +0100\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n",
                i % 60
            )
            .as_bytes(),
        );
        for line in body.lines() {
            if line.starts_with("From ") {
                out.push(b'>');
            }
            out.extend_from_slice(line.as_bytes());
            out.push(b'\n');
        }
        out.push(b'\n');
        messages += depth + 1;
    }
    (out, messages)
}
