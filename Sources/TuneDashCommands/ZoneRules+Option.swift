import ReportModel

extension ZoneRules {
  /// The rules of `--timezone NAME`, or a usage error naming it.
  static func option(_ name: String) throws -> ZoneRules {
    guard let zone = ZoneRules(identifier: name) else {
      throw CommandError(
        message: "unknown time zone \"\(name)\"",
        hint: "use an IANA name such as UTC, Europe/Paris or America/New_York", status: .usage)
    }
    return zone
  }
}
