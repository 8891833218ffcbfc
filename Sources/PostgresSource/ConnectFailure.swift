/// What kind of failure one connection attempt's reason is, from libpq's English text (a failed
/// login has no SQLSTATE), ordered from the least telling to the most: with several hosts,
/// the most telling decides what TuneDash reports (``EventStoreError/connecting(_:place:)``).
enum ConnectFailure: Int, Comparable {
  /// Nothing more specific: refused, timed out, no route, a name that does not resolve.
  case unreachable
  /// TLS could not be set up or the server's certificate not verified.
  case tls
  /// The server refused the login: a wrong password, an unknown role, `pg_hba.conf`.
  case loginRefused
  /// The server wants a client certificate, or refused the one given.
  case clientCertificate
  /// The database does not exist on that server.
  case missingDatabase
  /// The server wants a password and none was given.
  case noPassword
  /// A value libpq checks before connecting (`sslmode=bogus`, a port that is no number, a
  /// service missing from the service file): the URI is wrong, not the server away.
  case badURI

  /// The kind of `reason` (one attempt's, without libpq's framing), judged on its words alone:
  /// what libpq quotes in it — a host, role or database name, `"pg-tls.internal"` — is emptied
  /// first (`""`), so that a name never decides the kind.
  init(_ reason: String) {
    let pieces = reason.split(separator: "\"", omittingEmptySubsequences: false)
    let words = pieces.enumerated().map { $0.offset % 2 == 0 ? String($0.element) : "" }
      .joined(separator: "\"")
    let lowered = words.lowercased()
    let has = { (words: String) in lowered.contains(words) }
    if (has("invalid ") && (has(" value") || has("connection option")))
      || has("invalid port number") || has("definition of service") || has("service file")
    {
      self = .badURI
    } else if has("no password supplied") {
      self = .noPassword
    } else if has("database \"") && has("does not exist") {
      self = .missingDatabase
    } else if has("client certificate") || has("certificate authentication failed") {
      self = .clientCertificate
    } else if has("authentication failed") || has("role \"") || has("pg_hba.conf")
      || has("permission denied")
    {
      self = .loginRefused
    } else if has("ssl") || has("tls") || has("certificate") {
      self = .tls
    } else {
      self = .unreachable
    }
  }

  static func < (lhs: ConnectFailure, rhs: ConnectFailure) -> Bool {
    lhs.rawValue < rhs.rawValue
  }
}
