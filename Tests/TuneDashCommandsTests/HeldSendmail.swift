import Foundation
import TestSupport

/// A sendmail wrapper that passes every message straight to the real program, except from the
/// `call`-th on: each of those creates `holding-N` (N its call number), waits for a `release`
/// file, then passes its message on and creates `done-N`. With one job only call `call` is
/// held; with `jobs` programs at once, the jobs go on until every one of them holds a message.
/// A test can so kill TuneDash at the one moment that matters — messages handed over, their
/// outcomes not yet logged — on every run, however fast the machine.
struct HeldSendmail {
  /// The first call that is held (1 for the first message).
  let call: Int
  /// The wrapper's folder: its call counter, its lock and the signal files.
  let folder: String

  init(in fixture: Fixture, call: Int) {
    self.call = call
    folder = fixture.path("held-sendmail")
  }

  /// The file `name` in the wrapper's folder.
  func path(_ name: String) -> String { folder + "/" + name }

  /// Writes the wrapper and returns the `--sendmail` command that runs `command` through it.
  func command(wrapping command: String) throws -> String {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    // TuneDash may run several at once: the counter is read and written under flock(1).
    let script = """
      #!/bin/sh
      folder="$1"; shift
      count=$(flock "$folder/lock" sh -c 'n=$(( $(cat "$1/count" 2>/dev/null || echo 0) + 1 )); echo "$n" > "$1/count"; echo "$n"' sh "$folder")
      [ "$count" -ge \(call) ] || exec "$@"
      : > "$folder/holding-$count"
      # TuneDash, which reads this program's output, is killed while it waits: write elsewhere.
      exec >"$folder/output-$count" 2>&1
      while [ ! -e "$folder/release" ]; do sleep 0.05; done
      "$@"
      status=$?
      : > "$folder/done-$count"
      exit $status

      """
    let wrapper = path("wrapper.sh")
    try script.write(toFile: wrapper, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: wrapper)
    return "\(wrapper) \(folder) \(command)"
  }

  /// What the real program printed for the held messages.
  var output: String {
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
      .filter { $0.hasPrefix("output-") }.sorted()
    let text = names.map { (try? String(contentsOfFile: path($0), encoding: .utf8)) ?? "" }
      .joined()
    return text.isEmpty ? "(nothing)" : text
  }

  /// How many signal files start with `prefix` (`holding-`, `done-`).
  func count(_ prefix: String) -> Int {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
      .filter { $0.hasPrefix(prefix) }.count
  }

  /// Waits up to two minutes until `number` signal files start with `prefix`; whether they
  /// did.
  func wait(for prefix: String, _ number: Int) -> Bool {
    let deadline = Date().addingTimeInterval(120)
    while count(prefix) < number {
      guard Date() < deadline else { return false }
      usleep(10_000)
    }
    return true
  }
}
