import TuneDashCommands

/// The `tunedash` executable: a thin entry point over ``TuneDash``.
@main
enum TuneDashMain {
  static func main() async {
    await TuneDash.main(nil)
  }
}
