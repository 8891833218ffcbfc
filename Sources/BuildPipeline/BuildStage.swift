import Engine
import EventStore
import Formatting

/// One named step of a build over a ``BuildContext``: open the snapshot, load the catalog, fix
/// the as-of time, restore or make the state, start the clusters, scan the rows, sample them,
/// count the users, merge partial states, settle, keep the clusters, finish, add the clusters.
///
/// A build, a partition's build and a merge are lists of stages (see ``ReportPipeline``), each
/// stage written once; ``run(_:_:)`` times every stage for `--verbose`.
struct BuildStage<Reader: EventSourceReader> {
  /// The name `--verbose` prints, e.g. "scan rows".
  let name: String
  /// What the stage does to the shared context.
  let body: (inout BuildContext<Reader>) throws -> Void

  /// Runs `stages` in order over `context`, timing each, until one leaves an early result.
  static func run(_ stages: [BuildStage], _ context: inout BuildContext<Reader>) throws {
    for stage in stages {
      context.detail = nil
      try stage.body(&context)
      context.clock.lap(context.detail.map { "\(stage.name) (\($0))" } ?? stage.name)
      if context.early != nil { return }
    }
  }
}
