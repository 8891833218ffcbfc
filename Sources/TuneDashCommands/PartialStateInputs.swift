import BuildPipeline
import Foundation
import Publishing

/// The partial states `merge` was given: local files, `s3://BUCKET/KEY` objects, and every
/// `*.state` object directly under `--states s3://BUCKET/PREFIX/`. Objects are downloaded one
/// after the other into a private scratch folder and read like a local file, known in messages by
/// its `s3://` name. The folder is removed as soon as every state is open: the open descriptors
/// keep the downloaded bytes readable until the merge has read them, and nothing is left behind.
struct PartialStateInputs {
  /// The files and objects named on the command line.
  var arguments: [String]
  /// `--states`: a prefix whose state objects are all merged.
  var prefix: String?
  /// Where object storage is.
  var storage: StorageOptions

  /// Opens (and downloads) every partial state, in the order given, the listed ones after.
  ///
  /// - Throws: `CommandError` with exit 66 for a file or object that does not exist, or a
  ///   prefix without state objects; `PublishError` when object storage fails.
  func open() async throws -> [ReportPipeline.Partial] {
    var names = arguments
    var folder: ScratchFolder?
    var store: StateStore?
    func storeForObjects() throws -> StateStore {
      if let store { return store }
      let made = StateStore(configuration: try storage.configuration())
      store = made
      return made
    }
    if let prefix {
      let location = try S3Location(prefix)
      let listed = try await storeForObjects().states(under: location)
      guard !listed.isEmpty else {
        throw CommandError(
          message: "there are no \(StateStore.fileExtension) objects directly under \(location)",
          hint:
            "give the prefix the partition builds' --state-out s3://BUCKET/PREFIX/part-I.state went to",
          status: .noInput)
      }
      names += listed.map(\.description)
    }
    var partials: [ReportPipeline.Partial] = []
    for (index, name) in names.enumerated() {
      var file = URL(fileURLWithPath: name)
      if S3ObjectLocation.matches(name) {
        let object = try S3ObjectLocation(name)
        if folder == nil { folder = try ScratchFolder() }
        file = folder!.file("\(index)\(StateStore.fileExtension)")
        guard try await storeForObjects().download(object, to: file) else {
          throw Self.missing(name)
        }
      }
      if PrivateFile.isFolder(file.path) {
        throw CommandError(
          message: "the partial state \(name) is a folder",
          hint: "pass the state files in it, e.g. \(name)/part-*.state", status: .usage)
      }
      guard let state = StateSource(file: file) else { throw Self.missing(name) }
      partials.append(ReportPipeline.Partial(name: name, state: state))
    }
    withExtendedLifetime(folder) {}
    return partials
  }

  private static func missing(_ name: String) -> CommandError {
    CommandError(
      message: "cannot open the partial state \(name)",
      hint: "pass the files tunedash build --partition I/N --state-out FILE wrote",
      status: .noInput)
  }
}
