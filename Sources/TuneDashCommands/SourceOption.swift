import ArgumentParser

/// `--db`, the source database, as the commands that read one declare it (`build` and `merge`
/// say more about it in their own help).
struct SourceOption: ParsableArguments {
  /// An SQLite file or a `postgresql://` location; always opened read-only.
  @Option(
    name: .long,
    help:
      "The source database (opened read-only): an SQLite file, or postgresql://USER@HOST:PORT/DBNAME."
  )
  var db: String
}
