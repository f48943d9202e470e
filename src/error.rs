//! The one public error type, for what is not a diagnostic: I/O failures
//! and input that is not mail at all.
//!
//! Parsing text never returns an error; problems inside a document are
//! [`Diagnostic`](crate::Diagnostic)s in the result.

use std::path::PathBuf;

/// A `Result` with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// Why a file or stream could not be read.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct Error(Box<ErrorKind>);

/// The kinds of [`Error`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Reading a file, directory or stream failed.
    #[error("{path}: {source}")]
    Io {
        /// The path being read (`-` for standard input).
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The input is not mail: binary data, or an email whose headers
    /// cannot be read.
    #[error("{path}: not mail: {reason}")]
    NotMail {
        /// The path being read.
        path: PathBuf,
        /// What gave it away.
        reason: String,
    },
}

impl Error {
    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// Whether the error is an I/O failure.
    pub fn is_io(&self) -> bool {
        matches!(*self.0, ErrorKind::Io { .. })
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error(Box::new(ErrorKind::Io {
            path: path.into(),
            source,
        }))
    }

    pub(crate) fn not_mail(path: impl Into<PathBuf>, reason: impl Into<String>) -> Error {
        Error(Box::new(ErrorKind::NotMail {
            path: path.into(),
            reason: reason.into(),
        }))
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Error {
        Error(Box::new(kind))
    }
}
