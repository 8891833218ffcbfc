import ArgumentParser

/// The exit codes of every command, following the BSD `sysexits` convention that schedulers
/// and scripts already know. Listed in `tunedash --help`.
public enum ExitStatus: Int32, CaseIterable, Sendable {
  /// Everything worked.
  case success = 0
  /// An unexpected failure inside TuneDash (a bug: please report it).
  case internalError = 1
  /// Wrong command-line usage: an unknown option or a bad value (a time zone, a date, a number).
  case usage = 64
  /// The database is not valid input: not SQLite, damaged, or missing a table or column; or,
  /// for `publish`, the folder is not a site TuneDash built; or, for `merge`, partial states
  /// that do not fit together (another as-of time, cut, option, catalog or version, a partition
  /// twice or missing).
  case badInput = 65
  /// The database file or PostgreSQL database (or a state file or object `merge` was given) does
  /// not exist.
  case noInput = 66
  /// The storage service (of `publish`, or of `s3://` state files) or the PostgreSQL server could
  /// not be reached, kept failing after retries, or went away during the read; or the sendmail program of `digest --send` does not
  /// exist.
  case unavailable = 69
  /// The output could not be written (permissions, full disk).
  case cannotWrite = 73
  /// Try again later: the database, the output folder or the send log is locked by another run;
  /// or `digest --send` had messages refused, which the next run retries.
  case tryAgain = 75
  /// The storage service (of `publish`, or of `s3://` state files) or the PostgreSQL server
  /// refused the credentials, or a privilege
  /// (bucket policy, SELECT on a table) is missing.
  case permissionDenied = 77
  /// The templates are missing or broken, or a configuration value is wrong.
  case configuration = 78

  /// The `ArgumentParser` exit code.
  public var exitCode: ExitCode { ExitCode(rawValue) }

  /// What the code means, for `--help` and the README's table (one source: a test checks that
  /// the README's table is ``markdownTable``). Code spans in backticks.
  public var meaning: String {
    switch self {
    case .success: "success"
    case .internalError: "internal error (a bug; please report it)"
    case .usage:
      "usage error: unknown option or bad value (a bad `--timezone` or `--as-of` too; a `--db` that is a libpq "
        + "keyword/value string or a URL libpq does not read); one line starting `tunedash:`"
    case .badInput:
      "bad input: not an SQLite database, damaged, or missing a schema v1 table or column (on PostgreSQL too, "
        + "or another PostgreSQL error, or a `--db` URI or value libpq cannot read); for `publish`, a folder that "
        + "is not a site TuneDash built; for `digest`, a damaged send log or a week without events (with `--owners`, "
        + "a database without any); for `merge`, partial states "
        + "that do not fit together (another as-of time, cut, option, catalog or version; a partition twice or "
        + "missing; shared listeners), and for `build --partition`, a database without events or a `--cut` it has "
        + "not reached"
    case .noInput:
      "the database file, or the PostgreSQL database on its server (or, for `publish`, the site folder; for "
        + "`merge`, a state file or `s3://` state object, or none under `--states`), does not exist"
    case .unavailable:
      "the PostgreSQL server is unreachable, went away during the read or sent nothing for `TUNEDASH_PG_SILENCE` "
        + "seconds (the old site stays); `publish` and `s3://` "
        + "state files: the storage service is unreachable or kept failing after retries; `digest --send`: the sendmail program "
        + "does not exist"
    case .cannotWrite:
      "cannot write the output (permissions, full disk, or a `--state` or `--state-out` folder that does not exist)"
    case .tryAgain:
      "locked: another process holds the database (on PostgreSQL, a table it reads, past `--db-wait`) or "
        + "the output folder (for `digest`, the send log); try again later. `digest --send`: the mail program refused some messages, "
        + "or a signal stopped the run before every message was handed over; the next run sends them "
        + "(one the program may have taken before it failed stays unconfirmed: sent again only with `--retry-unconfirmed`)"
    case .permissionDenied:
      "access denied: this user may not open the SQLite database file (or a WAL database's `-wal` and "
        + "`-shm` files); PostgreSQL refused the login or a `SELECT` privilege (for `init`, the right to "
        + "create tables); `publish` and `s3://` state files: check the credentials and the bucket policy"
    case .configuration:
      "configuration error: missing or broken template, key file (unreadable, readable by others, or under 16 "
        + "bytes; for `digest`, missing), bucket or credentials, a bucket in another region (the line names it) "
        + "or a storage service that redirects (never followed: it would carry the signed headers elsewhere), "
        + "or a `TUNEDASH_PG_SILENCE` that is no number"
    }
  }

  /// Every code and its meaning for `--help`, wrapped to fit an 80-column terminal once the
  /// argument parser has indented it (it re-wraps longer lines, leaving orphan words).
  public static var helpText: String {
    let width = 76
    var lines = ["Exit codes:"]
    for status in allCases {
      var line = "  " + String(status.rawValue).padding(toLength: 4, withPad: " ", startingAt: 0)
      for word in status.meaning.replacingOccurrences(of: "`", with: "").split(separator: " ") {
        if line.count + 1 + word.count > width && line.count > 6 {
          lines.append(line)
          line = String(repeating: " ", count: 6) + word
        } else {
          line += (line.hasSuffix(" ") ? "" : " ") + word
        }
      }
      lines.append(line)
    }
    return lines.joined(separator: "\n")
  }

  /// The README's table of codes, in Markdown.
  public static var markdownTable: String {
    (["| code | meaning |", "|---|---|"] + allCases.map { "| \($0.rawValue) | \($0.meaning) |" })
      .joined(separator: "\n")
  }
}
