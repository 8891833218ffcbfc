import Foundation
import TestSupport

/// A sendmail wrapper that passes every message straight to the real program, except the
/// `call`-th: for that one it creates `holding`, waits for a `release` file, then passes it on
/// and creates `done`. A test can so kill TuneDash at the one moment that matters — a message
/// handed over, its outcome not yet logged — on every run, however fast the machine.
struct HeldSendmail {
  /// The call that is held (1 for the first message).
  let call: Int
  /// The wrapper's folder: its call counter and the three signal files.
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
    // TuneDash hands messages over one at a time, so the counter needs no lock.
    let script = """
      #!/bin/sh
      folder="$1"; shift
      count=$(( $(cat "$folder/count" 2>/dev/null || echo 0) + 1 ))
      echo "$count" > "$folder/count"
      [ "$count" -eq \(call) ] || exec "$@"
      : > "$folder/holding"
      # TuneDash, which reads this program's output, is killed while it waits: write elsewhere.
      exec >"$folder/output" 2>&1
      while [ ! -e "$folder/release" ]; do sleep 0.05; done
      "$@"
      status=$?
      : > "$folder/done"
      exit $status

      """
    let wrapper = path("wrapper.sh")
    try script.write(toFile: wrapper, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: wrapper)
    return "\(wrapper) \(folder) \(command)"
  }

  /// What the real program printed for the held message.
  var output: String {
    (try? String(contentsOfFile: path("output"), encoding: .utf8)) ?? "(nothing)"
  }

  /// Waits up to two minutes for the signal file `name`; whether it appeared.
  func wait(for name: String) -> Bool {
    let deadline = Date().addingTimeInterval(120)
    while !FileManager.default.fileExists(atPath: path(name)) {
      guard Date() < deadline else { return false }
      usleep(10_000)
    }
    return true
  }
}
