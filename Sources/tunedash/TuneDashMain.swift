import ArgumentParser
import Foundation
import TuneDashCommands

/// The `tunedash` executable: a thin entry point over ``TuneDash``.
@main
enum TuneDashMain {
  static func main() async {
    // Past a file-size limit (`ulimit -f`), let writes fail with an error we can report
    // instead of the signal killing the process silently.
    signal(SIGXFSZ, SIG_IGN)
    // A reader that went away (`tunedash … | head`) fails a write with EPIPE, which is ignored
    // (``StandardStream``), instead of killing the run half-way; and a parent that ignored
    // SIGCHLD must not make the mail programs' exits unknowable (`waitpid` would fail).
    signal(SIGPIPE, SIG_IGN)
    signal(SIGCHLD, SIG_DFL)
    // Standard streams a parent closed are /dev/null: otherwise the next file opened (a state,
    // the send log) would take descriptor 1 or 2, and a warning would be written into it.
    for descriptor in STDIN_FILENO...STDERR_FILENO where fcntl(descriptor, F_GETFD) == -1 {
      _ = open("/dev/null", O_RDWR)
    }
    // Nothing TuneDash writes may be changed by other users, whatever the umask it was started
    // with (cron's, a shell's `umask 000`): pages could be altered between a build and its
    // publish. Private files get 0600 of their own.
    umask(umask(0o022) | 0o022)
    do {
      var command = try TuneDash.parseAsRoot()
      if var command = command as? AsyncParsableCommand {
        try await command.run()
      } else {
        try command.run()
      }
    } catch {
      let code = TuneDash.exitCode(for: error)
      guard code == .validationFailure, !(error is ExitCode) else {
        TuneDash.exit(withError: error)
      }
      // A usage error is one line, like every other failure, with where to read more.
      let message = TuneDash.message(for: error).split(separator: "\n").joined(separator: " ")
      let line =
        "tunedash: \(message); see `\(UsageHint.helpCommand(for: CommandLine.arguments))`\n"
      _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
      exit(code.rawValue)
    }
  }
}
