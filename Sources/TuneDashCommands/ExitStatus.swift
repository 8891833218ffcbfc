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
  /// The database file or PostgreSQL database (or a state file `merge` was given) does not
  /// exist.
  case noInput = 66
  /// The storage service or the PostgreSQL server could not be reached, kept failing after
  /// retries, or went away during the read; or the sendmail program of `digest --send` does not
  /// exist.
  case unavailable = 69
  /// The output could not be written (permissions, full disk).
  case cannotWrite = 73
  /// Try again later: the database, the output folder or the send log is locked by another run;
  /// or `digest --send` had messages refused, which the next run retries.
  case tryAgain = 75
  /// The storage service or the PostgreSQL server refused the credentials, or a privilege
  /// (bucket policy, SELECT on a table) is missing.
  case permissionDenied = 77
  /// The templates are missing or broken, or a configuration value is wrong.
  case configuration = 78

  /// The `ArgumentParser` exit code.
  public var exitCode: ExitCode { ExitCode(rawValue) }

  /// One line per code, for `--help`.
  public static var helpText: String {
    """
    Exit codes:
      0   success
      1   internal error (a bug; please report it)
      64  usage error: unknown option or bad value (a bad --timezone or --as-of too)
      65  bad input: not an SQLite database, damaged, or missing a schema v1 table or column
          (on PostgreSQL too, or another server error); for publish, a folder that is not a
          site tunedash built; for digest, a damaged send log; for merge, partial states that
          do not fit together (as-of, cut, options, catalog, version, a partition twice or
          missing)
      66  the database file or PostgreSQL database (or, for publish, the site folder; for
          merge, a state file) does not exist
      69  the PostgreSQL server is unreachable or went away during the read; for publish, the
          storage service is unreachable or kept failing after retries; for digest --send,
          the sendmail program does not exist
      73  cannot write the output (permissions, full disk)
      75  locked: another process holds the database, the output folder or the send log; try
          again later. digest --send: some messages were refused; the next run retries them
      77  access denied: PostgreSQL refused the password or a SELECT privilege; for publish,
          check the credentials and the bucket policy
      78  configuration error: missing or broken template, key file, bucket or credentials
    """
  }
}
