import Foundation
import Testing

@testable import Digest

/// The send log: states survive a reopen, the file is private, a second run is refused, and a
/// damaged line stops the run instead of resending.
@Suite struct SendLogTests {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
    "sendlog-\(UUID().uuidString)")

  init() throws {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  var path: String { folder.appendingPathComponent("digest.sent").path }

  @Test func statesSurviveAReopen() throws {
    do {
      let log = try SendLog(path: path)
      try log.record(.handing, week: "2026-11-29", key: "aa")
      try log.record(.sent, week: "2026-11-29", key: "aa")
      try log.record(.handing, week: "2026-11-29", key: "bb")
      try log.record(.handing, week: "2026-11-29", key: "cc")
      try log.record(.failed(75), week: "2026-11-29", key: "cc")
    }
    let log = try SendLog(path: path)
    #expect(log.state(week: "2026-11-29", key: "aa") == .sent)
    #expect(log.state(week: "2026-11-29", key: "bb") == .handing)
    #expect(log.state(week: "2026-11-29", key: "cc") == .failed(75))
    #expect(log.state(week: "2026-11-22", key: "aa") == nil)
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
  }

  @Test func aSecondRunIsRefusedWhileTheFirstHoldsTheLog() throws {
    let first = try SendLog(path: path)
    #expect(throws: DigestError.self) { try SendLog(path: path) }
    _ = first
  }

  @Test func aDamagedLineStopsTheRun() throws {
    try "2026-11-29 aa sent\n2026-11-29 bb maybe\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    #expect {
      try SendLog(path: path)
    } throws: { error in
      (error as? DigestError)?.kind == .badLog && "\(error)".contains("line 2")
    }
  }
}
