import Foundation
import TuneDashCommands

/// The `tunedash` executable: a thin entry point over ``TuneDash``.
@main
enum TuneDashMain {
  static func main() async {
    // Past a file-size limit (`ulimit -f`), let writes fail with an error we can report
    // instead of the signal killing the process silently.
    signal(SIGXFSZ, SIG_IGN)
    await TuneDash.main(nil)
  }
}
